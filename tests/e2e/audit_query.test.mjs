// SPDX-License-Identifier: MulanPSL-2.0
// The 内审员 reads the audit trail in Chinese: each action by its name (the code only in a tooltip),
// the role by its name; filters by an action's name, typed in part and picked from the server's
// catalogue.
import { DEMO_PASSWORD, loginAs, menuTo } from './run.mjs'

const AUDITOR = '330106-amr-12'

export default async function ({ page, base, shot, check }) {
  await loginAs(page, base, AUDITOR, DEMO_PASSWORD)
  const [catalogue] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/audit/actions') && r.ok()),
    menuTo(page, '审计查询'),
  ])
  const actions = (await catalogue.json()).items
  check.ok(actions.length > 100, `the catalogue names every action (${actions.length})`)
  const table = page.locator('[data-test="audit-table"]')
  await table.locator('.el-table__row').first().waitFor()
  // The login just made is on the first page: by its name, never by its code.
  const names = await table.locator('[data-test="audit-action-name"]').allTextContents()
  check.ok(names.includes('登录'), 'the login is shown as 登录')
  for (const name of names) check.ok(!/[a-z]\.[a-z]/.test(name), `no action code in the table (${name})`)
  const rows = await table.locator('.el-table__body .el-table__row').allTextContents()
  check.ok(!rows.join('').includes('auth.login'), 'no code in the rows')
  await shot('audit-query')

  // Filter by name: type part of it, pick it from the list. Reading the trail is itself recorded,
  // under the auditor's role, shown by its name.
  await page.click('[data-test="audit-action"]')
  await page.keyboard.type('查询审计')
  const [filtered] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/audit?') && r.url().includes('action=audit.query') && r.ok()),
    page.locator('.el-select-dropdown__item:visible', { hasText: '查询审计日志' }).first().click(),
  ])
  const body = await filtered.json()
  check.ok(body.items.length >= 1, 'the first reading of the trail is recorded')
  for (const item of body.items) check.equal(item.action_name, '查询审计日志', 'only readings of the trail are listed')
  await table.locator('[data-test="audit-action-name"]', { hasText: '查询审计日志' }).first().waitFor()
  const filteredRows = await table.locator('.el-table__body .el-table__row').allTextContents()
  check.ok(filteredRows.every((r) => r.includes('查询审计日志')), 'the table shows only them')
  check.includes(filteredRows.join(''), '审计员', 'the role by its name')
  await shot('audit-query-filtered')
}
