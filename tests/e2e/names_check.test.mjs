// SPDX-License-Identifier: MulanPSL-2.0
// Anyone checks a name already registered in the demo county: the binding
// identical-字号 rule is shown as 不能使用 with its plain explanation and the
// existing business it matches; reserving needs a login.
import { field } from './establishment_helpers.mjs'

export default async function ({ page, base, shot, check }) {
  const found = await (await fetch(`${base}/api/v1/entities?kind=enterprise&q=${encodeURIComponent('有限公司')}&limit=1`)).json()
  const existing = found.items[0]
  check.ok(existing && existing.name.endsWith('有限公司'), 'the demo county has a limited company')

  await page.goto(`${base}/names`)
  await page.fill(field('name-input'), existing.name)
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/names/check?') && r.ok()),
    page.press(field('name-input'), 'Enter'),
  ])
  const body = await res.json()
  check.equal(body.verdict, 'conflict', 'a registered name conflicts')
  const hit = body.hits.find((h) => h.rule === 'art17_identical_trade_name')
  check.ok(hit, 'the Art. 17 rule is among the hits')
  await page.locator('[data-test="name-hits"]').waitFor()
  const verdict = await page.locator('[data-test="name-verdict"]').innerText()
  check.includes(verdict, '不能使用', 'the verdict says the name cannot be used')
  const rows = await page.locator('[data-test="name-hits"] .el-table__body .el-table__row').allInnerTexts()
  check.equal(rows.length, body.hits.length, 'every hit is a row')
  const row = rows.find((r) => r.includes(hit.uscc))
  check.ok(row, 'the matching business is listed with its USCC')
  check.includes(row, '不能使用', 'the binding hit is marked as binding')
  check.includes(row, '字号相同', 'and explained in plain words')
  check.ok(!(await page.locator('[data-test="reserve-button"]').count()), 'no reservation without a login')
  await shot('names-check-conflict')
}
