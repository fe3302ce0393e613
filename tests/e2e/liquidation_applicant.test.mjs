// SPDX-License-Identifier: MulanPSL-2.0
// An applicant opens 我的企业 for a company, files its 清算组 (一般注销), then sends
// the 通知债权人 step without its document: the server's refusal names the missing
// document under the documents; with it ticked the step is done, and the step list
// shows the next steps with their due dates and the tax department's step as waiting.
// Opened again without the liquidation's id, the page finds it through the notices.
// The window clerk then publishes the 债权人公告 for the company from 变更与歇业: the
// claims period opens and the 清算报告 waits for its end.
import { DEMO_PASSWORD, loginAs } from './run.mjs'
import { field } from './establishment_helpers.mjs'
import { chinaDate, registerBusiness } from './lifecycle_helpers.mjs'
import { features } from '../../web/src/modules/lifecycle/features.js'

// Left out while the server of this build has no liquidation routes.
export const skip = features.liquidation ? null : 'the liquidation screens are off (features.js)'

export default async function ({ page, base, shot, check, attempt = 1 }) {
  const zihao = ['澹屿清源', '澹屿清泉'][attempt - 1]
  const biz = await registerBusiness(base, {
    username: `e2e-liquidation-${attempt}`,
    name: `杭州西湖${zihao}科技有限公司`,
  })
  const causeOn = chinaDate(-3)
  const formedOn = chinaDate(-2)

  await loginAs(page, base, biz.username, biz.password)
  await page.click('[data-test="menu"] .el-menu-item:has-text("我的企业")')
  await page.fill(field('lifecycle-uscc'), biz.uscc)
  await page.press(field('lifecycle-uscc'), 'Enter')
  await page.waitForURL(`**/workbench/my-entity/${biz.uscc}`)
  await page.locator('[data-test="lifecycle-entity"]').waitFor()
  await page.click('[data-test="lifecycle-tabs"] .el-tabs__item:has-text("一般注销（清算）")')
  await page.locator('[data-test="liquidation-panel"][data-loaded="true"]').waitFor()

  // 清算组备案.
  const form = page.locator('[data-test="liquidation-form"]')
  await form.waitFor()
  // Sent empty: the form names what is missing under each field.
  await page.click('[data-test="liquidation-submit"]')
  await form.locator('.el-form-item__error', { hasText: '请填写解散事由' }).waitFor()
  check.includes((await form.locator('.el-form-item__error').allInnerTexts()).join(' '), '请至少填写一名清算组成员',
    'the members are required')
  await page.fill(field('liquidation-cause'), '股东会决议解散')
  for (const [test, date] of [['liquidation-cause-on', causeOn], ['liquidation-formed-on', formedOn]]) {
    await page.fill(field(test), date)
    await page.press(field(test), 'Enter')
    await page.keyboard.press('Escape')
  }
  // The last day to file, as the server counts it from its data (a day off moves it to the next
  // working day): never a number copied into the page.
  const rules = await (await fetch(`${base}/api/v1/entities/${biz.uscc}/liquidation-rules?cause_on=${causeOn}`)).json()
  check.ok(rules.group_filing_due_on >= chinaDate(12), `the filing limit runs from the cause: ${rules.group_filing_due_on}`)
  const due = page.locator('[data-test="liquidation-filing-due"]')
  await due.filter({ hasText: rules.group_filing_due_on }).waitFor()
  check.includes(await form.innerText(), `${rules.steps[0].period.text}内备案`, 'the period of the filing from the server')
  await page.fill(field('liquidation-member-0'), '张三')
  await page.click('[data-test="liquidation-member-add"]')
  await page.fill(field('liquidation-member-1'), '李四')
  await page.click('[data-test="liquidation-doc-group_members"]')
  await page.click('[data-test="liquidation-doc-dissolution_decision"]')
  await shot('liquidation-group-form')
  const [filed] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/entities/${biz.uscc}/liquidation`) && r.request().method() === 'POST'),
    page.click('[data-test="liquidation-submit"]'),
  ])
  check.equal(filed.status(), 201, `the 清算组 is filed (${await filed.text()})`)
  const { id } = await filed.json()
  const steps = page.locator('[data-test="liquidation-steps"]')
  await steps.waitFor()
  check.includes(await page.locator('[data-test="step-state-group_filing"]').innerText(), '已办结', 'the filing is done')
  check.includes(await page.locator('[data-test="step-due-creditor_notice"]').innerText(), chinaDate(8),
    'creditors are notified within 10 days of the formation')

  // 通知债权人 without its document: refused, the missing one named under the documents.
  const next = page.locator('[data-test="liquidation-next"]')
  check.includes(await next.innerText(), '书面通知已知债权人', 'the next step is the creditor notice')
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/liquidations/${id}/creditor-notice`)),
    page.click('[data-test="step-submit"]'),
  ])
  check.equal(refused.status(), 422, 'a step without its document is refused')
  const docError = page.locator('[data-test="step-documents-item"] .el-form-item__error')
  await docError.waitFor()
  check.includes(await docError.innerText(), '债权人通知书及送达凭证', 'the missing document is named by the field')
  await shot('liquidation-missing-document')

  await page.click('[data-test="step-doc-creditor_notice_proof"]')
  const [sent] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/liquidations/${id}/creditor-notice`)),
    page.click('[data-test="step-submit"]'),
  ])
  check.equal(sent.status(), 200, `the creditor notice is recorded (${await sent.text()})`)
  await page.locator('[data-test="step-state-creditor_notice"]', { hasText: '已办结' }).waitFor()
  await page.locator('[data-test="liquidation-next"]', { hasText: '债权人公告' }).waitFor()
  check.includes(await page.locator('[data-test="step-due-public_notice"]').innerText(), chinaDate(58),
    'the public notice within 60 days of the formation')
  check.includes(await page.locator('[data-test="step-state-tax_clearance"]').innerText(), '等待税务部门',
    '清税 waits for the tax department')
  check.includes(await page.locator('[data-test="step-state-decision"]').innerText(), '等待登记机关',
    'the decision waits for the registrar')
  // The refusal's message leaves with the step it was about.
  await page.locator('[data-test="step-documents-item"] .el-form-item__error').waitFor({ state: 'detached' })
  await shot('liquidation-steps')

  // Opened afresh (no id in the address): found through the public notices.
  await page.goto(`${base}/workbench/my-entity/${biz.uscc}`)
  await page.locator('[data-test="lifecycle-entity"]').waitFor()
  await page.click('[data-test="lifecycle-tabs"] .el-tabs__item:has-text("一般注销（清算）")')
  await page.locator('[data-test="liquidation-panel"][data-loaded="true"]').waitFor()
  const progress = page.locator('[data-test="liquidation-progress"]')
  await progress.waitFor()
  check.includes(await progress.innerText(), `编号 ${id}`, 'the liquidation is found again')
  check.equal(await page.locator('[data-test="liquidation-form"]').count(), 0, 'and no second filing is offered')

  // The window clerk publishes the 债权人公告 for the company.
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout')),
    page.click('[data-test="logout"]'),
  ])
  await loginAs(page, base, '330106-hall-01', DEMO_PASSWORD)
  await page.goto(`${base}/workbench/lifecycle/${biz.uscc}`)
  await page.locator('[data-test="lifecycle-entity"]').waitFor()
  await page.click('[data-test="lifecycle-tabs"] .el-tabs__item:has-text("一般注销（清算）")')
  await page.locator('[data-test="liquidation-next"]', { hasText: '债权人公告' }).waitFor()
  await page.fill('textarea[data-test="step-text"], [data-test="step-text"] textarea', '本公司股东会已决议解散，请债权人向清算组申报债权。')
  await page.click('[data-test="step-doc-notice_text"]')
  const [published] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/window/liquidations/${id}/public-notice`)),
    page.click('[data-test="step-submit"]'),
  ])
  check.equal(published.status(), 200, `the window publishes the notice (${await published.text()})`)
  await page.locator('[data-test="step-state-public_notice"]', { hasText: '已办结' }).waitFor()
  const blocked = page.locator('[data-test="liquidation-blocked"]')
  await blocked.waitFor()
  check.includes(await blocked.innerText(), `债权申报期到 ${chinaDate(45)} 为止`, 'the report waits for the claims period')
  check.includes(await progress.innerText(), `申报截止到 ${chinaDate(45)}`, 'the end of the claims period is shown')
  await shot('liquidation-window-notice')

  // A creditor answers the 债权人公告 on the public board.
  await page.goto(`${base}/deregistration?tab=liquidation`)
  await page.click(`[data-test="claim-open-${id}"]`)
  await page.fill(field('claim-creditor'), '杭州西湖纸业有限公司')
  await page.fill(field('claim-amount'), '12800.5')
  await page.fill('textarea[data-test="claim-basis"], [data-test="claim-basis"] textarea', '2026 年 10 月购销合同及发票')
  const [claimed] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/liquidations/${id}/claims`)),
    page.click('[data-test="claim-submit"]'),
  ])
  check.equal(claimed.status(), 201, `the claim is filed (${await claimed.text()})`)
  check.includes(await page.locator('[data-test="claim-done"]').innerText(), `申报期至 ${chinaDate(45)}`,
    'the claims period it falls in')
  await shot('liquidation-claim')

  // The county's tax office records 清税 from its 注销核查 page (the clerk's session is left behind).
  await page.evaluate(() => sessionStorage.clear())
  await loginAs(page, base, '330106-tax-01', DEMO_PASSWORD)
  await page.goto(`${base}/workbench/deregistrations`)
  const queue = page.locator('[data-test="liquidation-queue"][data-loaded="true"]')
  await queue.waitFor()
  await page.click(`[data-test="tax-proof-${id}"]`)
  const [cleared] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/liquidations/${id}/tax-clearance`)),
    page.click(`[data-test="tax-clear-${id}"]`),
  ])
  check.equal(cleared.status(), 200, `清税 is recorded (${await cleared.text()})`)
  await page.locator(`[data-test="tax-clear-${id}"]`).waitFor({ state: 'detached' })
  await shot('liquidation-tax-cleared')
}
