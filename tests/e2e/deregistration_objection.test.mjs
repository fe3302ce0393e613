// SPDX-License-Identifier: MulanPSL-2.0
// A company applies for 简易注销 (through the API); a member of the public finds its
// notice on the portal, sees the 20-day period counted, is stopped by the form's
// inline checks, objects with a reason and confirms; the applicant's 我的企业 then
// shows the application stopped with that reason.
import { codeFor } from './applicant_helpers.mjs'
import { DEMO_PASSWORD, loginAs } from './run.mjs'
import { field, openAs } from './establishment_helpers.mjs'
import { applySimplified, chinaDate, registerBusiness, workdayOnOrAfter } from './lifecycle_helpers.mjs'
import { features } from '../../web/src/modules/lifecycle/features.js'

// Left out while the server of this build has no simplified routes.
export const skip = features.simplified ? null : 'the simplified screens are off (features.js)'

export default async function ({ page, base, shot, check, attempt = 1, serverLog }) {
  const zihao = ['澄波远帆', '澄波远舟'][attempt - 1]
  const biz = await registerBusiness(base, {
    username: `e2e-dereg-objection-${attempt}`,
    name: `杭州西湖${zihao}科技有限公司`,
  })
  const app = await applySimplified(base, biz.token, biz.uscc)
  check.equal(app.state, 'notice', 'the notice starts at once')
  check.equal(app.notice_start_on, chinaDate(0), 'published today')
  check.equal(app.notice_end_on, await workdayOnOrAfter(base, chinaDate(19)),
    'for 20 days, both ends counted; a last day off moves to the next working day')

  // The public board.
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/notices/simplified-deregistrations') && r.ok()),
    page.goto(`${base}/deregistration`),
  ])
  const row = page.locator('[data-test="simplified-notices"] tbody tr', { hasText: biz.name })
  await row.waitFor()
  check.includes(await row.innerText(), `${app.notice_start_on} 至 ${app.notice_end_on}`, 'the period')
  // Days left, today included, to the last day (20 days, moved to a working day if it is off).
  const left = Math.round((Date.parse(app.notice_end_on) - Date.parse(app.notice_start_on)) / 86400000) + 1
  check.includes(await row.innerText(), `剩余 ${left} 天`, 'the days left on its first day')
  // The board states the notice period the server's data sets.
  const periods = await (await fetch(`${base}/api/v1/deregistrations/periods`)).json()
  check.includes(await page.locator('[data-test="objection-card"], .el-tab-pane:visible .hint').first().innerText(),
    `公示 ${periods.notice.text}`, 'the period from the server')
  await shot('deregistration-notice-board')
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/notices/simplified-deregistrations/${app.id}`) && r.ok()),
    row.locator(`[data-test="notice-open-${app.id}"]`).click(),
  ])
  check.includes(await page.locator('[data-test="notice-remaining"]').innerText(), `今天是公示第 1 天，剩余 ${left} 天（含今天）`, 'the days counted')

  // Inline checks: nothing is sent while the form is incomplete.
  await page.click('[data-test="objection-submit"]')
  const errors = page.locator('[data-test="objection-card"] .el-form-item__error')
  await errors.first().waitFor()
  check.ok((await errors.count()) >= 5, 'each missing field is named')
  check.includes(await errors.allInnerTexts().then((t) => t.join(' ')), '请写明异议理由', 'the reason is required')

  await page.click('[data-test="objector-kind"] .el-radio:has-text("债权人")')
  await page.fill(field('objector-name'), '杭州某供应链有限公司')
  // A landline cannot receive the code: the phone must be a mobile one.
  await page.fill(field('objector-contact'), '0571-88886666')
  await page.click('[data-test="objection-send-code"]')
  await page.locator('[data-test="objection-card"] .el-form-item.is-error input[data-test="objector-contact"]').waitFor()
  const phone = `1380571${String(attempt).padStart(4, '0')}`
  await page.fill(field('objector-contact'), phone)
  const since = (await serverLog()).split('\n').length - 1
  const [sent] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/notices/objection-codes')),
    page.click('[data-test="objection-send-code"]'),
  ])
  check.equal(sent.status(), 201, 'the code is sent to the phone')
  await page.fill(field('objection-code'), await codeFor(serverLog, phone, since))
  const reason = '该公司尚欠本公司 2026 年 10 月货款 52,000 元未付'
  await page.fill('textarea[data-test="objection-reason"]', reason)
  await page.click('[data-test="objection-submit"]')
  await page.locator('.el-message-box').waitFor()
  await shot('deregistration-objection-confirm')
  const [objected] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/simplified-deregistrations/${app.id}/objections`)),
    page.click('.el-message-box button:has-text("确认提交")'),
  ])
  check.equal(objected.status(), 201, 'the objection is recorded')
  const objectionId = (await objected.json()).objections[0].id
  await page.locator('[data-test="objection-done"]').waitFor()
  check.includes(await page.locator('[data-test="notice-objections"]').innerText(), reason, 'the reason is published')
  check.includes(await page.locator('[data-test="notice-state"]').innerText(), '异议', 'the notice is stopped')
  await shot('deregistration-objection-done')

  // The applicant's side.
  await openAs(page, base, biz.token, `/workbench/my-entity/${biz.uscc}`)
  await page.locator('[data-test="lifecycle-entity"]').waitFor()
  // The panel may have fetched the application before the tab is shown: wait for its content.
  await page.click('[data-test="lifecycle-tabs"] .el-tabs__item:has-text("注销")')
  const progress = page.locator('[data-test="simplified-progress"]')
  await progress.waitFor()
  check.includes(await page.locator('[data-test="simplified-state"]').innerText(), '异议', 'stopped by the objection')
  check.includes(await page.locator('[data-test="simplified-objection"]').innerText(), reason, 'with its reason')
  check.equal(await page.locator('[data-test="simplified-complete"]').count(), 0, 'no completion button')
  await shot('deregistration-applicant-objected')

  // The registrar finds it is not an objection at all (say, an advertisement):
  // set aside with a reason, it is struck through on the notice and the
  // notice runs on.
  await page.evaluate(() => sessionStorage.clear())
  await loginAs(page, base, '330106-amr-03', DEMO_PASSWORD)
  await page.goto(`${base}/deregistration/${app.id}`)
  await page.fill(`input[data-test="aside-reason-${objectionId}"]`, '经核实与该企业无债权债务关系')
  const [aside] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/objections/${objectionId}/set-aside`)),
    page.click(`[data-test="aside-${objectionId}"]`),
  ])
  check.equal(aside.status(), 200, 'set aside')
  await page.locator('[data-test="objection-set-aside"]').waitFor()
  check.includes(await page.locator('[data-test="objection-set-aside"]').innerText(), '经核实与该企业无债权债务关系',
    'the reason is shown')
  check.includes(await page.locator('[data-test="notice-state"]').innerText(), '公示中', 'the notice runs on')
  await shot('deregistration-objection-set-aside')
}
