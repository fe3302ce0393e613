// SPDX-License-Identifier: MulanPSL-2.0
// 信用监管 for staff, in the browser against the demo county.
// (a) An inspector enters the result 通过登记的住所无法联系 on a visit of the drawn task (through the
//     API, as inspection_inspector does it on the screen): a finding for the registration authority.
// (b) A registrar (330106-amr-03) opens 经营异常名录: the finding with the day found, the decision's
//     last day and the working days left, all as the server counts them. 列入经营异常名录 with too
//     little evidence gets the server's message beside the field; with enough, the decision is made
//     and the queue no longer holds it. The public profile shows the listing: why, since when, by
//     whom, the decision's number.
// (c) The entity applies to leave (at the window, through the API); the registrar opens it by its code
//     under 核实移出申请: 不予移出 without a reason is refused beside the field, 准予移出 removes it.
// (d) 严重违法失信名单: the demo has none due, so the queue says so; a page given two records (one
//     proposed, one told and still in its statement period) offers 告知 on the first and explains why
//     the second cannot be decided yet; the server's refusal of a record it does not have shows in the
//     dialog. An entity on the list: its public profile shows the record first.
// (e) The 局长 (330106-amr-01): 信用风险分类 shows the server's distribution as a table and bars; 立即重新分类
//     answers the counts per class, which the table then shows; 信用监管统计 shows each kind's rate for
//     the report year the server names, and another year on choosing it.
// Every page at 1366 and 390 px. Every date, count and year checked is the server's.
import { join } from 'node:path'
import { DEMO_PASSWORD, loginAs } from './run.mjs'
import { ensureDrawnTask, loginApi, visitsByInspector } from './inspection_data.mjs'
import { api, chinaDate } from './lifecycle_helpers.mjs'

const REGISTRAR = '330106-amr-03'
const LEADER = '330106-amr-01'
const WINDOW = '330106-hall-01'

// The screens' date wording (web/src/modules/credit/format.js): "2026-07-01" → "2026年7月1日".
const cnDate = (d) => {
  const [y, m, day] = d.slice(0, 10).split('-')
  return `${y}年${Number(m)}月${Number(day)}日`
}
const fmt = (n) => n.toLocaleString('zh-CN')
const text = async (locator) => (await locator.innerText()).trim()

// Waits for the tags', alerts' and dialogs' transitions to end, so a screenshot shows the settled page.
const settled = (page) => page.evaluate(() => Promise.all(document.getAnimations()
  .filter((a) => a.effect?.getTiming().iterations !== Infinity)
  .map((a) => a.finished.catch(() => null))))

// The page is no wider than the screen; the message names what sticks out.
async function fitsWidth(page, check, what) {
  const { scroll, inner, wide } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 &&
        !el.closest('.el-table__inner-wrapper, .el-scrollbar'))
      .slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  }))
  check.ok(scroll <= inner, `${what}: nothing wider than the screen (${scroll} > ${inner} px: ${wide.join(', ')})`)
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

// No English on a page: the codes (统一社会信用代码) and the risk classes' letters aside.
async function noEnglish(page, check, what) {
  const words = (await page.locator('main').innerText()).replace(/\b[0-9A-Z]{18}\b/g, '')
  check.ok(!/[A-Za-z]{2,}/.test(words), `${what}: no English (${words.match(/[A-Za-z]{2,}/g)})`)
}

async function logout(page) {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout')),
    page.click('[data-test="logout"]'),
  ])
  await page.waitForURL(/\/login/)
}

const menusOf = async (page) =>
  (await page.locator('[data-test="menu"] .el-menu-item').allTextContents()).map((t) => t.trim())

// (a) A finding: an open visit's result entered as 通过登记的住所无法联系, today.
async function makeFinding(base, check) {
  await ensureDrawnTask(base)
  const all = await visitsByInspector(base)
  const me = all.find((x) => x.visits.some((v) => !v.entered_at))
  check.ok(me, 'an inspector with a visit to enter')
  const visit = me.visits.find((v) => !v.entered_at)
  const entered = await me.call('PUT', `/inspection/visits/${visit.id}/result`, {
    state: 'unreachable', check_date: chinaDate(0), notes: '两次上门均无人，邻居称该公司早已搬离，登记的住所已另作他用。',
  })
  check.equal(entered.result_state, 'unreachable', 'the result entered')
  return visit
}

