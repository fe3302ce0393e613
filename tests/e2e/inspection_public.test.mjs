// SPDX-License-Identifier: MulanPSL-2.0
// The public disclosure search finds an inspected entity; its published inspection result is
// public (GET /api/v1/entities/{uscc}/inspections, the call the profile page makes).
import { chinaDate } from './lifecycle_helpers.mjs'
import { ensureDrawnTask, visitsByInspector } from './inspection_data.mjs'

export default async function ({ page, base, shot, check }) {
  await ensureDrawnTask(base)
  const all = await visitsByInspector(base)
  let entered = all.flatMap((x) => x.visits).find((v) => v.published_at)
  if (!entered) {
    // Run alone: an inspector enters a result first.
    const who = all.find((x) => x.visits.length)
    entered = await who.call('PUT', `/inspection/visits/${who.visits[0].id}/result`,
      { state: 'no_problem', check_date: chinaDate(0), notes: '' })
  }
  const uscc = entered.uscc

  await page.goto(`${base}/disclosure`)
  await page.fill('[data-test="search-input"]', uscc)
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/entities?') && r.ok()),
    page.press('[data-test="search-input"]', 'Enter'),
  ])
  const link = page.locator(`[data-test="entity-link-${uscc}"]`)
  await link.waitFor()
  await link.click()
  await page.waitForURL(`**/disclosure/${uscc}`)
  await page.locator('[data-test="entity-profile"]').waitFor()

  const res = await fetch(`${base}/api/v1/entities/${uscc}/inspections`)
  check.equal(res.status, 200, 'the public inspections call')
  const pub = await res.json()
  const result = pub.items.find((i) => i.visit_id === entered.id)
  check.ok(result, 'the entered result is published')
  check.equal(result.result_state, entered.result_state, 'the published state')
  // The profile page's own list of inspection results belongs to the disclosure screens; this
  // test holds the public call it makes to the published result.
  await shot('inspection-public-profile')

  // The public finds the draw from the portal: the entry, the list, the draw.
  await page.goto(`${base}/`)
  await page.click('text=双随机抽查公示')
  await page.locator('[data-test="draws"]').waitFor()
  const task = (await (await fetch(`${base}/api/v1/public/inspection/draws?limit=100`)).json())
    .items.find((t) => t.task_id === entered.task_id)
  check.ok(task, 'the drawn task is in the public list')
  check.ok(task.results_published >= 1, 'with its published results counted')
  await page.fill('input[data-test="draws-q"]', task.name)
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/public/inspection/draws?') && r.ok()),
    page.click('[data-test="draws-search"]'),
  ])
  await shot('inspection-public-draws')
  await page.click(`[data-test="draw-link-${entered.task_id}"]`)
  await page.locator('[data-test="public-selected"]').waitFor()
  // One page of twenty, found by code, with its result.
  const rows = page.locator('[data-test="public-selected"] .el-table__body .el-table__row')
  check.ok((await rows.count()) <= 20, 'the selected entities come 20 a page')
  await page.fill('input[data-test="public-selected-filter"]', uscc)
  await rows.first().waitFor()
  check.equal(await rows.count(), 1, 'the filter finds the entity')
  const row = await rows.first().innerText()
  check.includes(row, uscc, 'the public draw lists the entity')
  check.includes(row, result.result_name, 'with its published result')
  await shot('inspection-public-task-draw')

  // The address people guess leads to the list.
  await page.goto(`${base}/inspection/draw`)
  await page.locator('[data-test="draws"]').waitFor()
}
