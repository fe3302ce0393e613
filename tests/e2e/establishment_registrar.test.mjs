// SPDX-License-Identifier: MulanPSL-2.0
// A registrar of the demo county handles a 容缺 application: sees the missing
// material and its due date, claims it and approves it.
import { DEMO_PASSWORD, loginAs } from './run.mjs'
import { createApplicant, submitForm } from './establishment_helpers.mjs'

export default async function ({ page, base, shot, check, attempt = 1 }) {
  // A retried run needs its own account and 字号 (names are recorded at registration).
  const applicant = await createApplicant(base, `e2e-applicant-three-${attempt}`, '11010519491231002X')
  const app = await submitForm(base, applicant.token, {
    kind: '有限责任公司',
    name: ['杭州西湖松涛远帆科技有限公司', '杭州西湖松涛远舟科技有限公司'][attempt - 1],
    legal_rep: { name: '张三', citizen_id: '11010519491231002X' },
    investors: [{ name: '张三', citizen_id: '11010519491231002X', subscribed_capital: 500000 }],
    registered_capital: 500000,
    address: '浙江省杭州市西湖区文一路 115 号',
    address_commitment: true,
    scope: ['G04'],
    region_code: '330106',
    industry_code: '65',
    materials: ['application_form', 'legal_rep_id', 'articles', 'investor_ids', 'address_commitment'],
    deferred_materials: ['officer_appointment'],
    deferral_commitment: true,
    options: { seal: { kinds: ['公章'] } },
  })
  check.equal(app.decision, 'review', 'a 容缺 application goes to a registrar')
  check.equal(app.deferred_materials.length, 1, 'one material is deferred')
  const due = app.deferred_materials[0].due_on

  await loginAs(page, base, '330106-amr-03', DEMO_PASSWORD)
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/registration/queue') && r.ok()),
    page.goto(`${base}/workbench/review`),
  ])
  await page.locator(`[data-test="review-open-${app.id}"]`).waitFor()
  check.includes(await page.locator('[data-test="review-table"]').innerText(), due, 'the due date is in the queue')
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/registration/applications/${app.id}`) && r.ok()),
    page.click(`[data-test="review-open-${app.id}"]`),
  ])
  const deferred = await page.locator('[data-test="deferred-material"]').innerText()
  check.includes(deferred, '任职文件', 'the missing material is named')
  check.includes(deferred, due, 'with its due date')
  // Why it waits: the reasons found at submission.
  check.includes(await page.locator('[data-test="review-reasons"]').innerText(),
    '容缺受理：董事、监事、高级管理人员任职文件后补', 'the registrar reads why it needs review')
  await shot('establishment-registrar-review')
  const [claimed] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/registration/applications/${app.id}/claim`)),
    page.click('[data-test="review-claim"]'),
  ])
  check.equal(claimed.status(), 200, 'claimed')
  const [approved] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/registration/applications/${app.id}/approve`)),
    page.click('[data-test="review-approve"]')
      .then(() => page.click('.el-message-box button:has-text("核准")')),
  ])
  check.equal(approved.status(), 200, 'approved')
  const result = await approved.json()
  check.equal(result.state, 'registered', 'the business is registered')
  check.ok(/^[0-9A-Z]{18}$/.test(result.uscc), 'with a USCC')
  check.includes(await page.locator('[data-test="review-done"]').innerText(), result.uscc, 'the USCC is shown')
  check.ok(result.steps.some((s) => s.kind === 'seal'), 'the department steps are dispatched')
  await shot('establishment-registrar-approved')
}
