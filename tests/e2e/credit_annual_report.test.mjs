// SPDX-License-Identifier: MulanPSL-2.0
// 信用监管, first slice, in the browser against the demo county. demo-applicant-04 manages two older
// enterprises (found as 我的电子营业执照 lists them, GET /licenses): one filed last year's annual report,
// the other did not and is on the 经营异常名录 for it.
// (a) The public, not logged in, opens the listed one's profile: why it is listed (the reason, the
//     year, since when, by whom, on what basis), what to do, the condition unmet, the day it would be
//     proposed for the 严重违法失信名单; the year's report 未报送. The other shows 无经营异常记录 and its
//     published report, withheld fields reading 企业选择不公示. At 1366 and 390 px.
// (b) demo-applicant-04 opens 年度报告, picks the listed enterprise (no code typed): 申请移出 is
//     disabled with the unmet condition; a page that wrongly shows it met gets the server's refusal
//     beside the button. On a phone it files the year's report (late) from the form the server
//     gives: a negative count is refused beside the field, one optional field is withheld, the summary
//     says what the public will see, the answer says 逾期报送; the condition is then met and 申请移出
//     removes it.
// (c) The public profile shows the listing as history (removed, when, why) and the report marked
//     逾期报送 with the withheld field hidden. At 1366 and 390 px.
// Every date and year checked is the server's; no USCC, year or field is written here.
import { join } from 'node:path'
import { DEMO_PASSWORD, loginAs } from './run.mjs'
import { api } from './lifecycle_helpers.mjs'

// The screens' date wording (web/src/modules/credit/format.js): "2026-07-01" → "2026年7月1日".
const cnDate = (d) => {
  const [y, m, day] = d.slice(0, 10).split('-')
  return `${y}年${Number(m)}月${Number(day)}日`
}

// Waits for the tags' and alerts' transitions to end, so a screenshot shows the settled page.
const settled = (page) => page.evaluate(() => Promise.all(document.getAnimations()
  .filter((a) => a.effect?.getTiming().iterations !== Infinity)
  .map((a) => a.finished.catch(() => null))))

async function fitsWidth(page, check, what) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
  }))
  check.ok(scroll <= inner, `${what}: nothing wider than the screen (${scroll} > ${inner} px)`)
}

async function openProfile(page, base, uscc) {
  await page.goto(`${base}/disclosure/${uscc}`)
  await page.locator('[data-test="entity-credit"][data-loaded="true"]').waitFor()
  await page.locator('[data-test="entity-annual-reports"][data-loaded="true"]').waitFor()
}

// Both widths of the page as it is now.
async function shotBoth(page, shot, label, check) {
  await settled(page)
  await shot(`${label}-1366`)
  await page.setViewportSize({ width: 390, height: 844 })
  await fitsWidth(page, check, label)
  await settled(page)
  await shot(`${label}-390`)
  await page.setViewportSize({ width: 1366, height: 900 })
}

// A value for a field of the server's form, by its type (and, for text, what its label asks).
function sample(f, i) {
  if (f.type === 'integer') return '12'
  if (f.type === 'money') return String(1250000 + i * 1000)
  if (/电话/.test(f.label)) return '0571-87654321'
  if (/地址/.test(f.label)) return '浙江省杭州市西湖区文三路 100 号'
  if (/邮箱/.test(f.label)) return 'office@example.cn'
  if (/网址/.test(f.label)) return 'https://shop.example.cn'
  return '开业'
}

