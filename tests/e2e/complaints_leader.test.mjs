// SPDX-License-Identifier: MulanPSL-2.0
// The 局长's 12315 figures: consumers file complaints (most against one business, most on one
// problem kind), a report and a complaint against a business outside the register through the
// public API; the 局长 (330106-amr-01) opens 统计概览, follows the 12315 card's link to
// 投诉举报统计, chooses 本月 and reads the same total the server gives for those dates, the chart by
// month, the overdue units (or that there are none) and the hot spots: that business first with
// its count, the problem kind first, the unregistered one marked 未登记. Then the same page on a
// phone-sized screen, its panels one above the other. Every expected number is the server's.
import { DEMO_PASSWORD, loginAs } from './run.mjs'
import { chinaDate } from './lifecycle_helpers.mjs'

async function file(base, body) {
  const res = await fetch(`${base}/api/v1/complaints`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ consumer: { phone: '13812345678' }, ...body }),
  })
  if (res.status !== 201) throw new Error(`filing: HTTP ${res.status} ${await res.text()}`)
  return res.json()
}

// A GET with the logged-in page's own session (its token is in sessionStorage).
const asLeader = (page, path) => page.evaluate(async (p) => {
  const r = await fetch(`/api/v1${p}`, {
    headers: { Authorization: `Bearer ${sessionStorage.getItem('amr.token')}` },
  })
  return { status: r.status, body: await r.json() }
}, path)

const text = async (locator) => (await locator.innerText()).trim()

