// SPDX-License-Identifier: MulanPSL-2.0
// The demo county's tax officer claims and completes a step of a new business;
// the applicant's progress page then shows that step done, with its time.
import { DEMO_PASSWORD, loginAs } from './run.mjs'
import { createApplicant, field, openAs, submitForm } from './establishment_helpers.mjs'

export default async function ({ page, base, shot, check }) {
  const applicant = await createApplicant(base, 'e2e-applicant-two', '440524188001010014')
  const app = await submitForm(base, applicant.token, {
    kind: '个体工商户',
    name: '西湖区李记文具店',
    legal_rep: { name: '李四', citizen_id: '440524188001010014' },
    address: '浙江省杭州市西湖区文二路 8 号',
    address_commitment: true,
    scope: ['G03'],
    region_code: '330106',
    industry_code: '52',
    materials: ['application_form', 'legal_rep_id', 'address_commitment'],
    options: { tax: { invoice_kinds: ['全面数字化的电子发票'], tax_ukey: false }, seal: { kinds: ['公章'] } },
  })
  check.equal(app.decision, 'instant_approval', 'a standard 个体工商户 is approved at once')
  const tax = app.steps.find((s) => s.kind === 'tax')
  check.ok(tax, 'a tax step was dispatched')

  await loginAs(page, base, '330106-tax-01', DEMO_PASSWORD)
  const [list] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/department/steps') && r.ok()),
    page.goto(`${base}/workbench/department`),
  ])
  const listed = await list.json()
  check.ok(listed.items.some((s) => s.id === tax.id), 'the tax step is in the tax office queue')
  check.ok(listed.items.every((s) => s.kind === 'tax'), 'only tax steps are listed for the tax office')
  await page.locator(`[data-test="step-claim-${tax.id}"]`).waitFor()
  await shot('establishment-department-queue')
  const [claimed] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/department/steps/${tax.id}/claim`)),
    page.click(`[data-test="step-claim-${tax.id}"]`),
  ])
  check.equal(claimed.status(), 200, 'the step is claimed')
  await page.click(`[data-test="step-complete-${tax.id}"]`)
  await page.fill(field('result-tax_registration'), '已完成税务信息确认，核定数电发票')
  await shot('establishment-department-complete')
  const [done] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/department/steps/${tax.id}/complete`)),
    page.click('[data-test="result-submit"]'),
  ])
  check.equal(done.status(), 200, 'the step is completed')
  await page.locator(`[data-test="step-claim-${tax.id}"], [data-test="step-complete-${tax.id}"]`).waitFor({ state: 'detached' })

  // The 变更双告知 tab: the tax office has no licensed items to supervise, so it is empty, and says so.
  await page.click('.el-tabs__item:has-text("变更双告知")')
  await page.locator('[data-test="change-notice-table"]').getByText('没有推送给本部门的变更双告知信息').waitFor()

  // The applicant's view.
  const [progress] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/establishments/${app.id}`) && r.ok()),
    openAs(page, base, applicant.token, `/progress?id=${app.id}`),
  ])
  const body = await progress.json()
  const step = body.steps.find((s) => s.id === tax.id)
  check.equal(step.state, 'done', 'the applicant sees the tax step done')
  await page.locator('[data-test="step-state-tax"]').waitFor()
  check.equal((await page.locator('[data-test="step-state-tax"]').innerText()).trim(), '已办结', 'shown as 已办结')
  const end = await page.locator('[data-test="step-end-tax"]').innerText()
  check.ok(/\d{4}-\d\d-\d\d \d\d:\d\d/.test(end), `its end time is shown (${end})`)
  check.ok((await page.locator('[data-test="step-elapsed-tax"]').innerText()).includes('分钟') ||
    (await page.locator('[data-test="step-elapsed-tax"]').innerText()).includes('小时'), 'its working time is shown')
  check.includes(await page.locator('[data-test="step-table"]').innerText(), '核定数电发票', 'its result is shown')
  await shot('establishment-department-progress')
}
