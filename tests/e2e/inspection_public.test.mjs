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

  // The task's public draw page lists the entity.
  await page.goto(`${base}/inspection/draw/${entered.task_id}`)
  await page.locator('[data-test="public-selected"]').waitFor()
  check.includes(await page.locator('[data-test="public-selected"]').textContent(), uscc,
    'the public draw lists the entity')
  await shot('inspection-public-task-draw')
}
