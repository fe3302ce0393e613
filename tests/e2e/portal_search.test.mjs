// SPDX-License-Identifier: MulanPSL-2.0
// A member of the public finds a demo entity by name and by USCC, and opens its profile.
export default async function ({ page, base, shot, check }) {
  // A demo entity to look for, as the public API lists it.
  const list = await (await fetch(`${base}/api/v1/entities?limit=1`)).json()
  check.ok(list.total > 0, 'the demo store holds entities')
  const entity = list.items[0]

  await page.goto(base)
  await page.waitForSelector('[data-test="entry-/disclosure"]')
  for (const title of ['名称自主申报查询', '企业开办', '办件进度查询', '电子营业执照核验',
    '公示信息查询']) {
    check.ok(await page.getByText(title, { exact: true }).first().isVisible(), `portal entry ${title}`)
  }
  check.ok(await page.locator('[data-test="entry-/deregistration"]').isVisible(), 'the notice board entry')
  await shot('portal-home')

  await page.click('[data-test="entry-/disclosure"]')
  await page.waitForSelector('[data-test="search-input"]')
  await page.fill('[data-test="search-input"]', entity.name)
  // The keyboard is enough: Enter searches.
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/entities?') && r.ok()),
    page.press('[data-test="search-input"]', 'Enter'),
  ])
  const link = page.locator(`[data-test="entity-link-${entity.uscc}"]`)
  await link.waitFor()
  check.equal((await link.textContent()).trim(), entity.name, 'the hit')
  await shot('portal-search')

  await link.click()
  await page.waitForURL(`**/disclosure/${entity.uscc}`)
  const name = page.locator('[data-test="entity-name"]')
  await name.waitFor()
  check.equal((await name.textContent()).trim(), entity.name, 'the profile title')
  const profile = await page.locator('[data-test="entity-profile"]').textContent()
  check.includes(profile, entity.uscc, 'the profile')
  check.includes(profile, entity.status_name, 'the profile')
  // The published inspection results, as the public API lists them.
  const published = await (await fetch(`${base}/api/v1/entities/${entity.uscc}/inspections`)).json()
  const results = page.locator('[data-test="entity-inspections"][data-loaded="true"]')
  await results.waitFor()
  check.includes(await results.textContent(), '抽查检查结果', 'the inspection section')
  check.equal(await page.locator('[data-test="inspection-table"] tbody tr.el-table__row').count(),
    published.items.length, 'one row per published result')
  await shot('entity-profile')

  // The address is a deep link: a reload (served by index.html) shows the same profile.
  await page.reload()
  await page.locator('[data-test="entity-name"]').waitFor()
  check.equal((await page.locator('[data-test="entity-name"]').textContent()).trim(), entity.name,
    'the profile after reload')

  // By USCC from the search page.
  await page.goto(`${base}/disclosure`)
  await page.fill('[data-test="search-input"]', entity.uscc)
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/entities?') && r.ok()),
    page.click('[data-test="search-button"]'),
  ])
  await page.locator(`[data-test="entity-link-${entity.uscc}"]`).waitFor()
  check.includes(await page.locator('[data-test="result-count"]').textContent(), '1',
    'one entity has this USCC')
}