export default async function ({ page, base, shot, out, check }) {
  // A dialog as it shows (the runner's whole-page shots cut it at the screen's height).
  const part = async (locator, label) => {
    await settled(page)
    await locator.screenshot({ path: join(out, `${label}.png`) })
  }
  const visit = await makeFinding(base, check)
  const registrar = await loginApi(base, REGISTRAR)
  const finding = (await registrar('GET', '/credit/findings')).items.find((f) => f.visit_id === visit.id)
  check.ok(finding, 'the server queues the finding for the registrar')
  check.equal(finding.found_on, chinaDate(0), 'found today')

  // (b) The registrar's queue.
  await loginAs(page, base, REGISTRAR, DEMO_PASSWORD)
  const menus = await menusOf(page)
  check.ok(menus.includes('经营异常名录') && menus.includes('严重违法失信名单'), 'the registrar has the credit queues')
  check.ok(!menus.includes('信用风险分类') && !menus.includes('信用监管统计'), "but not the leader's pages")
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/credit/findings') && r.ok()),
    page.click('[data-test="menu"] .el-menu-item:has-text("经营异常名录")'),
  ])
  await page.waitForURL('**/workbench/credit/abnormal')
  const row = page.locator(`[data-test="finding-${visit.id}"]`)
  await row.waitFor()
  check.equal(await text(row.locator('[data-test="finding-name"]')), finding.entity_name, 'the entity')
  check.equal(await text(row.locator('[data-test="finding-found"]')), cnDate(finding.found_on), 'the day found')
  check.equal(await text(row.locator('[data-test="finding-due"]')), cnDate(finding.decision_due),
    "the decision's last day, the server's")
  check.equal(await text(row.locator('[data-test="finding-left"]')),
    finding.overdue ? `已逾期 ${-finding.days_left} 个工作日`
      : finding.days_left === 0 ? '今天是最后一日' : `还有 ${finding.days_left} 个工作日`,
    'the working days left, the server\'s')
  check.equal(await row.getAttribute('data-overdue'), String(finding.overdue), 'overdue or not')
  await noEnglish(page, check, 'the findings queue')
  await shotBoth(page, shot, 'credit-findings', check)

  // 列入经营异常名录: too little evidence, then enough. On a phone.
  await page.setViewportSize({ width: 390, height: 844 })
  await row.locator('[data-test="finding-list"]').click()
  const dialog = page.locator('.el-dialog[data-test="listing-dialog"]')
  await dialog.waitFor()
  check.includes(await text(dialog.locator('[data-test="listing-entity"]')), finding.entity_name, 'the dialog names it')
  const evidence = dialog.locator('textarea[data-test="listing-evidence"]')
  await evidence.fill('无人')
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/entities/${finding.uscc}/credit/listings`)),
    dialog.locator('[data-test="listing-confirm"]').click(),
  ])
  check.equal(refused.status(), 400, 'the server refuses too little evidence')
  const evidenceError = dialog.locator('.el-form-item.is-error .el-form-item__error')
  check.equal(await text(evidenceError), (await refused.json()).error.message, "the server's message")
  const errorBox = await evidenceError.boundingBox()
  const fieldBox = await evidence.boundingBox()
  check.ok(errorBox.y >= fieldBox.y + fieldBox.height - 1 && errorBox.y - (fieldBox.y + fieldBox.height) < 60,
    'beside the evidence field')
  await fitsWidth(page, check, 'the listing dialog on a phone')
  await part(dialog, 'credit-listing-error-390')
  await evidence.fill('2026 年两次上门检查均无人；按登记的住所寄送的挂号信被退回，注明“查无此单位”。')
  const [listedRes] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/entities/${finding.uscc}/credit/listings`)),
    dialog.locator('[data-test="listing-confirm"]').click(),
  ])
  check.equal(listedRes.status(), 201, 'listed')
  const listed = await listedRes.json()
  check.equal(listed.reason, 'unreachable', 'for the finding')
  const sent = JSON.parse(listedRes.request().postData())
  check.equal(sent.source, `inspection_visit:${visit.id}`, 'naming the visit')
  check.equal(sent.found_on, finding.found_on, 'and the day found')
  const doneText = await text(page.locator('[data-test="listing-done-text"]'))
  check.includes(doneText, listed.decision_no, "the answer gives the decision's number")
  check.includes(doneText, cnDate(listed.listed_on), 'and its day')
  await page.locator(`[data-test="finding-${visit.id}"]`).waitFor({ state: 'detached' })
  await fitsWidth(page, check, 'the queue after the decision on a phone')
  await settled(page)
  await shot('credit-listed-390')
  await page.setViewportSize({ width: 1366, height: 900 })

  // The public profile, from the answer's link: the listing, explained.
  await page.click('[data-test="listing-done-link"]')
  await page.waitForURL(`**/disclosure/${finding.uscc}`)
  await page.locator('[data-test="entity-credit"][data-loaded="true"]').waitFor()
  const card = page.locator(`[data-test="listing-${listed.id}"]`)
  check.equal(await card.getAttribute('data-state'), 'listed', 'the public sees the listing')
  check.equal(await card.getAttribute('data-reason'), 'unreachable', 'for the finding')
  const why = await text(card.locator('[data-test="listing-why"]'))
  check.includes(why, listed.reason_name, 'why')
  check.includes(why, cnDate(listed.listed_on), 'since when')
  check.equal(await text(card.locator('[data-test="listing-authority"]')), listed.authority, 'by whom')
  check.equal(await text(card.locator('[data-test="listing-decision-no"]')), listed.decision_no, 'the decision')
  check.ok(!(await text(page.locator('[data-test="entity-credit"]'))).includes(sent.evidence),
    'the evidence is not public')
  await shotBoth(page, shot, 'credit-public-unreachable', check)

  // (c) The entity applies to leave, at the window; the registrar decides.
  const clerk = await loginApi(base, WINDOW)
  const applied = await clerk('POST', `/entities/${finding.uscc}/credit/listings/${listed.id}/removal`,
    { statement: '已办理住所变更登记，新住所可以联系。' })
  check.equal(applied.state, 'removal_applied', 'the application waits for the registrar')
  await page.goto(`${base}/workbench/credit/abnormal`)
  const review = page.locator('[data-test="removal-review"]')
  await review.locator('input[data-test="removal-uscc"]').fill('9133')
  await review.locator('[data-test="removal-open"]').click()
  check.includes(await text(review.locator('.el-form-item__error')), '18 位', 'a short code is refused beside it')
  await review.locator('input[data-test="removal-uscc"]').fill(finding.uscc.toLowerCase())
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/entities/${finding.uscc}/credit`) && r.ok()),
    review.locator('[data-test="removal-open"]').click(),
  ])
  check.equal(await text(review.locator('[data-test="removal-entity"]')), finding.entity_name, 'the entity opened')
  const decide = review.locator(`[data-test="removal-decide-${listed.id}"]`)
  await decide.waitFor()
  check.includes(await text(review.locator(`[data-test="listing-${listed.id}"] [data-test="listing-applied"]`)),
    cnDate(applied.removal_due), "the decision's last day, the server's")
  await decide.locator('[data-test="removal-refuse"]').click()
  await decide.locator('[data-test="removal-confirm"]').click()
  check.equal(await text(decide.locator('.el-form-item.is-error .el-form-item__error')), '不予移出须写明理由',
    'a refusal needs its reason, said beside the field')
  await page.setViewportSize({ width: 390, height: 844 })
  await fitsWidth(page, check, 'the removal decision on a phone')
  await decide.scrollIntoViewIfNeeded()
  await settled(page)
  await shot('credit-removal-review-390')
  await page.setViewportSize({ width: 1366, height: 900 })
  await decide.locator('[data-test="removal-approve"]').click()
  const [removedRes] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/credit/listings/${listed.id}/removal-decision`)),
    decide.locator('[data-test="removal-confirm"]').click(),
  ])
  check.equal(removedRes.status(), 200, 'decided')
  const removed = await removedRes.json()
  check.equal(removed.state, 'removed', 'removed')
  check.includes(await text(page.locator('[data-test="removal-decided"]')), cnDate(removed.removed_on),
    'the page says it is removed, and when')
  await review.locator(`[data-test="listing-${listed.id}"][data-state="removed"]`).waitFor()
  await noEnglish(page, check, 'the removal review')
  await shotBoth(page, shot, 'credit-removal-done', check)

  // (d) 严重违法失信名单: none due in the demo.
  const serious = await registrar('GET', '/credit/serious')
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/credit/serious') && r.ok()),
    page.click('[data-test="menu"] .el-menu-item:has-text("严重违法失信名单")'),
  ])
  await page.locator('[data-test="serious-card"][data-loaded="true"]').waitFor()
  if (!serious.items.length) {
    check.equal(await text(page.locator('[data-test="serious-empty"]')), '目前没有待告知或待决定的严重违法失信名单。',
      'an empty queue says so')
  }
  // Two records the server does not have, to see how the page shows each state; acting on them
  // shows the server's refusal.
  const later = chinaDate(30)
  const fake = (id, state, extra) => ({
    id, uscc: finding.uscc, entity_name: finding.entity_name, list: 'serious', list_name: '严重违法失信名单',
    category: 'abnormal_escalation', category_name: '被列入经营异常名录届满 3 年仍未履行相关义务', state,
    state_name: state === 'proposed' ? '拟列入' : '已告知，陈述申辩期', proposed_on: chinaDate(-10),
    noticed_on: null, statement_due: null, statement: null, decided_on: null, decision_no: null,
    authority: listed.authority, listed_until: null, source: `abnormal_listing:${listed.id}`, ...extra,
  })
  await page.route('**/api/v1/credit/serious', (route) => route.fulfill({
    json: { items: [fake(999998, 'proposed'), fake(999999, 'noticed', { noticed_on: chinaDate(0), statement_due: later })] },
  }), { times: 1 })
  await page.click('[data-test="serious-refresh"]')
  const proposed = page.locator('[data-test="serious-item-999998"]')
  const noticed = page.locator('[data-test="serious-item-999999"]')
  await noticed.waitFor()
  check.ok(await noticed.locator('[data-test="serious-decide"]').isDisabled(), 'no decision within the period')
  check.includes(await text(noticed.locator('[data-test="serious-wait"]')), cnDate(later), 'until its last day')
  check.equal(await text(noticed.locator('[data-test="serious-statement-due"]')), cnDate(later), 'the period shown')
  await noEnglish(page, check, 'the serious list')
  await shotBoth(page, shot, 'credit-serious', check)
  await proposed.locator('[data-test="serious-notice"]').click()
  const notice = page.locator('.el-dialog[data-test="notice-dialog"]')
  await notice.waitFor()
  const [noticeRes] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/credit/serious/999998/notice')),
    notice.locator('[data-test="notice-confirm"]').click(),
  ])
  check.equal(noticeRes.status(), 404, 'the server has no such record')
  check.equal(await text(notice.locator('[data-test="notice-error"] .el-alert__title')),
    (await noticeRes.json()).error.message, "its message in the dialog")
  await notice.locator('button:has-text("取消")').click()

  // A real proposal on a heavy penalty: published through the API as the registrar would at 行政处罚信息公示,
  // then proposed from the page with a category of the data; it joins the list for the prior notice.
  await page.unroute('**/api/v1/credit/serious')
  const heavy = await registrar('POST', `/entities/${finding.uscc}/penalties`, {
    decision_no: '西市监罚〔2026〕88号', decided_on: chinaDate(-5), kinds: ['fine', 'permit_revoked'],
    fine_yuan: '200000', field: 'food', tier: 'serious', facts: '生产销售不符合食品安全标准的食品',
    basis: '《中华人民共和国食品安全法》第一百二十四条', content: '罚款二十万元，吊销食品生产许可证',
  })
  await page.fill('input[data-test="propose-uscc"]', finding.uscc)
  await page.click('[data-test="propose-open"]')
  const penaltyChoice = page.locator('[data-test="propose-penalty"] .el-radio').filter({ hasText: heavy.decision_no })
  await penaltyChoice.click()
  await page.click('[data-test="propose-category"]')
  await page.locator('.el-select-dropdown__item').filter({ hasText: '食品、药品、特种设备' }).first().click()
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/credit/serious') && r.request().method() === 'POST'),
    page.click('[data-test="propose-send"]'),
  ])
  check.includes(await text(page.locator('[data-test="serious-done-text"]')), '已提请', 'the proposal is made')
  const real = (await registrar('GET', '/credit/serious')).items.find((x) => x.uscc === finding.uscc)
  check.ok(real && real.state === 'proposed', 'the server holds the proposal')
  await page.locator(`[data-test="serious-item-${real.id}"][data-state="proposed"]`).waitFor()
  await shotBoth(page, shot, 'credit-serious-proposed', check)

  // The public view of an entity on the 严重违法失信名单 (none in the demo: the page is given one record
  // besides the server's): it comes first, saying why, since when, until when and by whom.
  const onList = fake(999997, 'listed', {
    state_name: '列入', decided_on: chinaDate(0), decision_no: `${listed.authority}列严〔2026〕1号`,
    listed_until: chinaDate(1095),
  })
  await page.route(`**/api/v1/entities/${finding.uscc}/credit`, async (route) => {
    const res = await route.fetch()
    const body = await res.json()
    body.lists.unshift(onList)
    await route.fulfill({ response: res, json: body })
  }, { times: 1 })
  await page.goto(`${base}/disclosure/${finding.uscc}`)
  await page.locator('[data-test="entity-credit"][data-loaded="true"]').waitFor()
  const seriousCard = page.locator('[data-test="serious-999997"]')
  const seriousWhy = await text(seriousCard.locator('[data-test="listing-why"]'))
  check.includes(seriousWhy, onList.category_name, 'why it is on the serious list')
  check.includes(seriousWhy, cnDate(onList.decided_on), 'since when')
  check.includes(seriousWhy, cnDate(onList.listed_until), 'until when')
  check.equal(await text(seriousCard.locator('[data-test="listing-decision-no"]')), onList.decision_no, 'the decision')
  check.equal(await page.locator(`[data-test="listing-${listed.id}"]`).getAttribute('data-state'), 'removed',
    'the listing removed above is history')
  await part(page.locator('[data-test="entity-credit"]'), 'credit-public-serious-section')
  await shotBoth(page, shot, 'credit-public-serious', check)
  await page.goto(`${base}/workbench`)
  await logout(page)

  // (e) The 局长: the classes and the figures.
  await loginAs(page, base, LEADER, DEMO_PASSWORD)
  const leaderMenus = await menusOf(page)
  check.ok(leaderMenus.includes('信用风险分类') && leaderMenus.includes('信用监管统计'), "the leader's credit pages")
  check.ok(!leaderMenus.includes('经营异常名录'), 'but not the registrar\'s queue')
  const [distRes] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/credit/risk-distribution') && r.ok()),
    page.click('[data-test="menu"] .el-menu-item:has-text("信用风险分类")'),
  ])
  const dist = await distRes.json()
  check.ok(dist.units.length >= 1, 'the server gives the units')
  const unit = dist.units[0]
  const unitRow = page.locator(`[data-test="risk-row-${unit.unit_id}"]`)
  await unitRow.waitFor()
  for (const c of ['A', 'B', 'C', 'D']) {
    check.ok((await text(unitRow.locator(`[data-test="risk-${c}"]`))).startsWith(fmt(unit[c])), `class ${c} of the unit`)
  }
  check.equal(await text(unitRow.locator('[data-test="risk-total"]')), fmt(unit.total), 'its total')
  await page.locator(`[data-test="risk-bar-${unit.unit_id}"]`).waitFor()
  await noEnglish(page, check, 'the risk classes')
  await shotBoth(page, shot, 'credit-risk', check)

  await page.click('[data-test="risk-run"]')
  // After the run the page reads the distribution again.
  const reread = page.waitForResponse((r) => r.url().endsWith('/api/v1/credit/risk-distribution') && r.ok())
  const [runRes] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/credit/risk-classification')),
    page.click('.el-message-box button:has-text("开始分类")'),
  ])
  check.equal(runRes.status(), 200, 'classified')
  const run = await runRes.json()
  check.equal(run.on, chinaDate(0), 'today')
  const result = page.locator('[data-test="risk-run-result"]')
  await result.waitFor()
  check.includes(await text(result.locator('[data-test="risk-run-title"]')), fmt(run.classified), 'how many')
  for (const c of ['A', 'B', 'C', 'D']) {
    check.equal(await text(result.locator(`[data-test="risk-run-${c}"] [data-test="risk-run-count"]`)),
      fmt(run.by_class[c]), `class ${c} of the run`)
  }
  // The distribution read again: the run's classes.
  const after = await (await reread).json()
  const sum = (c) => after.units.reduce((a, u) => a + u[c], 0)
  check.equal(['A', 'B', 'C', 'D'].map(sum), ['A', 'B', 'C', 'D'].map((c) => run.by_class[c]),
    'the distribution is the run\'s')
  await page.locator(`[data-test="risk-row-${after.units[0].unit_id}"] [data-test="risk-A"]`,
    { hasText: fmt(after.units[0].A) }).waitFor()
  await shotBoth(page, shot, 'credit-risk-run', check)

  // 信用监管统计: the report year the server names first, then the year before.
  const forms = await api(base, 'GET', '/credit/annual-report-forms')
  const year = forms.window.report_year
  const [figRes] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/api/v1/credit/figures?year=${year}`) && r.ok()),
    page.click('[data-test="menu"] .el-menu-item:has-text("信用监管统计")'),
  ])
  const fig = await figRes.json()
  await page.locator('[data-test="figures-kinds"]').waitFor()
  check.includes(await text(page.locator('[data-test="figures-window"]')), cnDate(fig.window_end),
    "the window's last day, the server's")
  for (const k of fig.kinds) {
    const box = page.locator(`[data-test="figures-kind-${k.kind}"]`)
    check.equal(await text(box.locator('[data-test="figures-rate"]')),
      k.rate_percent === null ? '—' : `${k.rate_percent.toFixed(2)}%`, `${k.kind_name}: the rate`)
    check.equal(await text(box.locator('[data-test="figures-owing"]')), `${fmt(k.owing)} 户`, `${k.kind_name}: owing`)
    check.equal(await text(box.locator('[data-test="figures-listed"]')), `${fmt(k.listed_for_no_report)} 户`,
      `${k.kind_name}: listed for not filing`)
  }
  check.equal(await text(page.locator('[data-test="figures-listed-total"]')), fmt(fig.listed_now.total),
    'listed now')
  await noEnglish(page, check, 'the credit figures')
  await shotBoth(page, shot, 'credit-figures', check)

  await page.click('[data-test="figures-year"]')
  const [prevRes] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/api/v1/credit/figures?year=${year - 1}`)),
    page.click(`.el-select-dropdown__item:has-text("${year - 1} 年度")`),
  ])
  check.equal(prevRes.status(), 200, 'the year before')
  const prev = await prevRes.json()
  await page.waitForURL(`**/workbench/credit/figures?year=${year - 1}`)
  await page.locator(`[data-test="figures-window"]:has-text("${year - 1} 年度")`).waitFor()
  const firstKind = prev.kinds[0]
  check.equal(await text(page.locator(`[data-test="figures-kind-${firstKind.kind}"] [data-test="figures-owing"]`)),
    `${fmt(firstKind.owing)} 户`, "that year's figures")
}
