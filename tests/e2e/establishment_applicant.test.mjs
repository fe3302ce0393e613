// SPDX-License-Identifier: MulanPSL-2.0
// An applicant checks a name and reserves it, fills the one form for a 个体工商户
// and for a company, sees what is missing, submits, and follows every
// department step on the progress page.
import { loginAs } from './run.mjs'
import { createApplicant, field, fillCommon, pick, supplyAll } from './establishment_helpers.mjs'

const COMPANY = '杭州西湖青禾晨曦科技有限公司'

async function submitAndFollow(page, check, shotName, shot) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/establishments') && r.request().method() === 'POST'),
    page.click('[data-test="submit-button"]'),
  ])
  check.equal(res.status(), 201, 'the application is accepted')
  const app = await res.json()
  await page.locator('[data-test="decision"]').waitFor()
  check.equal(await page.locator('[data-test="application-id"]').innerText(), String(app.id), 'its number is shown')
  if (app.decision === 'instant_approval') {
    check.ok(/^[0-9A-Z]{18}$/.test(app.uscc), `秒批 issues a USCC (${app.uscc})`)
    check.includes(await page.locator('[data-test="decision"]').innerText(), app.uscc, 'the USCC is shown')
    check.equal(await page.locator('[data-test="license-link"]').getAttribute('href'), `/workbench/license/${app.uscc}`,
      'the USCC links to the licence page')
  }
  await shot(`${shotName}-decision`)
  const [progress] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/establishments/${app.id}`) && r.ok()),
    page.click('[data-test="progress-link"]'),
  ])
  const body = await progress.json()
  await page.locator('[data-test="progress"]').waitFor()
  if (body.steps.length) {
    const rows = page.locator('[data-test="step-table"] .el-table__body .el-table__row')
    await rows.first().waitFor()
    check.equal(await rows.count(), body.steps.length, 'every department step is a row')
    const text = (await page.locator('[data-test="step-table"]').innerText())
    for (const s of body.steps) check.includes(text, s.org_unit_name, `the ${s.kind} step's department is shown`)
  }
  await shot(`${shotName}-progress`)
  return body
}

