// SPDX-License-Identifier: MulanPSL-2.0
// The 局长 reads the deregistration figures on the dashboard: 简易注销, 证照并销 and
// 一屏注销 counts and the average days, as numbers equal to the API's and as a chart.
// A 简易注销 notice is seeded first so the period has one.
import { DEMO_PASSWORD, loginAs } from './run.mjs'
import { applySimplified, registerBusiness } from './lifecycle_helpers.mjs'
import { features } from '../../web/src/modules/lifecycle/features.js'

// Left out while the server of this build has no simplified routes.
export const skip = features.simplified ? null : 'the simplified screens are off (features.js)'

export default async function ({ page, base, shot, check, attempt = 1 }) {
  const zihao = ['汀兰望舒', '汀兰望月'][attempt - 1]
  const biz = await registerBusiness(base, {
    username: `e2e-leader-dereg-${attempt}`,
    name: `杭州西湖${zihao}科技有限公司`,
  })
  await applySimplified(base, biz.token, biz.uscc)

  await loginAs(page, base, '330106-amr-01', DEMO_PASSWORD)
  const [stats] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/deregistrations/stats') && r.ok()),
    page.click('[data-test="menu"] .el-menu-item:has-text("统计概览")'),
  ])
  const body = await stats.json()
  check.ok(body.applications.notices_published >= 1, 'the seeded notice is counted')
  const card = page.locator('[data-test="deregistration-figures"]')
  await card.waitFor()
  const fmt = (n) => n.toLocaleString('zh-CN')
  const text = async (t) => (await page.locator(`[data-test="${t}"]`).innerText()).trim()
  check.equal(await text('dereg-simplified'), fmt(body.figures.simplified_deregistrations), '简易注销')
  check.equal(await text('dereg-joint'), fmt(body.figures.joint_cancellations), '证照并销')
  check.equal(await text('dereg-one-screen'), fmt(body.figures.one_screen_deregistrations), '一屏注销')
  const average = body.figures.average_days_to_deregistration
  check.equal(await text('dereg-average'),
    average === null ? '—' : `${Number(average).toLocaleString('zh-CN', { maximumFractionDigits: 1 })} 天`,
    'the average days')
  check.includes(await text('dereg-notices'), fmt(body.applications.notices_published), 'notices published')
  await page.locator('[data-test="dereg-chart"] canvas').waitFor()
  await card.scrollIntoViewIfNeeded()
  await shot('leader-deregistration')
}
