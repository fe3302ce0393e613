// SPDX-License-Identifier: MulanPSL-2.0
// The 局长 makes a joint task of two departments' items, publishes the pool (its SHA-256 shows
// before any entropy can be entered), lets the witness enter entropy, draws, sees each visit's
// officers and each officer's load, and the public draw page shows the same seed and hash.
import { LEADER, TASK_INDUSTRY, TASK_RATIOS, ensureLibrary } from './inspection_data.mjs'
import { DEMO_PASSWORD, loginAs } from './run.mjs'
import { pick } from './establishment_helpers.mjs'

export default async function ({ page, base, shot, check }) {
  const { items } = await ensureLibrary(base)
  await loginAs(page, base, LEADER, DEMO_PASSWORD)

  // The library: the items of the departments, and the CSV import with its line-numbered refusal.
  await page.click('[data-test="menu"] .el-menu-item:has-text("检查事项库")')
  await page.locator('[data-test="library-table"] .el-table__row').first().waitFor()
  await page.fill('[data-test="import-csv"]',
    'code,org_unit_code,name,category,legal_basis,content,entity_kinds,industries\nX-1,330106-amr,坏行,maybe,,,,\n')
  await page.click('[data-test="import-submit"]')
  const refusal = page.locator('[data-test="import-error"]')
  await refusal.waitFor()
  check.includes(await refusal.textContent(), '第 2 行', 'the refusal names the line')
  await shot('inspection-library')

  // 抽查计划: a plan, then a joint task.
  await page.click('[data-test="menu"] .el-menu-item:has-text("抽查计划")')
  await page.locator('[data-test="inspection-figures"]').waitFor()
  await page.fill('[data-test="plan-name"]', '2026 年度联合抽查计划（测试）')
  const [planRes] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/inspection/plans') && r.status() === 201),
    page.click('[data-test="plan-create"]'),
  ])
  const plan = await planRes.json()
  check.includes(await page.locator('[data-test="task-plan"]').innerText(), `（编号 ${plan.id}）`, 'the new plan is chosen')
  await page.fill('[data-test="task-name"]', '食品与场所部门联合抽查（测试）')
  for (const item of items) {
    await page.locator('[data-test="task-items"] .el-checkbox', { hasText: item.name }).first().click()
  }
  await page.locator('[data-test="joint-hint"]').waitFor()
  await pick(page, 'task-industry', `${TASK_INDUSTRY} `, TASK_INDUSTRY)
  const ratioInputs = page.locator('[data-test="ratio-table"] .el-input-number input')
  // Typed as percentages, as the ranges beside them are shown.
  for (const [i, cls] of ['A', 'B', 'C', 'D'].entries()) {
    await ratioInputs.nth(i).fill(String(TASK_RATIOS[cls] * 100))
    await ratioInputs.nth(i).press('Tab')
  }
  await shot('inspection-task-form')
  const [taskRes] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/inspection/tasks') && r.request().method() === 'POST'),
    page.click('[data-test="task-create"]'),
  ])
  check.equal(taskRes.status(), 201, 'the task is created')
  const task = await taskRes.json()
  check.ok(task.joint, 'items of two departments make a joint task')
  check.includes(task.ratios, 'D=1', 'the ratio typed for D (100 %)')
  check.includes(task.ratios, 'A=0.5', 'and for A (50 %)')

  // 双随机抽取: the pool and its hash come first; no entropy field until then.
  await page.click('[data-test="task-created"] a')
  await page.waitForSelector('[data-test="publish-pool"]')
  check.equal(await page.locator('[data-test="entropy"]').count(), 0, 'no entropy before the pool is published')
  const [poolRes] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/tasks/${task.id}/pool`) && r.ok()),
    page.click('[data-test="publish-pool"]')
      .then(() => page.click('.el-message-box button:has-text("公示")')),
  ])
  const published = await poolRes.json()
  const hash = page.locator('[data-test="pool-hash"]')
  await hash.waitFor()
  check.equal((await hash.textContent()).trim(), published.pool_hash, 'the pool hash shown')
  check.ok(/^[0-9a-f]{64}$/.test(published.pool_hash), 'a SHA-256')
  await page.locator('[data-test="entropy"]').waitFor()
  await shot('inspection-pool-published')

  await page.fill('[data-test="witness"]', '区纪委监督员 周敏')
  await page.fill('[data-test="entropy"]', '2026-11-24 福彩3D 第2026311期 5 0 8')
  const [drawRes] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/tasks/${task.id}/draw`)),
    page.click('[data-test="do-draw"]')
      .then(() => page.click('.el-message-box button:has-text("抽取")')),
  ])
  check.equal(drawRes.status(), 200, 'the draw')
  const drawn = await drawRes.json()
  await page.locator('[data-test="load-chart"] canvas').waitFor()
  const rows = await page.locator('[data-test="result-table"] .el-table__body tr').count()
  const pub = await (await fetch(`${base}/api/v1/public/inspection/tasks/${task.id}/draw`)).json()
  check.equal(rows, pub.selected.length, 'one row per drawn entity')
  check.ok(pub.selected.every((v) => v.officers.length >= 2), 'two officers per visit at least')
  const loads = (await page.locator('[data-test="load-table"] .el-table__body tr td:nth-child(3)').allTextContents())
    .map((t) => Number(t.trim()))
  check.equal(loads.reduce((a, b) => a + b, 0), pub.selected.reduce((a, v) => a + v.officers.length, 0),
    'the loads add up to the assignments')
  const verify = await page.locator('[data-test="verify"]').textContent()
  // How anyone can check the draw, in words: no command line or file name reaches a user.
  check.includes(verify, '本次抽取的公开页面', 'the public page is named in words')
  check.includes(verify, '信息技术人员', 'recomputation by the bureau\'s IT staff')
  check.ok(!/amr |--task|\.md\b|\.csv\b|\.json\b/.test(verify), `no command line or file name: ${verify}`)
  check.equal((await page.locator('[data-test="seed"]').textContent()).trim(), drawn.seed, 'the seed shown')
  await shot('inspection-draw-result')

  // The public page of the draw, as anyone sees it.
  await page.click(`[data-test="verify"] a`)
  await page.waitForURL(`**/inspection/draw/${task.id}`)
  const seed = page.locator('[data-test="public-seed"]')
  await seed.waitFor()
  check.equal((await seed.textContent()).trim(), drawn.seed, 'the public seed')
  check.equal((await page.locator('[data-test="public-pool-hash"]').textContent()).trim(),
    published.pool_hash, 'the public pool hash')
  check.equal(await page.locator('[data-test="public-selected"] .el-table__body tr').count(),
    pub.selected.length, 'the public list')
  await shot('inspection-public-draw')
}