export default async function ({ page, base, shot, out, check, attempt = 1 }) {
  // One part of the page (for the user guide), besides the runner's whole-page shots.
  const part = async (locator, label) => {
    await settled(page)
    await locator.screenshot({ path: join(out, `${label}.png`) })
  }
  const token = (await api(base, 'POST', '/auth/login', {
    body: { username: 'demo-applicant-04', password: DEMO_PASSWORD },
  })).token
  const mine = (await api(base, 'GET', '/licenses', { token })).items
  check.equal(mine.length, 2, 'demo-applicant-04 manages two enterprises')
  const credit = await Promise.all(mine.map((m) => api(base, 'GET', `/entities/${m.uscc}/credit`)))
  const at = credit.findIndex((c) => c.lists.some((l) => l.reason === 'no_annual_report'))
  check.ok(at >= 0, 'one of them was listed for not filing its annual report')
  const listedOne = mine[at]
  const filedOne = mine[1 - at]
  let listing = credit[at].lists.find((l) => l.reason === 'no_annual_report')
  const year = listing.report_year
  // The runner retries a failed test once on the same store: a second run goes on from where the
  // first stopped (the report filed, the listing removed).
  check.ok(listing.state === 'listed' || attempt > 1, 'the listing is current before the journey')
  const forms = await api(base, 'GET', '/credit/annual-report-forms')
  const kind = (await api(base, 'GET', `/entities/${listedOne.uscc}`)).kind
  const form = forms.forms[kind]
  check.ok(form && form.length, "the server has the form of the entity's kind")

  // (a) The public, not logged in.
  if (listing.state === 'listed') {
    await openProfile(page, base, listedOne.uscc)
    const card = page.locator(`[data-test="listing-${listing.id}"]`)
    check.equal(await card.getAttribute('data-state'), 'listed', 'the listing is shown as current')
    const why = await card.locator('[data-test="listing-why"]').innerText()
    check.includes(why, listing.reason_name, 'why it is listed')
    check.includes(why, `${year} 年度`, 'for which year')
    check.includes(why, cnDate(listing.listed_on), 'since when')
    check.includes(why, listing.list_name, 'on which list')
    check.equal(await card.locator('[data-test="listing-authority"]').innerText(), listing.authority, 'by whom')
    check.equal(await card.locator('[data-test="listing-decision-no"]').innerText(), listing.decision_no, 'the decision')
    check.includes(listing.basis, (await card.locator('[data-test="listing-basis"]').innerText()).trim(),
      'the legal basis')
    check.includes(await card.locator('[data-test="listing-cure"]').innerText(), listing.cure, 'what to do')
    const conditions = card.locator('[data-test="listing-condition"]')
    check.equal(await conditions.count(), listing.conditions.length, 'each condition')
    check.equal(await conditions.first().getAttribute('data-met'), 'false', 'the condition is not met yet')
    check.includes(await conditions.first().innerText(), '尚未具备', 'and says so')
    if (listing.escalation_on) {
      check.includes(await card.locator('[data-test="listing-escalation"]').innerText(), cnDate(listing.escalation_on),
        'the day it would be proposed for the serious list')
    }
    const words = await page.locator('[data-test="entity-credit"]').innerText()
    check.ok(!/[A-Za-z]/.test(words), `no English on the credit section: ${words.match(/[A-Za-z]+/g)}`)
    const reports = await api(base, 'GET', `/entities/${listedOne.uscc}/annual-reports`)
    const row = page.locator(`[data-test="report-year-${year}"]`)
    check.equal(await row.locator('[data-test="report-state"]').innerText(),
      reports.years.find((y) => y.year === year).state_name, "the year's state")
    check.equal(await row.locator('[data-test="report-content"]').count(), 0, 'nothing published for it')
    check.includes(await page.locator('[data-test="entity-annual-reports"] [data-test="report-window"]').innerText(),
      cnDate(forms.window.ends_on), "the window's last day is the server's")
    await part(page.locator('[data-test="entity-credit"]'), 'credit-public-listing')
    await shotBoth(page, shot, 'credit-public-listed', check)
  }

  // The enterprise that filed: no record, its report published with what it withheld hidden.
  await openProfile(page, base, filedOne.uscc)
  check.equal(await page.locator('[data-test="credit-empty"]').innerText(), '无经营异常记录', 'an entity never listed')
  const filedReports = await api(base, 'GET', `/entities/${filedOne.uscc}/annual-reports`)
  const published = filedReports.items.find((r) => r.year === year)
  check.ok(published, `the other enterprise filed its ${year} report`)
  const pubRow = page.locator(`[data-test="report-year-${year}"]`)
  for (const c of published.content) {
    const cell = pubRow.locator(`[data-test="report-field-${c.id}"]`)
    check.equal(await cell.getAttribute('data-withheld'), String(!!c.withheld), `${c.label}: withheld or not`)
    if (c.withheld) check.equal((await cell.innerText()).trim(), '企业选择不公示', `${c.label} is not published`)
  }
  await shotBoth(page, shot, 'credit-public-filed', check)

  // (b) The applicant: 年度报告, the listed enterprise picked from the list.
  await loginAs(page, base, 'demo-applicant-04', DEMO_PASSWORD)
  await page.click('[data-test="menu"] .el-menu-item:has-text("年度报告")')
  await page.waitForURL('**/workbench/annual-reports')
  await page.locator(`[data-test="my-entity-${filedOne.uscc}"]`).waitFor()
  check.includes(await page.locator('[data-test="report-window"]').innerText(), cnDate(forms.window.ends_on),
    'the window as the server gives it')
  // A page showing the condition met though it is not (a stale page): the server's refusal.
  if (listing.state === 'listed') {
    await page.route(`**/api/v1/entities/${listedOne.uscc}/credit`, async (route) => {
      const res = await route.fetch()
      const body = await res.json()
      for (const l of body.lists) for (const c of l.conditions) c.met = true
      await route.fulfill({ response: res, json: body })
    }, { times: 1 })
  }
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/entities/${listedOne.uscc}/annual-reports`) && r.ok()),
    page.click(`[data-test="my-entity-${listedOne.uscc}"]`),
  ])
  await page.waitForURL(`**/workbench/annual-reports/${listedOne.uscc}`)
  await page.locator('[data-test="report-years-card"][data-loaded="true"]').waitFor()
  if (listing.state === 'listed') {
    const removal = page.locator(`[data-test="removal-${listing.id}"]`)
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/credit/listings/${listing.id}/removal`)),
      removal.locator('[data-test="removal-apply"]').click(),
    ])
    check.equal(refused.status(), 422, 'the server refuses while the report is missing')
    check.equal((await removal.locator('[data-test="removal-error"]').innerText()).trim(),
      (await refused.json()).error.message, "the server's message beside the button")
    // The page as it really is: the button disabled, with the reason.
    await page.reload()
    await page.locator('[data-test="report-years-card"][data-loaded="true"]').waitFor()
    check.ok(await removal.locator('[data-test="removal-apply"]').isDisabled(), '申请移出 is disabled')
    check.includes(await removal.locator('[data-test="removal-status"]').innerText(), listing.conditions[0].text,
      'with the condition not met')
    check.includes(await page.locator('[data-test="report-listed-note"]').innerText(), listing.reason_name,
      'the page says why the entity is listed')
    await settled(page)
    await shot('credit-applicant-listed-1366')
  }

  // On a phone: file the year's report (late) from the server's form.
  await page.setViewportSize({ width: 390, height: 844 })
  const yearRow = page.locator(`[data-test="report-year-${year}"]`)
  const before = await api(base, 'GET', `/entities/${listedOne.uscc}/annual-reports`)
  let report = before.items.find((r) => r.year === year)
  const withheldField = form.find((f) => f.publicity === 'optional' && f.required) ||
    form.find((f) => f.publicity === 'optional')
  check.ok(withheldField, 'the form has a field the entity may keep from the public')
  if (!report) {
    check.equal(await yearRow.getAttribute('data-state'), 'not_filed', 'the year is not filed')
    await yearRow.locator(`[data-test="report-file-${year}"]`).click()
    const formBox = page.locator(`[data-test="report-form"][data-year="${year}"]`)
    await formBox.waitFor()
    check.includes(await formBox.locator('[data-test="report-late-note"]').innerText(), '逾期', 'filing now is late')
    const toFill = form.filter((f) => f.required || f === withheldField)
    // A negative count is refused as typed, beside the field.
    const count = form.find((f) => f.type === 'integer' || f.type === 'money')
    const countItem = formBox.locator(`[data-test="report-item-${count.id}"]`)
    await formBox.locator(`input[data-test="report-input-${count.id}"]`).fill('-5')
    check.includes(await countItem.locator('.el-form-item__error').innerText(), '负数', 'no negative numbers')
    // Nothing filled in: 下一步 names the first missing field beside it.
    await formBox.locator('[data-test="report-review"]').click()
    const firstRequired = form.find((f) => f.required && f !== count)
    check.includes(await formBox.locator(`[data-test="report-item-${firstRequired.id}"] .el-form-item__error`).innerText(),
      firstRequired.label, 'a missing field is named beside it')
    for (const [i, f] of toFill.entries()) {
      if (f.type === 'boolean') {
        await formBox.locator(`[data-test="report-item-${f.id}"] .el-radio`, { hasText: '是' }).click()
      } else {
        await formBox.locator(`input[data-test="report-input-${f.id}"]`).fill(sample(f, i))
      }
    }
    // The error goes once corrected.
    await countItem.locator('.el-form-item__error').waitFor({ state: 'detached' })
    await formBox.locator(`[data-test="report-withhold-${withheldField.id}"]`).click()
    const labels = await formBox.locator('.el-form-item__label').allInnerTexts()
    check.ok(!labels.some((l) => /[A-Za-z_]/.test(l)), 'no field ids on the form')
    await fitsWidth(page, check, 'the form on a phone')
    await settled(page)
    await shot('credit-report-form-390')

    // The summary: what is sent, and what the public will see.
    await formBox.locator('[data-test="report-review"]').click()
    const summary = formBox.locator('[data-test="report-summary"]')
    await summary.waitFor()
    check.includes(await summary.locator(`[data-test="summary-${withheldField.id}"]`).innerText(), '不公示',
      'the withheld field is marked not public')
    const publicOne = form.find((f) => f.publicity === 'public' && f.required)
    check.includes(await summary.locator(`[data-test="summary-${publicOne.id}"]`).innerText(), '公示',
      'a public field is marked public')
    await fitsWidth(page, check, 'the summary on a phone')
    await part(formBox, 'credit-report-summary-phone')
    await shot('credit-report-summary-390')
    const [filed] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/entities/${listedOne.uscc}/annual-reports`) &&
        r.request().method() === 'POST'),
      summary.locator('[data-test="report-confirm"]').click(),
    ])
    check.equal(filed.status(), 201, 'the report is filed')
    const sent = JSON.parse(filed.request().postData())
    check.equal(sent.year, year, 'for the listed year')
    check.equal(sent.withheld, [withheldField.id], 'one field withheld')
    check.equal(Object.keys(sent.content).sort(), toFill.map((f) => f.id).sort(), 'the fields filled, no empty ones')
    for (const f of toFill) {
      if (f.type === 'integer' || f.type === 'money') {
        check.equal(typeof sent.content[f.id], 'number', `${f.label} is sent as a number`)
      }
    }
    report = await filed.json()
    check.ok(report.late, 'filed after the window: late')
    const result = page.locator('[data-test="report-result"]')
    await result.waitFor()
    const title = await result.locator('[data-test="report-result-title"]').innerText()
    check.includes(title, cnDate(report.filed_on), 'the answer says when')
    check.includes(title, '逾期报送', 'and that it is late')
    check.equal((await result.locator(`[data-test="report-field-${withheldField.id}"]`).innerText()).trim(),
      '企业选择不公示', 'the public will not see the withheld field')
    await yearRow.locator(`[data-test="report-correct-${year}"]`).waitFor()
    check.equal(await yearRow.getAttribute('data-state'),
      (await api(base, 'GET', `/entities/${listedOne.uscc}/annual-reports`)).years.find((y) => y.year === year).state,
      "the year's state as the server now says")
    await fitsWidth(page, check, 'the answer on a phone')
    await settled(page)
    await shot('credit-report-filed-390')
  }

  // The condition is met: 申请移出 removes it.
  listing = (await api(base, 'GET', `/entities/${listedOne.uscc}/credit`)).lists.find((l) => l.id === listing.id)
  if (listing.state === 'listed') {
    const card = page.locator(`[data-test="listing-${listing.id}"]`)
    await card.locator('[data-test="listing-condition"][data-met="true"]').waitFor()
    check.includes(await card.locator('[data-test="removal-status"]').innerText(), '已具备', 'the condition is met')
    check.includes(await card.locator('[data-test="listing-earliest"]').innerText(), cnDate(listing.earliest_removal),
      'it may leave from today')
    const apply = card.locator('[data-test="removal-apply"]')
    check.ok(await apply.isEnabled(), '申请移出 is enabled')
    await part(page.locator('[data-test="report-listings"]'), 'credit-removal-phone')
    const [removedRes] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/credit/listings/${listing.id}/removal`)),
      apply.click(),
    ])
    check.equal(removedRes.status(), 200, 'removed')
    const removed = await removedRes.json()
    check.equal(removed.state, 'removed', 'the listing is removed')
    check.includes(await page.locator('[data-test="removal-done"]').innerText(), cnDate(removed.removed_on),
      'the page says it is removed, and when')
    await page.locator(`[data-test="listing-${listing.id}"][data-state="removed"]`).waitFor()
    await fitsWidth(page, check, 'the removal on a phone')
    await settled(page)
    await shot('credit-removed-390')
    listing = removed
  }
  await page.setViewportSize({ width: 1366, height: 900 })
  await settled(page)
  await shot('credit-applicant-done-1366')
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout')),
    page.click('[data-test="logout"]'),
  ])
  await page.waitForURL(/\/login/)

  // (c) The public again: the listing is history; the report is published, late, withheld field hidden.
  check.equal(listing.state, 'removed', 'the listing ended removed')
  await openProfile(page, base, listedOne.uscc)
  const history = page.locator(`[data-test="listing-${listing.id}"]`)
  check.equal(await history.getAttribute('data-state'), 'removed', 'shown as history')
  check.includes(await history.locator('[data-test="listing-removed-on"]').innerText(), cnDate(listing.removed_on),
    'removed when')
  check.includes(await history.locator('[data-test="listing-removal-reason"]').innerText(), listing.removal_reason,
    'and why')
  check.equal(await page.locator('[data-test="credit-empty"]').count(), 0, 'the record stays, as history')
  const after = await api(base, 'GET', `/entities/${listedOne.uscc}/annual-reports`)
  const row = page.locator(`[data-test="report-year-${year}"]`)
  check.equal(await row.locator('[data-test="report-state"]').innerText(),
    after.years.find((y) => y.year === year).state_name, "the year's state")
  check.equal(await row.locator('[data-test="report-late"]').innerText(), '逾期报送', 'marked late')
  const hidden = row.locator(`[data-test="report-field-${withheldField.id}"]`)
  check.equal(await hidden.getAttribute('data-withheld'), 'true', 'the withheld field')
  check.equal((await hidden.innerText()).trim(), '企业选择不公示', 'is not published')
  const publicField = after.items.find((r) => r.year === year).content.find((c) => !c.withheld && c.value !== null)
  check.ok((await row.locator(`[data-test="report-field-${publicField.id}"]`).innerText()).trim() !== '企业选择不公示',
    'a public field is shown')
  await part(page.locator('[data-test="entity-credit"]'), 'credit-public-history')
  await shotBoth(page, shot, 'credit-public-removed', check)
}
