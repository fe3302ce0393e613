// SPDX-License-Identifier: MulanPSL-2.0
// An inspector sees only its own visits (another inspector's visit is absent) and enters a result.
import { ensureDrawnTask, visitsByInspector } from './inspection_data.mjs'
import { DEMO_PASSWORD, loginAs } from './run.mjs'

export default async function ({ page, base, shot, check }) {
  await ensureDrawnTask(base)
  const all = await visitsByInspector(base)
  const others = (x) => all.flatMap((y) => y.visits).filter((v) => !x.visits.some((w) => w.uscc === v.uscc))
  const me = all.find((x) => x.visits.some((v) => !v.entered_at) && others(x).length)
  check.ok(me, 'an inspector with a visit to enter')
  const foreign = others(me)[0]
  check.ok(foreign, 'a visit of another inspector')

  await loginAs(page, base, me.username, DEMO_PASSWORD)
  const menus = (await page.locator('[data-test="menu"] .el-menu-item').allTextContents()).map((t) => t.trim())
  check.ok(!menus.includes('双随机抽取'), 'an inspector does not draw')
  const [list] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/inspection/visits') && r.ok()),
    page.click('[data-test="menu"] .el-menu-item:has-text("检查任务")'),
  ])
  const listed = await list.json()
  check.equal(listed.items.length, me.visits.length, 'the server lists only my visits')
  // The page states the result deadline from the server's data, not a number of its own.
  check.includes(await page.locator('[data-test="visit-rules"]').innerText(),
    `${listed.rules.result_deadline_workdays} 个工作日内录入`, 'the deadline rule from the server')
  const rows = page.locator('[data-test="visit-table"] .el-table__body tr')
  await rows.first().waitFor()
  check.equal(await rows.count(), me.visits.length, 'one row per own visit')
  const table = await page.locator('[data-test="visit-table"]').textContent()
  for (const v of me.visits) check.includes(table, v.uscc, 'my visit')
  // Where to go and what to check, and who is who among the officers.
  const one = listed.items[0]
  check.ok(one.address, `the address of ${one.uscc}`)
  check.includes(table, one.address, 'the address is shown')
  check.includes(table, `${one.officers[0].name}（${one.officers[0].code}`, 'each officer with their code')
  check.ok(!table.includes(foreign.uscc), `another inspector's visit ${foreign.uscc} is absent`)
  await shot('inspection-my-visits')

  // Enter a result on the first open visit: a problem found and corrected.
  const visit = me.visits.find((v) => !v.entered_at)
  const row = rows.filter({ hasText: visit.uscc }).first()
  await row.locator('[data-test="enter-result"]').click()
  await page.locator('[data-test="result-state"] .el-radio', { hasText: '发现问题已责令改正' }).click()
  await page.fill('[data-test="result-notes"]', '公示的年度报告中从业人数与实际不符，已责令更正。')
  await shot('inspection-result-form')
  const [saved] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/inspection/visits/${visit.id}/result`)),
    page.click('[data-test="result-save"]'),
  ])
  check.equal(saved.status(), 200, 'the result is saved')
  const body = await saved.json()
  check.equal(body.result_state, 'problem_corrected', 'the state sent')
  check.ok(body.deadline, 'a deadline in working days')
  check.ok(body.published_at, 'a completed result is published')
  await row.locator('[data-test="send-lead"]').waitFor()
  await shot('inspection-result-saved')

  // The problem goes on to enforcement as a case lead.
  await row.locator('[data-test="send-lead"]').click()
  await page.locator('[data-test="lead-save"]').waitFor()
  const [lead] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/inspection/visits/${visit.id}/case-lead`)),
    page.click('[data-test="lead-save"]'),
  ])
  check.equal(lead.status(), 201, 'the case lead is sent')
}
