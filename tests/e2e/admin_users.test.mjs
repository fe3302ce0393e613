// SPDX-License-Identifier: MulanPSL-2.0
// The administrator lists users, narrows them by name, and filters by role.
import { ADMIN_PASSWORD, loginAs } from './run.mjs'

export default async function ({ page, base, shot, check }) {
  await loginAs(page, base, 'admin', ADMIN_PASSWORD)
  const [list] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/users?') && r.ok()),
    page.click('[data-test="menu"] .el-menu-item:has-text("用户管理")'),
  ])
  const body = await list.json()
  check.ok(body.total > 50, `the demo county's users are listed (${body.total})`)
  const table = page.locator('[data-test="user-table"]')
  await table.locator('.el-table__row').first().waitFor()
  await page.locator('[data-test="unit-tree"] .el-tree-node').first().waitFor()
  await shot('admin-users')

  await page.fill('[data-test="user-search"]', 'hall')
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('q=hall') && r.ok()),
    page.press('[data-test="user-search"]', 'Enter'),
  ])
  await table.getByText('330106-hall-01').waitFor()
  const rows = await table.locator('.el-table__body .el-table__row').allTextContents()
  check.ok(rows.length >= 1, 'hall users found')
  for (const row of rows) check.includes(row, 'hall', 'every row matches the search')
  check.includes(rows.join(''), '窗口受理员', 'their role is shown')
}
