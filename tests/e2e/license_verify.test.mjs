// SPDX-License-Identifier: MulanPSL-2.0
// A member of the public checks licence files on the 电子营业执照核验 page: a licence whose
// facts were changed after signing is refused, as JSON and inside a PDF; an unknown QR token
// and an unknown USCC are explained.
export default async function ({ page, base, shot, check }) {
  // The platform's signing key, as relying parties fetch it.
  const keys = await (await fetch(`${base}/api/v1/licenses/keys`)).json()
  check.ok(keys.keys.length > 0, 'the platform has a signing key')
  const signing = keys.keys.find((k) => k.signing)
  const keyId = signing.key_id
  check.equal(signing.alg, 'SM3withSM2', 'the platform signs with SM2 and SM3')
  // A licence document in the platform's form whose signature does not cover its facts:
  // what a forger who edited the name of a genuine licence would hold.
  const tampered = {
    alg: signing.alg,
    payload: {
      address: '浙江省杭州市西湖区文三路 1 号', business_scope: '软件开发', established_on: '2026-02-13',
      issued_on: '2026-02-13', key_id: keyId, kind: 'enterprise', kind_name: '有限责任公司',
      legal_rep_name: '张三', legal_rep_title: '法定代表人', name: '杭州西湖冒名科技有限公司',
      registered_capital: 1000000, registration_authority: '杭州市西湖区市场监督管理局',
      serial: '20260000000001', type: 'business_license', uscc: '91330106MA2B00001X', version: 1,
    },
    signature: Buffer.alloc(64, 7).toString('base64'),
  }

  await page.goto(base)
  await page.click('[data-test="entry-/license"]')
  await page.waitForURL('**/license')
  const input = page.locator('[data-test="license-file"]')
  await input.waitFor({ state: 'attached' })

  // 1. The JSON file.
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/licenses/verify') && r.ok()),
    input.setInputFiles({
      name: 'license.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)),
    }),
  ])
  const verdict = page.locator('[data-test="verdict"]')
  await verdict.waitFor()
  check.equal(await verdict.getAttribute('data-valid'), 'false', 'the tampered JSON is refused')
  check.equal(await verdict.getAttribute('data-code'), 'bad_signature', 'because of its signature')
  check.includes(await page.locator('[data-test="verdict-title"]').textContent(), '核验未通过',
    'the verdict title')
  check.includes(await page.locator('[data-test="verdict-reason"]').textContent(), '改动',
    'the reason in Chinese')
  check.equal(await page.locator('[data-test="license-facts"]').count(), 0,
    'facts the platform did not sign are not shown')
  await shot('license-verify-tampered')

  // 2. The same document inside a PDF, where licence PDFs carry it after %%EOF.
  const pdf = Buffer.concat([
    Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
    Buffer.from('%AMR-LICENSE-DOCUMENT-BEGIN\n%'),
    Buffer.from(Buffer.from(JSON.stringify(tampered), 'utf8').toString('base64')),
    Buffer.from('\n%AMR-LICENSE-DOCUMENT-END\n'),
  ])
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/licenses/verify') && r.ok()),
    input.setInputFiles({ name: 'license.pdf', mimeType: 'application/pdf', buffer: pdf }),
  ])
  await page.locator('[data-test="verdict"][data-code="bad_signature"]').waitFor()

  // 3. A PDF without licence data is explained without asking the server.
  await input.setInputFiles({
    name: 'other.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
  })
  const err = page.locator('[data-test="verify-error"]')
  await err.waitFor()
  check.includes(await err.textContent(), '没有电子营业执照数据', 'a PDF of something else')

  // 4. An unknown dynamic QR token.
  await page.goto(`${base}/license/verify/no-such-token-0000`)
  await page.locator('[data-test="verify-error"]').waitFor()
  check.includes(await page.locator('[data-test="verify-error"]').textContent(), '二维码无效',
    'an unknown token')

  // 5. The printed check, by USCC and serial, of a USCC without a licence.
  await page.goto(`${base}/license/check?uscc=91330106MA2B00001X&serial=20260000000001`)
  await page.locator('[data-test="verify-error"]').waitFor()
  check.includes(await page.locator('[data-test="verify-error"]').textContent(), '没有找到',
    'a USCC without a licence')
  await shot('license-verify-not-found')
}
