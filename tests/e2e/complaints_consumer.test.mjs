// SPDX-License-Identifier: MulanPSL-2.0
// 12315: a consumer without an account files a complaint on the portal against a business of the
// demo county, gets the number and query code, and follows it; the county bureau's officer sees
// it (at the station the consumer chose) in the workbench queue with its deadline (from the server) and accepts it; the consumer's
// page then says 已受理. A wrong query code finds nothing.
import { DEMO_PASSWORD, loginAs } from './run.mjs'
import { field } from './establishment_helpers.mjs'

export default async function ({ page, base, shot, check }) {
  const found = await (await fetch(`${base}/api/v1/entities?kind=enterprise&q=${encodeURIComponent('有限公司')}&limit=1`)).json()
  const shop = found.items[0]
  check.ok(shop, 'the demo county has a company')

  await page.goto(`${base}/`)
  await page.getByText('12315 投诉举报', { exact: false }).first().click()
  await page.waitForURL('**/complaints/new')
  // The 办事指南, from the bureau's data, folded beside the form.
  await page.locator('[data-test="guide"]').waitFor()
  await page.click('[data-test="guide"] .el-collapse-item__header')
  await page.locator('[data-test="guide"]', { hasText: '投诉举报处理暂行办法' }).waitFor()
  await shot('complaint-guide')
  await page.fill(field('complaint-uscc'), shop.uscc)
  await page.fill('textarea[data-test="complaint-summary"], [data-test="complaint-summary"] textarea', '在该店购买的电水壶使用三天后漏电，要求退货，商家拒绝。')
  await page.fill(field('complaint-phone'), '12345')
  const [bad] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/complaints') && r.request().method() === 'POST'),
    page.click('[data-test="complaint-submit"]'),
  ])
  check.equal(bad.status(), 400, 'a phone number that is not one is refused')
  check.includes(await page.locator('.el-form-item__error').first().innerText(), '手机号码',
    'the message sits beside the field')
  await page.fill(field('complaint-phone'), '13812345678')
  // The consumer may choose the station (the list is the business's county's, from the server).
  await page.locator('[data-test="complaint-unit"]').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '文新市场监督管理所' }).first().click()
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/complaints') && r.request().method() === 'POST'),
    page.click('[data-test="complaint-submit"]'),
  ])
  check.equal(res.status(), 201, 'the complaint is received')
  const filed = await res.json()
  check.equal(filed.unit_name, '文新市场监督管理所', "the consumer's choice of station is kept")
  await page.locator('[data-test="complaint-filed"]').waitFor()
  check.equal(await page.locator('[data-test="complaint-code"]').innerText(), filed.query_code,
    'the query code is shown')
  check.includes(await page.locator('[data-test="complaint-filed"]').innerText(), filed.accept_due.due,
    "the decision's last day is the server's")
  await shot('complaint-filed')

  await page.click('[data-test="complaint-track-link"]')
  await page.locator('[data-test="track-result"]').waitFor()
  check.equal(await page.locator('[data-test="track-state"]').innerText(), '待受理', 'the consumer sees it waiting')
  check.includes(await page.locator('[data-test="track-result"]').innerText(), '138****5678', 'the phone is masked')
  await shot('complaint-track')
  const wrong = await fetch(`${base}/api/v1/complaints/${filed.id}/track?code=AAAAAAAAAA`)
  check.equal(wrong.status, 404, 'a wrong code finds nothing')

  // The county bureau's officer (执法人员 of 西湖区局) accepts it.
  await loginAs(page, base, '330106-amr-08', DEMO_PASSWORD)
  await page.goto(`${base}/workbench/complaints`)
  await page.locator('[data-test="complaint-queue"]').waitFor()
  const row = page.locator('[data-test="complaint-queue"] .el-table__body .el-table__row', { hasText: shop.name }).first()
  await row.waitFor()
  check.includes(await row.innerText(), filed.accept_due.due, 'the queue shows the deadline')
  await shot('complaint-queue')
  // 转办 to a unit that does not exist: the dialog stays open, the server's message under the code.
  await row.locator('[data-test="complaint-transfer"]').click()
  const transferDialog = page.locator('[data-test="transfer-dialog"]')
  await transferDialog.locator('[data-test="transfer-unit"]').waitFor()
  await transferDialog.locator('input[data-test="transfer-unit"], [data-test="transfer-unit"] input').first().fill('no-such-unit')
  await transferDialog.locator('textarea[data-test="transfer-note"], [data-test="transfer-note"] textarea').first()
    .fill('经营者住所不在本所辖区')
  const [refusedTransfer] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/complaints/${filed.id}/transfer`)),
    transferDialog.locator('[data-test="transfer-confirm"]').click(),
  ])
  check.ok(refusedTransfer.status() >= 400, 'an unknown unit is refused')
  const transferError = transferDialog.locator('.el-form-item.is-error .el-form-item__error')
  check.equal((await transferError.innerText()).trim(), (await refusedTransfer.json()).error.message,
    "the server's message sits under the unit's code, in the dialog still open")
  check.equal(await page.locator('.el-message--error').count(), 0, 'no toast for a form error')
  await transferDialog.locator('button', { hasText: '取消' }).click()
  await transferDialog.waitFor({ state: 'hidden' })
  const [accepted] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/complaints/${filed.id}/accept`)),
    page.locator('[data-test="complaint-queue"] .el-table__fixed-right [data-test="complaint-accept"], [data-test="complaint-accept"]').first().click(),
  ])
  check.equal(accepted.status(), 200, 'accepted')
  const tracked = await (await fetch(`${base}/api/v1/complaints/${filed.id}/track?code=${filed.query_code}`)).json()
  check.equal(tracked.state_name, '已受理', "the consumer's page says it is accepted")
  check.ok(tracked.mediation_due && tracked.mediation_due.due, 'mediation has its last day')

  // Mediation ends in an agreement: 1,200 yuan back for the consumer.
  await page.locator('[data-test="complaint-state-filter"]').getByText('调解中').click()
  await page.locator('[data-test="complaint-close"]').first().click()
  await page.locator('.el-dialog .el-radio:visible', { hasText: '达成调解协议' }).first().click()
  await page.locator('.el-dialog .el-input-number:visible input').first().fill('1200')
  const [closed] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/complaints/${filed.id}/close`)),
    page.click('[data-test="close-confirm"]'),
  ])
  check.equal(closed.status(), 200, 'closed')
  await page.goto(`${base}/complaints/track?id=${filed.id}&code=${filed.query_code}`)
  await page.locator('[data-test="track-outcome"]').waitFor()
  check.includes(await page.locator('[data-test="track-outcome"]').innerText(), '1200', 'the consumer sees the money recovered')
  await shot('complaint-closed')
}
