// SPDX-License-Identifier: MulanPSL-2.0
// The holder's side of the e-licence, shared by the tests that get a licence issued:
// the holder opens 我的电子营业执照, downloads the PDF, makes a dynamic QR code and
// authorises an agent; the public opens the QR address and uploads the PDF → valid.
import { checkPage } from './a11y.mjs'
import { chinaDate } from './lifecycle_helpers.mjs'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export async function holderFlow({ page, base, shot, out, check, uscc, name }) {
  await page.click('[data-test="menu"] .el-menu-item:has-text("我的电子营业执照")')
  // The holder's own licences are listed: one click, no code to type.
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/licenses/${uscc}`) && r.ok()),
    page.click(`[data-test="my-entity-${uscc}"]`),
  ])
  await page.waitForURL(`**/workbench/license/${uscc}`)
  const facts = page.locator('[data-test="license-facts"]')
  await facts.waitFor()
  check.includes(await facts.textContent(), name, 'the licence facts')

  // The PDF.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-test="download-pdf"]'),
  ])
  const pdfPath = join(out, `${uscc}.pdf`)
  await download.saveAs(pdfPath)
  const pdf = readFileSync(pdfPath)
  check.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF', 'the download is a PDF')

  // A dynamic QR code with its countdown.
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/licenses/${uscc}/qr`) && r.status() === 201),
    page.click('[data-test="make-qr"]'),
  ])
  const url = (await page.locator('[data-test="qr-url"]').textContent()).trim()
  check.ok((await page.locator('[data-test="qr-image"]').getAttribute('src')).startsWith('data:image/png'),
    'the QR code is drawn for a phone to scan')
  check.includes(url, '/license/verify/', 'the portal address of the token')
  check.includes(await page.locator('[data-test="qr-countdown"]').textContent(), '失效', 'the countdown')

  // An agent, authorised for the bank account and the annual report, then revoked.
  await page.fill('[data-test="agent-name"]', '王经办')
  await page.fill('[data-test="agent-citizen-id"]', '33010619900101123X')
  await page.click('[data-test="agent-tasks"] .el-checkbox:has-text("银行开户")')
  await page.click('[data-test="agent-tasks"] .el-checkbox:has-text("年度报告")')
  const dates = page.locator('[data-test="agent-dates"] input')
  await dates.nth(0).fill(chinaDate(0))
  await dates.nth(1).fill(chinaDate(30))
  await dates.nth(1).press('Enter')
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/licenses/${uscc}/authorizations`) &&
      r.request().method() === 'POST' && r.status() === 201),
    page.click('[data-test="grant"]'),
  ])
  const row = page.locator('[data-test="auth-table"] tbody tr', { hasText: '王经办' })
  await row.waitFor()
  check.includes(await row.textContent(), '银行开户', 'the granted task')
  check.includes(await row.textContent(), '有效', 'in force')
  await shot('license-holder')
  await row.locator('button:has-text("撤销")').click()
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'DELETE' && r.ok()),
    page.click('.el-message-box button:has-text("撤销")'),
  ])
  await page.locator('[data-test="auth-table"] tbody tr', { hasText: '已撤销' }).waitFor()

  // The public, in another browser, opens the QR address and uploads the PDF.
  const publicContext = await page.context().browser().newContext({ locale: 'zh-CN' })
  try {
    const pub = await publicContext.newPage()
    await pub.goto(url)
    const verdict = pub.locator('[data-test="verdict"]')
    await verdict.waitFor()
    check.equal(await verdict.getAttribute('data-valid'), 'true', 'the QR token verifies')
    check.includes(await pub.locator('[data-test="license-facts"]').textContent(), name, 'its facts')
    await pub.screenshot({ path: join(out, 'license-verify-token.png'), fullPage: true })
    await checkPage(pub, 'license-verify-token')

    await pub.goto(`${base}/license`)
    await Promise.all([
      pub.waitForResponse((r) => r.url().endsWith('/api/v1/licenses/verify') && r.ok()),
      pub.setInputFiles('[data-test="license-file"]', pdfPath),
    ])
    await pub.locator('[data-test="verdict"][data-valid="true"]').waitFor()
    await pub.screenshot({ path: join(out, 'license-verify-pdf.png'), fullPage: true })
    await checkPage(pub, 'license-verify-pdf')
  } finally {
    await publicContext.close()
  }
}
