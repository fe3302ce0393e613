// SPDX-License-Identifier: MulanPSL-2.0
// A window clerk of the demo county bureau sends the one form for an
// applicant at the counter (开办受理) and sees the decision.
import { DEMO_PASSWORD, loginAs } from './run.mjs'
import { field, fillCommon, pick, supplyAll } from './establishment_helpers.mjs'

export default async function ({ page, base, shot, check, out }) {
  await loginAs(page, base, '330106-amr-06', DEMO_PASSWORD)
  await page.goto(`${base}/workbench/intake`)
  await page.locator('[data-test="missing-list"]').waitFor()
  await pick(page, 'kind-select', '个体工商户')
  await page.fill(field('apply-name'), '西湖区王记五金店')
  await fillCommon(page, {
    rep: '王五', id: '440524188001010014', address: '浙江省杭州市西湖区留下街道 3 号',
    industry: '52', scope: ['五金产品零售'],
  })
  await supplyAll(page)
  await page.locator('[data-test="missing"] .el-alert--success').waitFor()
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/window/establishments') && r.request().method() === 'POST'),
    page.click('[data-test="submit-button"]'),
  ])
  check.equal(res.status(), 201, 'the window submission is accepted')
  const app = await res.json()
  check.equal(app.channel, 'window', 'recorded as a window submission')
  await page.locator('[data-test="decision"]').waitFor()
  check.equal(await page.locator('[data-test="application-id"]').innerText(), String(app.id), 'its number is shown')
  await shot('establishment-window-decision')

  // 受理回执: the number, the materials received, the clerk; printed alone.
  const receipt = page.locator('[data-test="receipt"]')
  await receipt.waitFor()
  check.equal(await page.locator('[data-test="receipt-id"]').innerText(), String(app.id), 'the receipt carries the number')
  const text = await receipt.innerText()
  check.includes(text, '西湖区王记五金店', 'and the name')
  check.includes(text, '身份证明', 'and the materials received, by name')
  check.ok(!/[a-z_]{4,}/.test(text), `no codes on the receipt: ${text}`)
  await page.emulateMedia({ media: 'print' })
  check.ok(!(await page.locator('.el-result').isVisible()), 'printing shows the receipt alone')
  check.ok(await receipt.isVisible(), 'the receipt prints')
  check.ok(!(await page.locator('[data-test="print-receipt"]').isVisible()), 'without its button')
  await page.screenshot({ path: `${out}/establishment-window-receipt-print.png`, fullPage: true })
  await page.emulateMedia({ media: 'screen' })
}
