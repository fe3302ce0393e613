// SPDX-License-Identifier: MulanPSL-2.0
// The 局长 reads the 开办 and 双随机 figures of the county for this year and for last year.
import { chinaDate } from './lifecycle_helpers.mjs'
import { DEMO_PASSWORD, loginAs } from './run.mjs'

const pct = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`)

export default async function ({ page, base, shot, check }) {
  await loginAs(page, base, '330106-amr-01', DEMO_PASSWORD)
  const [est, insp] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/establishments/stats') && r.ok()),
    page.waitForResponse((r) => r.url().includes('/api/v1/inspection/stats') && r.ok()),
    page.click('[data-test="menu"] .el-menu-item:has-text("统计概览")'),
  ])
  const e = await est.json()
  const i = await insp.json()
  const year = Number(chinaDate(0).slice(0, 4))
  check.equal(e.from, `${year}-01-01`, 'the period starts on 1 January')

  await page.locator('[data-test="establishment-figures"]').waitFor()
  const applications = e.by_kind.reduce((a, r) => a + r.count, 0)
  check.equal((await page.locator('[data-test="est-applications"]').textContent()).trim(),
    applications.toLocaleString('zh-CN'), '开办 applications shown')
  check.equal((await page.locator('[data-test="est-completed"]').textContent()).trim(),
    e.completed.toLocaleString('zh-CN'), '开办 completed shown')
  check.equal((await page.locator('[data-test="est-sla"]').textContent()).trim(),
    pct(e.completed ? e.within_sla_share : null), 'share within the time limit shown')

  await page.locator('[data-test="inspection-figures"]').waitFor()
  check.equal((await page.locator('[data-test="insp-tasks"]').textContent()).trim(),
    i.tasks.toLocaleString('zh-CN'), 'inspection tasks shown')
  for (const [sel, key] of [['insp-completion', 'completion_rate'], ['insp-problem', 'problem_discovery_rate'],
    ['insp-timely', 'timely_entry_rate'], ['insp-credit', 'credit_classified_task_share'],
    ['insp-joint', 'joint_task_share']]) {
    check.equal((await page.locator(`[data-test="${sel}"]`).textContent()).trim(), pct(i[key]), key)
  }
  await page.locator('[data-test="est-chart"] canvas').waitFor()
  await page.locator('[data-test="insp-chart"] canvas').waitFor()
  await page.locator('[data-test="milestones"]').waitFor()
  await shot('dashboard-figures')

  // Last year: every figure asks for that year.
  const [lastEst] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/establishments/stats') && r.ok()),
    page.waitForResponse((r) => r.url().includes('/api/v1/inspection/stats') && r.ok()),
    page.click('button:has-text("去年")'),
  ])
  const last = await lastEst.json()
  check.equal([last.from, last.to], [`${year - 1}-01-01`, `${year - 1}-12-31`], 'last year\'s period')
  await page.locator(`[data-test="establishment-figures"] h2:has-text("${year - 1}-01-01")`).waitFor()
}
