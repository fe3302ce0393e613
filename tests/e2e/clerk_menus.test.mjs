// SPDX-License-Identifier: MulanPSL-2.0
// A window clerk logs in and sees the menus of its role, and nothing of others.
import { DEMO_PASSWORD, loginAs } from './run.mjs'

export default async function ({ page, base, shot, check }) {
  await page.goto(`${base}/login`)
  await page.waitForSelector('[data-test="username"]')
  await shot('login')

  await loginAs(page, base, '330106-hall-01', DEMO_PASSWORD)
  const menus = (await page.locator('[data-test="menu"] .el-menu-item').allTextContents())
    .map((t) => t.trim())
  // 年度报告, 即时信息, 信用修复: the window enters an entity's paper annual report, instant information or
  // application (credit.file).
  check.equal(menus, ['工作台首页', '消息中心', '市场主体查询', '名称申报', '年度报告', '即时信息', '信用修复', '开办受理', '变更与歇业',
    '修改密码'],
    'the window clerk\'s menus')
  check.includes(await page.locator('[data-test="user-roles"]').textContent(), '窗口受理员',
    'the header names the role')
  await shot('clerk-workbench')

  // A screen of another role, typed into the address bar, is refused with a plain message.
  await page.goto(`${base}/workbench/users`)
  await page.waitForURL(/\/workbench\?denied=/)
  await page.getByText('您没有“用户管理”的权限').waitFor()

  // Logging out ends the session: the workbench asks for a login again.
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout')),
    page.click('[data-test="logout"]'),
  ])
  await page.waitForURL(/\/login/)
  await page.goto(`${base}/workbench`)
  await page.waitForURL(/\/login/)
}