export default async function ({ page, base, shot, check }) {
  const found = await (await fetch(
    `${base}/api/v1/entities?kind=enterprise&q=${encodeURIComponent('有限公司')}&limit=5`)).json()
  check.ok(found.items.length >= 5, 'the demo county has companies')
  // Not the first ones: the other 12315 tests complain about those.
  const shop = found.items[3]
  const other = found.items[4]
  const kinds = (await (await fetch(`${base}/api/v1/complaints/problem-kinds`)).json()).items
  check.ok(kinds.length >= 2, 'the data has problem kinds')
  const [most, less] = kinds

  const summary = '在该店购买的商品存在质量问题，要求退货，商家拒绝处理。'
  for (let i = 0; i < 4; i++) {
    await file(base, { kind: 'complaint', business: { uscc: shop.uscc }, summary, problem_kind: most.id })
  }
  await file(base, { kind: 'complaint', business: { uscc: shop.uscc }, summary, problem_kind: less.id })
  await file(base, { kind: 'complaint', business: { uscc: other.uscc }, summary, problem_kind: less.id })
  const unregistered = '西湖边无招牌小吃店'
  await file(base, {
    kind: 'complaint', business: { name: unregistered, region_code: shop.region_code }, summary,
    problem_kind: most.id,
  })
  await file(base, { kind: 'report', business: { uscc: shop.uscc }, summary: '该店销售过期食品，货架上多件商品已经超过保质期。' })
  const filed = 8

  // The 局长 opens the dashboard; its 12315 card leads to the full page, for the same period.
  await loginAs(page, base, '330106-amr-01', DEMO_PASSWORD)
  const menus = (await page.locator('[data-test="menu"] .el-menu-item').allTextContents()).map((t) => t.trim())
  check.ok(menus.includes('投诉举报统计'), 'the leader has the 投诉举报统计 menu')
  await page.click('[data-test="menu"] .el-menu-item:has-text("统计概览")')
  const card = page.locator('[data-test="complaints-figures-card"]')
  await card.waitFor()
  const today = chinaDate(0)
  const yearStart = `${today.slice(0, 4)}-01-01`
  const [yearFig] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/complaints/figures?') && r.ok()),
    page.click('[data-test="complaints-figures-link"]'),
  ])
  await page.waitForURL('**/workbench/complaints/figures?**')
  const year = await yearFig.json()
  check.equal([year.from, year.to], [yearStart, today], 'the page opens on this year to date')
  await page.locator('[data-test="fig-total"]').waitFor()
  check.equal(await text(page.locator('[data-test="fig-total"]')), year.total.toLocaleString('zh-CN'),
    "this year's total shown")

  // 本月: the total is what the server gives for the same dates, and counts what was filed.
  const monthStart = `${today.slice(0, 8)}01`
  const [monthFig, monthSpots] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/complaints/figures?') &&
      r.url().includes(`from=${monthStart}`) && r.ok()),
    page.waitForResponse((r) => r.url().includes('/api/v1/complaints/hot-spots?') &&
      r.url().includes(`from=${monthStart}`) && r.ok()),
    page.click('[data-test="period-this-month"]'),
  ])
  const month = await monthFig.json()
  const spots = await monthSpots.json()
  check.equal([month.from, month.to], [monthStart, today], "本月's dates")
  const fresh = await asLeader(page, `/complaints/figures?from=${monthStart}&to=${today}`)
  check.equal(fresh.status, 200, 'the figures answer the leader')
  await page.locator(`[data-test="figures-period"]:has-text("${monthStart}")`).waitFor()
  check.equal(await text(page.locator('[data-test="fig-total"]')), fresh.body.total.toLocaleString('zh-CN'),
    "本月's total is the server's")
  check.ok(fresh.body.total >= filed, `本月 counts at least the ${filed} filed`)
  check.ok(fresh.body.by_kind.report >= 1, 'the report is counted')
  check.equal(await text(page.locator('[data-test="fig-report"]')),
    fresh.body.by_kind.report.toLocaleString('zh-CN'), 'reports shown')
  check.includes(await text(page.locator('[data-test="by-channel"]')), '12315 平台', 'channels in Chinese')
  check.includes(await text(page.locator('[data-test="by-state"]')), '待受理', 'states in Chinese')

  // The chart by month is drawn.
  await page.locator('[data-test="month-chart"] canvas').waitFor()

  // Overdue by unit: the rows the server gives, in red, each leading to the queue; or the empty text.
  const overdue = page.locator('[data-test="overdue-by-unit"]')
  await overdue.waitFor()
  if (month.overdue_by_unit.length === 0) {
    check.includes(await text(overdue), '目前没有逾期未办的投诉举报', 'no overdue: the empty text')
  } else {
    const first = month.overdue_by_unit[0]
    check.equal(await text(overdue.locator('[data-test="overdue-unit-link"]').first()), first.unit_name,
      'the unit most overdue first')
    check.equal(await text(overdue.locator('[data-test="overdue-count"]').first()),
      first.overdue.toLocaleString('zh-CN'), 'its overdue count')
    check.equal(await overdue.locator('[data-test="overdue-unit-link"]').first().getAttribute('href'),
      '/workbench/complaints', 'the unit leads to the queue')
  }

  // Hot spots: the business complained about most first, with its count; the problem kind first.
  check.equal(spots.businesses[0]?.uscc, shop.uscc, 'the server ranks the business first')
  check.ok(spots.businesses[0].count >= 5, 'its five complaints (the report is not a complaint)')
  const businesses = page.locator('[data-test="hot-businesses"] [data-test="hot-item"]')
  await businesses.first().waitFor()
  check.equal(await text(businesses.first().locator('[data-test="hot-name"]')), shop.name,
    'the business complained about most is first')
  check.equal(await text(businesses.first().locator('[data-test="hot-count"]')),
    spots.businesses[0].count.toLocaleString('zh-CN'), 'with its count')
  const problems = page.locator('[data-test="hot-problems"] [data-test="hot-item"]')
  check.equal(await text(problems.first().locator('[data-test="hot-name"]')), most.name,
    'the problem kind used most is first')
  check.equal(await text(problems.first().locator('[data-test="hot-count"]')),
    spots.problem_kinds[0].count.toLocaleString('zh-CN'), 'with its count')
  const industries = page.locator('[data-test="hot-industries"] [data-test="hot-item"]')
  check.equal(await industries.count(), spots.industries.length, 'the industries listed')
  const outside = businesses.filter({ hasText: unregistered })
  check.equal(await outside.count(), 1, 'the business outside the register is listed')
  check.equal(await text(outside.locator('[data-test="hot-unregistered"]')), '未登记', 'marked 未登记')
  const shown = await text(page.locator('main'))
  check.ok(!shown.includes(shop.uscc), 'no codes shown')
  await shot('complaints-leader-1366')

  // A phone-sized screen: the hot-spot lists stack.
  await page.setViewportSize({ width: 390, height: 844 })
  const boxB = await page.locator('[data-test="hot-businesses"]').boundingBox()
  const boxI = await page.locator('[data-test="hot-industries"]').boundingBox()
  check.ok(boxI.y >= boxB.y + boxB.height - 1, 'the lists stack at 390 px')
  check.ok(boxB.width <= 390, 'a list fits the width')
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  check.ok(width <= 390, `nothing wider than the screen (${width} px)`)
  await page.locator('[data-test="month-chart"] canvas').waitFor()
  await shot('complaints-leader-390')
}
