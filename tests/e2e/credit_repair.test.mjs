// SPDX-License-Identifier: MulanPSL-2.0
// 信用修复 and 行政处罚信息公示, in the browser against the demo county. demo-applicant-04 holds the
// e-licences of two older enterprises (docs/credit.md "The demo"); the one not on the 经营异常名录 is
// the one here.
// (a) A registrar (330106-amr-03) opens 行政处罚信息公示, finds the enterprise by its code and enters a
//     penalty decided on a day under the rules before 总局令第107号 (国市监信规〔2021〕3号: 一般 public
//     3 years, repair after 6 months): the tiers offered are that version's, each with the periods the
//     server words; a warning alone is refused beside the kinds; with a fine it is published. The
//     public profile shows it.
// (b) demo-applicant-04 opens 信用修复 (on a phone), picks the enterprise: the penalty with its
//     conditions as the server reads them (the time met, the obligations shown in the application).
//     Without the commitment the server's refusal shows beside it; with it the application is made:
//     审核中 and the decision's last day.
// (c) The registrar opens 信用修复审核: the application with the entity, the record, the day applied,
//     the last day, the statement and evidence; 不予修复 without a reason is refused beside the field;
//     准予修复 decides it and the queue no longer holds it.
// (d) The public profile no longer shows the penalty.
// Staff pages at 1366 px, the applicant's at 390 and 1366. Every date and period checked is the
// server's; no code or period is written here.
import { join } from 'node:path'
import { DEMO_PASSWORD, loginAs } from './run.mjs'
import { api, chinaDate } from './lifecycle_helpers.mjs'

const REGISTRAR = '330106-amr-03'
const APPLICANT = 'demo-applicant-04'
// Decided under the 2021 rules, more than 6 months ago, after the demo's older enterprises opened.
const DECIDED_ON = '2025-02-10'

// The screens' date wording (web/src/modules/repair/format.js): "2026-07-01" → "2026年7月1日".
const cnDate = (d) => {
  const [y, m, day] = d.slice(0, 10).split('-')
  return `${y}年${Number(m)}月${Number(day)}日`
}
const text = async (locator) => (await locator.innerText()).trim()

// Waits for the tags' and alerts' transitions to end, so a screenshot shows the settled page.
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

// No English on a page: the codes (统一社会信用代码) aside.
async function noEnglish(page, check, what) {
  const words = (await page.locator('main').innerText()).replace(/\b[0-9A-Z]{18}\b/g, '')
  check.ok(!/[A-Za-z]{2,}/.test(words), `${what}: no English (${words.match(/[A-Za-z]{2,}/g)})`)
}

async function logout(page, base) {
  await page.goto(`${base}/workbench`)
  await page.waitForSelector('[data-test="welcome"]')
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout')),
    page.click('[data-test="logout"]'),
  ])
  await page.waitForURL(/\/login/)
}

const menusOf = async (page) =>
  (await page.locator('[data-test="menu"] .el-menu-item').allTextContents()).map((t) => t.trim())

// The version of the rules in force on a day: the latest that took effect by then.
const versionOn = (rules, day) => rules.versions.filter((v) => v.effective_from <= day)
  .sort((a, b) => a.effective_from.localeCompare(b.effective_from)).pop()

async function openProfile(page, base, uscc) {
  await page.goto(`${base}/disclosure/${uscc}`)
  await page.locator('[data-test="entity-penalties"][data-loaded="true"]').waitFor()
}

