// SPDX-License-Identifier: MulanPSL-2.0
// The 局长 opens the dashboard: the county's figures as numbers and charts.
import { DEMO_PASSWORD, loginAs } from './run.mjs'

export default async function ({ page, base, shot, check }) {
  await loginAs(page, base, '330106-amr-01', DEMO_PASSWORD)
  const menus = await page.locator('[data-test="menu"] .el-menu-item').allTextContents()
  check.ok(menus.map((t) => t.trim()).includes('统计概览'), 'the leader has the dashboard menu')
  check.ok(!menus.map((t) => t.trim()).includes('用户管理'), 'but not user administration')

  const [stats] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/entities/stats') && r.ok()),
    page.click('[data-test="menu"] .el-menu-item:has-text("统计概览")'),
  ])
  const body = await stats.json()
  check.equal(body.region_code, '330106', 'the leader\'s region')
  const total = page.locator('[data-test="figure-total"]')
  await total.waitFor()
  // 实有: those in existence, not the deregistered or revoked ones.
  const gone = body.by_kind_status.filter((r) => ['deregistered', 'revoked'].includes(r.status))
    .reduce((n, r) => n + r.count, 0)
  check.ok(gone > 0, 'the demo county has deregistered entities')
  check.equal((await total.textContent()).trim(), (body.total - gone).toLocaleString('zh-CN'),
    'the entities in existence shown')
  // The charts draw on canvases.
  await page.locator('[data-test="year-chart"] canvas').waitFor()
  check.ok((await page.locator('canvas').count()) >= 3, 'three charts')
  await shot('leader-dashboard')
}
