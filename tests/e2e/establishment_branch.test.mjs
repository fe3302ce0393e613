// SPDX-License-Identifier: MulanPSL-2.0
// A company opens a branch (分公司) on the portal: the form asks for the
// company it belongs to, the branch's name bears the company's name
// (企业名称登记管理规定 Art. 13) and is not a conflict with it; a branch is
// decided by a registrar. The form's name-special section carries a transfer
// of a name (受让) with its agreement.
import { loginAs } from './run.mjs'
import { createApplicant, field, fillCommon, pick, supplyAll } from './establishment_helpers.mjs'

export default async function ({ page, base, shot, check }) {
  const found = await (await fetch(`${base}/api/v1/entities?kind=enterprise&q=${encodeURIComponent('有限公司')}&limit=1`)).json()
  const parent = found.items[0]
  check.ok(parent && parent.name.endsWith('有限公司'), 'the demo county has a limited company')

  const applicant = await createApplicant(base, 'e2e-branch-applicant', '330106198003150060')
  await loginAs(page, base, applicant.username, applicant.password)
  await page.goto(`${base}/establishment`)
  await page.locator('[data-test="missing-list"]').waitFor()
  await pick(page, 'kind-select', '分公司')
  const branchName = `${parent.name}文三路分公司`
  await page.fill(field('apply-name'), branchName)
  await fillCommon(page, {
    rep: '王芳', id: '330106198003150060', address: '浙江省杭州市西湖区文三路 100 号',
    industry: '65', scope: ['软件开发'],
  })
  const missing = await page.locator('[data-test="missing-list"]').innerText()
  check.includes(missing, '隶属公司', 'a branch must name the company it belongs to')
  await page.fill(field('apply-parent-uscc'), parent.uscc)
  await supplyAll(page)
  await page.locator('[data-test="missing"] .el-alert--success').waitFor()
  await shot('establishment-form-branch')
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/establishments') && r.request().method() === 'POST'),
    page.click('[data-test="submit-button"]'),
  ])
  const app = await res.json()
  check.equal(res.status(), 201, `the branch is applied for (${JSON.stringify(app.error ?? '')})`)
  check.equal(app.kind, 'branch', 'as a 分公司')
  check.equal(app.decision, 'review', 'decided by a registrar')
  check.equal(app.form.parent_uscc, parent.uscc, 'with the company it belongs to')
  check.equal(app.name, branchName, "bearing the company's name")
  // The name check, told the parent, shows the parent's name as no conflict.
  const checked = await (await fetch(`${base}/api/v1/names/check?name=${encodeURIComponent(branchName)}` +
    `&authority=330106&industry=65&parent_uscc=${parent.uscc}`)).json()
  check.equal(checked.verdict, 'ok', `the branch name is free of conflicts (${JSON.stringify(checked.hits)})`)
  check.ok((checked.exempted || []).some((h) => h.uscc === parent.uscc), "the parent's name is exempted")
}