export default async function ({ page, base, shot, out, check, attempt = 1 }) {
  const part = async (locator, label) => {
    await settled(page)
    await locator.screenshot({ path: join(out, `${label}.png`) })
  }
  const token = (await api(base, 'POST', '/auth/login', {
    body: { username: APPLICANT, password: DEMO_PASSWORD },
  })).token
  const mine = (await api(base, 'GET', '/licenses', { token })).items
  check.ok(mine.length >= 1, `${APPLICANT} manages the demo's enterprises`)
  const credit = await Promise.all(mine.map((m) => api(base, 'GET', `/entities/${m.uscc}/credit`)))
  const at = credit.findIndex((c) => !c.lists.some((l) => l.state !== 'removed'))
  const target = mine[at >= 0 ? at : 0]
  const entity = await api(base, 'GET', `/entities/${target.uscc}`)
  check.ok(entity.established_on < DECIDED_ON, 'the enterprise existed on the decision day')
  const rules = await api(base, 'GET', '/credit/repair-rules')
  const version = versionOn(rules, DECIDED_ON)
  check.ok(version && version !== versionOn(rules, chinaDate(0)), 'the decision day falls under an earlier version')
  const tier = version.tiers.find((t) => t.apply_after)
  check.ok(tier, 'that version has a tier that may be repaired')
  const field = rules.fields[0]
  const warning = rules.penalty_kinds.find((k) => !k.published)
  const fine = rules.penalty_kinds.find((k) => k.id === 'fine')
  // The runner runs a failed test once more on the same store: a decision of its own each time.
  const decisionNo = `杭西市监处罚〔2025〕${30 + attempt}号`

  // (a) The registrar publishes the penalty.
  await loginAs(page, base, REGISTRAR, DEMO_PASSWORD)
  const menus = await menusOf(page)
  check.ok(menus.includes('信用修复审核') && menus.includes('行政处罚信息公示'), 'the registrar has the repair pages')
  check.ok(!menus.includes('信用修复'), "but not the applicant's")
  await page.click('[data-test="menu"] .el-menu-item:has-text("行政处罚信息公示")')
  await page.waitForURL('**/workbench/penalty-publish')
  await page.fill('[data-test="penalty-uscc"] input, input[data-test="penalty-uscc"]', target.uscc)
  await page.click('[data-test="penalty-find"]')
  check.includes(await text(page.locator('[data-test="penalty-entity"]')), entity.name, 'the enterprise found by its code')
  const formBox = page.locator('[data-test="penalty-form"]')
  await formBox.waitFor()
  check.ok(await formBox.locator('[data-test="penalty-tier-wait"]').isVisible(), 'the tiers wait for the date')
  await formBox.locator('input[data-test="penalty-decision-no"], [data-test="penalty-decision-no"] input').fill(decisionNo)
  const date = formBox.locator('.date input')
  await date.fill(DECIDED_ON)
  await date.press('Enter')
  await page.keyboard.press('Escape')
  // The tiers of the version in force on that day, with the server's periods.
  check.includes(await text(formBox.locator('[data-test="penalty-version"]')), cnDate(version.effective_from),
    'the rules of the decision day')
  for (const t of version.tiers) {
    const option = formBox.locator(`[data-test="penalty-tier-${t.id}"]`)
    check.includes(await text(option), t.name, `tier ${t.id}: its name`)
    check.includes(await text(option.locator('[data-test="penalty-tier-public"]')), t.public.text,
      `tier ${t.id}: the public period`)
    const repair = await text(option.locator('[data-test="penalty-tier-repair"]'))
    if (t.apply_after) check.includes(repair, t.apply_after.text, `tier ${t.id}: when repair may be applied for`)
    else check.includes(repair, '不能申请信用修复', `tier ${t.id}: no application`)
  }
  // A warning alone is not published: the server's word beside the kinds.
  await formBox.locator(`[data-test="penalty-kind-${warning.id}"]`).click()
  await formBox.locator(`[data-test="penalty-field-${field.id}"]`).click()
  await formBox.locator(`[data-test="penalty-tier-${tier.id}"]`).click()
  await formBox.locator('[data-test="penalty-facts"] textarea, textarea[data-test="penalty-facts"]')
    .fill('在经营场所销售超过保质期的预包装食品共计 12 件，货值金额 360 元。')
  await formBox.locator('[data-test="penalty-basis"] textarea, textarea[data-test="penalty-basis"]')
    .fill('《中华人民共和国食品安全法》第一百二十四条第一款第（五）项')
  await formBox.locator('[data-test="penalty-content"] textarea, textarea[data-test="penalty-content"]')
    .fill('警告，并处罚款人民币伍仟元整')
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/entities/${target.uscc}/penalties`) && r.request().method() === 'POST'),
    formBox.locator('[data-test="penalty-submit"]').click(),
  ])
  check.equal(refused.status(), 400, 'a warning alone is refused')
  const refusal = (await refused.json()).error
  check.equal(refusal.field, 'kinds', 'the server names the kinds')
  check.equal(await text(formBox.locator('[data-test="penalty-kinds-item"] .el-form-item__error')), refusal.message,
    "the server's message beside the kinds")
  // With the fine: published.
  await formBox.locator(`[data-test="penalty-kind-${fine.id}"]`).click()
  await formBox.locator('input[data-test="penalty-fine"], [data-test="penalty-fine"] input').fill('5000')
  await fitsWidth(page, check, 'the penalty form')
  await noEnglish(page, check, 'the penalty form')
  await settled(page)
  await shot('repair-penalty-form-1366')
  await page.setViewportSize({ width: 390, height: 844 })
  await fitsWidth(page, check, 'the penalty form on a phone')
  await page.setViewportSize({ width: 1366, height: 900 })
  const [published] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/entities/${target.uscc}/penalties`) && r.request().method() === 'POST'),
    formBox.locator('[data-test="penalty-submit"]').click(),
  ])
  check.ok(published.status() === 201, `the penalty is published (${published.status()})`)
  const sent = JSON.parse(published.request().postData())
  check.equal(sent.kinds, [warning.id, fine.id], 'the kinds chosen')
  check.equal([sent.decided_on, sent.tier, sent.field, sent.fine_yuan], [DECIDED_ON, tier.id, field.id, '5000'],
    'the date, tier, field and fine')
  const penalty = await published.json()
  const today = chinaDate(0)
  check.ok(penalty.public_until >= today, `still public today (until ${penalty.public_until})`)
  check.ok(penalty.repairable_from && penalty.repairable_from <= today,
    `repair may be applied for today (from ${penalty.repairable_from})`)
  const done = await text(page.locator('[data-test="penalty-done-text"]'))
  check.includes(done, cnDate(penalty.public_until), 'the answer says until when it is public')
  check.includes(done, cnDate(penalty.repairable_from), 'and from when it may be repaired')
  await settled(page)
  await shot('repair-penalty-published-1366')

  // The public profile shows it.
  await openProfile(page, base, target.uscc)
  const card = page.locator(`[data-test="penalty-${penalty.id}"]`)
  check.equal(await text(card.locator('[data-test="penalty-no"]')), decisionNo, 'the decision number')
  check.equal(await text(card.locator('[data-test="penalty-decided"]')), cnDate(DECIDED_ON), 'the decision date')
  check.equal(await text(card.locator('[data-test="penalty-until"]')), cnDate(penalty.public_until), 'public until')
  await part(page.locator('[data-test="entity-penalties"]'), 'repair-public-penalty')
  await page.setViewportSize({ width: 390, height: 844 })
  await fitsWidth(page, check, 'the profile on a phone')
  await part(page.locator('[data-test="entity-penalties"]'), 'repair-public-penalty-phone')
  await page.setViewportSize({ width: 1366, height: 900 })
  await logout(page, base)

  // (b) The applicant, on a phone: 信用修复, the enterprise picked from the list.
  await loginAs(page, base, APPLICANT, DEMO_PASSWORD)
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(`${base}/workbench/credit-repair`)
  await page.locator(`[data-test="my-entity-${target.uscc}"]`).waitFor()
  await fitsWidth(page, check, 'the choice of entity on a phone')
  await noEnglish(page, check, 'the choice of entity')
  await settled(page)
  await shot('repair-applicant-pick-390')
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/entities/${target.uscc}/credit-repairs`) && r.ok()),
    page.click(`[data-test="my-entity-${target.uscc}"]`),
  ])
  await page.waitForURL(`**/workbench/credit-repair/${target.uscc}`)
  await page.locator('[data-test="repair-items"][data-loaded="true"]').waitFor()
  const options = (await api(base, 'GET', `/entities/${target.uscc}/credit-repairs`)).items
  const option = options.find((o) => o.record_kind === 'penalty' && o.record_id === penalty.id)
  check.ok(option && option.can_apply, 'the server says the penalty may be repaired now')
  const item = page.locator(`[data-test="repair-item-penalty-${penalty.id}"]`)
  check.equal(await item.getAttribute('data-can-apply'), 'true', 'it may be applied for')
  check.equal(await text(item.locator('[data-test="repair-item-title"]')), option.title, 'the record')
  check.includes(await text(item.locator('[data-test="repair-item-since"]')), cnDate(option.since), 'since when')
  const conditions = item.locator('[data-test="repair-condition"]')
  check.equal(await conditions.count(), option.conditions.length, 'each condition')
  for (const [i, c] of option.conditions.entries()) {
    const row = conditions.nth(i)
    const state = c.met ? 'met' : c.by_applicant ? 'applicant' : 'unmet'
    check.equal(await row.getAttribute('data-state'), state, `${c.text}: its state`)
    check.includes(await text(row), c.text, 'the condition as the server words it')
    check.equal(await text(row.locator('[data-test="repair-condition-state"]')),
      { met: '已具备', applicant: '申请时提交证明', unmet: '尚未具备' }[state] +
        (state === 'unmet' && c.earliest ? `，最早 ${cnDate(c.earliest)} 可具备` : ''), `${c.text}: the words of its state`)
  }
  check.ok(option.conditions.some((c) => c.met) && option.conditions.some((c) => c.by_applicant),
    'a condition met and one shown in the application')
  await fitsWidth(page, check, 'the repair page on a phone')
  await noEnglish(page, check, 'the repair page')
  await settled(page)
  await shot('repair-applicant-items-390')

  // The form: without the commitment, the server's refusal beside it.
  const form = page.locator('[data-test="repair-form"]')
  await form.locator(`[data-test="repair-record-penalty-${penalty.id}"]`).click()
  await form.locator('[data-test="repair-statement"] textarea, textarea[data-test="repair-statement"]')
    .fill('已缴清罚款 5000 元，下架并销毁全部过期食品，建立了进货查验和临期食品检查制度。')
  await form.locator('[data-test="repair-evidence"] textarea, textarea[data-test="repair-evidence"]')
    .fill('罚没款缴款书（电子票据号 3301062025000123）；整改情况报告及照片 6 张')
  const post = () => page.waitForResponse((r) => r.url().endsWith(`/entities/${target.uscc}/credit-repairs`) &&
    r.request().method() === 'POST')
  const [noCommitment] = await Promise.all([post(), form.locator('[data-test="repair-submit"]').click()])
  check.equal(noCommitment.status(), 400, 'refused without the commitment')
  const why = (await noCommitment.json()).error
  check.equal(why.field, 'commitment', 'the server names the commitment')
  const commitmentItem = form.locator('[data-test="repair-commitment-item"]')
  check.equal(await text(commitmentItem.locator('.el-form-item__error')), why.message, "the server's message beside it")
  check.includes(await text(commitmentItem), '信用修复承诺书', 'the commitment is shown in full')
  await fitsWidth(page, check, 'the form on a phone')
  await part(form, 'repair-form-commitment-phone')
  await shot('repair-applicant-form-390')
  await form.locator('[data-test="repair-commitment"]').click()
  const [applied] = await Promise.all([post(), form.locator('[data-test="repair-submit"]').click()])
  check.equal(applied.status(), 201, 'the application is made')
  const application = (await applied.json()).application
  check.equal(JSON.parse(applied.request().postData()).commitment, true, 'with the commitment')
  const result = page.locator('[data-test="repair-result"]')
  await result.waitFor()
  check.equal(await text(result.locator('[data-test="repair-result-state"]')), application.state_name, 'the state')
  check.equal(application.state_name, '审核中', 'under review')
  check.equal(await text(result.locator('[data-test="repair-result-due"]')), cnDate(application.due),
    "the decision's last day")
  check.includes(await text(result.locator('[data-test="repair-result-title"]')), cnDate(application.due),
    'said in the answer')
  const pending = item.locator('[data-test="repair-pending"]')
  await pending.waitFor()
  check.equal(await text(pending.locator('[data-test="repair-pending-state"]')), '审核中', 'the record shows 审核中')
  check.equal(await text(pending.locator('[data-test="repair-pending-due"]')), cnDate(application.due), 'with the due date')
  check.equal(await item.getAttribute('data-can-apply'), 'false', 'no second application while it is reviewed')
  await fitsWidth(page, check, 'the answer on a phone')
  await settled(page)
  await shot('repair-applicant-applied-390')
  await page.setViewportSize({ width: 1366, height: 900 })
  await settled(page)
  await shot('repair-applicant-applied-1366')
  await logout(page, base)

  // (c) The registrar decides.
  await loginAs(page, base, REGISTRAR, DEMO_PASSWORD)
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/credit/repairs') && r.ok()),
    page.click('[data-test="menu"] .el-menu-item:has-text("信用修复审核")'),
  ])
  await page.waitForURL('**/workbench/repair-review')
  await page.locator('[data-test="repair-queue"][data-loaded="true"]').waitFor()
  const app = page.locator(`[data-test="repair-app-${application.id}"]`)
  check.equal(await text(app.locator('[data-test="repair-app-entity"]')), entity.name, 'the entity')
  check.includes(await text(app.locator('[data-test="repair-app-record"]')), decisionNo, 'the record')
  check.equal(await text(app.locator('[data-test="repair-app-applied"]')), cnDate(application.applied_on), 'applied on')
  check.equal(await text(app.locator('[data-test="repair-app-due"]')), cnDate(application.due), 'the last day')
  check.equal(await app.getAttribute('data-overdue'), String(application.due < today), 'overdue or not')
  check.equal(await text(app.locator('[data-test="repair-app-statement"]')), application.statement, 'the statement')
  check.equal(await text(app.locator('[data-test="repair-app-evidence"]')), application.evidence, 'the evidence')
  // 不予修复 needs its reason: the server's word beside the field.
  await app.locator('[data-test="repair-refuse"]').click()
  const decision = () => page.waitForResponse((r) => r.url().endsWith(`/credit/repairs/${application.id}/decision`))
  const [noReason] = await Promise.all([decision(), app.locator('[data-test="repair-confirm"]').click()])
  check.equal(noReason.status(), 400, 'a refusal without its reason is refused')
  check.equal(await text(app.locator('[data-test="repair-reason-item"] .el-form-item__error')),
    (await noReason.json()).error.message, "the server's message beside the reason")
  await noEnglish(page, check, 'the queue')
  await settled(page)
  await shot('repair-queue-1366')
  await page.setViewportSize({ width: 390, height: 844 })
  await fitsWidth(page, check, 'the queue on a phone')
  await page.setViewportSize({ width: 1366, height: 900 })
  await app.locator('[data-test="repair-approve"]').click()
  const [approved] = await Promise.all([decision(), app.locator('[data-test="repair-confirm"]').click()])
  check.equal(approved.status(), 200, 'decided')
  check.equal((await approved.json()).state, 'approved', 'approved')
  await page.locator('[data-test="repair-decided"]').waitFor()
  await app.waitFor({ state: 'detached' })
  await settled(page)
  await shot('repair-queue-decided-1366')
  await logout(page, base)

  // (d) The public no longer sees the penalty.
  const still = (await api(base, 'GET', `/entities/${target.uscc}/penalties`)).items
  check.ok(!still.some((p) => p.id === penalty.id), 'the server no longer publishes it')
  await openProfile(page, base, target.uscc)
  check.equal(await page.locator(`[data-test="penalty-${penalty.id}"]`).count(), 0, 'the profile no longer shows it')
  if (!still.length) {
    check.equal(await text(page.locator('[data-test="penalties-empty"]')), '无公示中的行政处罚信息', 'none in public')
  }
  await settled(page)
  await shot('repair-public-after-1366')
  await page.setViewportSize({ width: 390, height: 844 })
  await fitsWidth(page, check, 'the profile on a phone')
  await part(page.locator('[data-test="entity-penalties"]'), 'repair-public-after-phone')
}