export default async function ({ page, base, shot, check }) {
  const applicant = await createApplicant(base, 'e2e-applicant-one', '11010519491231002X')
  await loginAs(page, base, applicant.username, applicant.password)

  // 名称自主申报查询: the parts of the name and its verdict.
  await page.goto(`${base}/names`)
  // 办事指南 beside the form, from the bureau's data.
  await page.locator('[data-test="guide"]').waitFor()
  check.includes(await page.locator('[data-test="guide"]').innerText(), '企业名称自主申报', 'the name check has its guide')
  await page.fill(field('name-input'), COMPANY)
  const [checked] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/names/check?') && r.ok()),
    page.click('[data-test="name-check-button"]'),
  ])
  const verdict = await checked.json()
  await page.locator('[data-test="name-parts"]').waitFor()
  const parts = await page.locator('[data-test="name-parts"]').innerText()
  check.includes(parts, verdict.parts.trade_name, 'the 字号 is shown')
  check.includes(parts, verdict.parts.form, 'the organisation form is shown')
  check.equal(verdict.verdict, 'ok', 'the new name is free')
  // The button names the period the server's data gives, not one of its own.
  const terms = await (await fetch(`${base}/api/v1/names/pre-approval-items`)).json()
  check.includes(await page.locator('[data-test="reserve-button"]').innerText(),
    terms.reservation_period, 'the reservation period comes from the server')
  const [reserved] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/names/reservations')),
    page.click('[data-test="reserve-button"]'),
  ])
  check.equal(reserved.status(), 201, 'the name is reserved')
  const reservationId = (await reserved.json()).id
  await page.locator('[data-test="reservation"]').waitFor()
  await shot('names-check-reserved')

  // A name that is not a name: the hits and reason are explained.
  await page.fill(field('name-input'), '国家西湖科技有限公司')
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/names/check?') && r.ok()),
    page.click('[data-test="name-check-button"]'),
  ])
  await page.locator('[data-test="name-verdict"]').waitFor()
  await shot('names-check-flagged')

  // 个体工商户: first see what is missing, then fill it in.
  await page.goto(`${base}/establishment`)
  await page.locator('[data-test="missing-list"]').waitFor()
  await pick(page, 'kind-select', '个体工商户')
  await page.fill(field('rep-id'), '110105194912310021')
  const missing = await page.locator('[data-test="missing-list"]').innerText()
  check.includes(missing, '校验位', 'a wrong check digit is named')
  check.includes(missing, '住所申报承诺', 'the address commitment is listed as missing')
  check.ok(await page.locator('[data-test="submit-button"]').isDisabled(), 'nothing can be sent while something is missing')
  await shot('establishment-form-missing')
  await page.fill(field('apply-name'), '西湖区张记百货店')
  await fillCommon(page, {
    rep: '张三', id: '11010519491231002X', address: '浙江省杭州市西湖区古荡新村 12 幢 1 号',
    industry: '52', scope: ['日用百货销售', '文具用品零售'],
  })
  await supplyAll(page)
  await page.locator('[data-test="missing"] .el-alert--success').waitFor()
  await shot('establishment-form-individual')
  const individual = await submitAndFollow(page, check, 'establishment-individual', shot)
  check.equal(individual.kind, 'individual_business', 'a 个体工商户 was applied for')

  // A company with two investors and every department option.
  await page.goto(`${base}/establishment?name=${encodeURIComponent(COMPANY)}&reservation=${reservationId}`)
  await page.locator('[data-test="missing-list"]').waitFor()
  await fillCommon(page, {
    rep: '张三', id: '11010519491231002X', address: '浙江省杭州市西湖区文三路 90 号 301 室',
    industry: '65', scope: ['软件开发', '信息技术咨询服务'],
  })
  await page.fill(field('inv-name-0'), '张三')
  await page.fill(field('inv-id-0'), '11010519491231002X')
  await page.fill(field('inv-capital-0'), '600000')
  await page.click('[data-test="add-investor"]')
  await page.fill(field('inv-name-1'), '李四')
  await page.fill(field('inv-id-1'), '440524188001010014')
  await page.fill(field('inv-capital-1'), '400000')
  await page.locator(field('inv-capital-1')).blur()
  check.equal(await page.locator('[data-test="capital-sum"]').innerText(), '1,000,000', 'capital is summed')
  for (const o of ['opt-social', 'opt-medical', 'opt-fund', 'opt-bank']) await page.click(`[data-test="${o}"]`)
  await page.fill(field('bank-branch'), '杭州文三路支行')
  await supplyAll(page)
  await page.locator('[data-test="missing"] .el-alert--success').waitFor()
  await shot('establishment-form-company')
  const company = await submitAndFollow(page, check, 'establishment-company', shot)
  check.equal(company.decision, 'instant_approval', 'a standard company is approved at once')
  const kinds = company.steps.map((s) => s.kind).sort()
  check.equal(kinds, ['bank_account', 'housing_fund', 'medical_insurance', 'registration', 'seal', 'social_insurance', 'tax'],
    'registration and every department option are steps')
  check.equal(await page.locator('[data-test="uscc-link"]').getAttribute('href'), `/workbench/license/${company.uscc}`,
    'the progress page links the USCC to its licence')

  // The public profile states 营业期限 (长期: no last day was chosen) and 经营范围.
  await page.goto(`${base}/disclosure/${company.uscc}`)
  await page.locator('[data-test="entity-term"]').waitFor()
  check.equal((await page.locator('[data-test="entity-term"]').innerText()).trim(),
    `${company.registered_at.slice(0, 10)} 至 长期`, 'the profile states the operating term')
  check.includes(await page.locator('[data-test="entity-scope"]').innerText(), '软件开发',
    'the profile states the business scope')
  await shot('entity-profile-term-scope')
}
