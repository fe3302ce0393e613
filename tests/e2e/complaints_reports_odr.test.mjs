// SPDX-License-Identifier: MulanPSL-2.0
// 12315 reports and ODR, in the browser against the demo county:
// (a) a consumer files a named 举报 on the portal; the county officer accepts it, sees the reporter
//     hidden, takes it and reads the reporter (audited); the 局长 extends the check once; the officer
//     records 立案 with one evidence item; the queue says 已形成案件线索 and 案件线索 shows the lead
//     with both evidence items (the report record and the officer's); the consumer's tracking page
//     shows 立案 and the day the reporter was told.
// (b) ODR: a demo applicant opens a 个体工商户 (秒批, so it administers its e-licence); the officer
//     enrols it in the ODR register; a consumer's complaint against it goes to it first (企业先行和解中);
//     the applicant answers on a phone-sized screen: settled, with the yuan returned; the consumer's
//     page then says 已办结 with the amount.
// Every date checked is the server's (the track answer), never a day count of the test's own.
import { DEMO_PASSWORD, loginAs, menuTo } from './run.mjs'
import { field } from './establishment_helpers.mjs'
import { api, tradeName } from './lifecycle_helpers.mjs'

// An Element Plus textarea or input: the attribute is on the native element or its wrapper.
const area = (test) => `textarea[data-test="${test}"], [data-test="${test}"] textarea`

const track = async (base, id, code) =>
  (await fetch(`${base}/api/v1/complaints/${id}/track?code=${code}`)).json()

// Waits for the dialogs' and tags' transitions to end, so a screenshot shows the settled page.
const settled = (page) => page.evaluate(() => Promise.all(document.getAnimations()
  .filter((a) => a.effect?.getTiming().iterations !== Infinity)
  .map((a) => a.finished.catch(() => null))))

async function logout(page) {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout')),
    page.click('[data-test="logout"]'),
  ])
  await page.waitForURL(/\/login/)
}

// The queue's row of record `id` (after choosing the state filter `tab`).
async function queueRow(page, base, id, tab) {
  if (!page.url().endsWith('/workbench/complaints')) {
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/complaints?') && r.ok()),
      page.goto(`${base}/workbench/complaints`),
    ])
  }
  if (tab) {
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/complaints?') && r.ok()),
      page.locator('[data-test="complaint-state-filter"] .el-radio-button', { hasText: tab }).click(),
    ])
  }
  const row = page.locator('[data-test="complaint-queue"] .el-table__body .el-table__row', {
    has: page.locator(`[data-test="complaint-id-${id}"]`),
  })
  await row.waitFor()
  return row
}

async function fileOnPortal(page, base, { kind, uscc, summary, name, phone }) {
  await page.goto(`${base}/complaints/new`)
  if (kind) await page.locator('[data-test="complaint-kind"] .el-radio', { hasText: kind }).click()
  await page.fill(field('complaint-uscc'), uscc)
  await page.fill(area('complaint-summary'), summary)
  if (name) await page.fill(field('complaint-consumer-name'), name)
  await page.fill(field('complaint-phone'), phone)
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/complaints') && r.request().method() === 'POST'),
    page.click('[data-test="complaint-submit"]'),
  ])
  return res
}

export default async function ({ page, base, shot, check, attempt = 1 }) {
  const found = await (await fetch(`${base}/api/v1/entities?kind=enterprise&q=${encodeURIComponent('有限公司')}&limit=3`)).json()
  const shop = found.items[found.items.length - 1]
  check.ok(shop, 'the demo county has a company')
  const kinds = (await (await fetch(`${base}/api/v1/complaints/problem-kinds`)).json()).items
  check.ok(kinds.length > 0, 'the data has problem kinds')

  // (a) A named report, with a problem kind chosen from the server's list.
  await page.goto(`${base}/complaints/new`)
  await page.locator('[data-test="complaint-kind"] .el-radio', { hasText: '举报' }).click()
  await page.locator('.el-alert', { hasText: '严格保密' }).waitFor()
  await page.click('[data-test="complaint-problem-kind"]')
  await page.locator('.el-select-dropdown__item:visible', { hasText: kinds[0].name }).first().click()
  await page.fill(field('complaint-uscc'), shop.uscc)
  const reportText = `该公司仓库存放大量过期产品并继续对外销售（第 ${attempt} 次）。`
  await page.fill(area('complaint-summary'), reportText)
  await page.fill(field('complaint-consumer-name'), '周实名')
  await page.fill(field('complaint-phone'), '13912340001')
  const [filedRes] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/complaints') && r.request().method() === 'POST'),
    page.click('[data-test="complaint-submit"]'),
  ])
  check.equal(filedRes.status(), 201, 'the report is received')
  check.equal(JSON.parse(filedRes.request().postData()).problem_kind, kinds[0].id, 'the problem kind is sent')
  const report = await filedRes.json()
  await page.locator('[data-test="complaint-filed"]').waitFor()
  check.equal(await page.locator('[data-test="complaint-code"]').innerText(), report.query_code, 'the query code is shown')
  const first = await track(base, report.id, report.query_code)
  check.equal(first.kind, 'report', 'filed as a report')
  check.ok(first.check && first.check.due, 'a report has its check clock')
  await page.locator('[data-test="complaint-filed-check"]').waitFor()
  check.includes(await page.locator('[data-test="complaint-filed-check"]').innerText(), first.check.due,
    "the check's last day is the server's")

  // The county officer: the check clock, the reporter hidden; accept.
  await loginAs(page, base, '330106-amr-08', DEMO_PASSWORD)
  let row = await queueRow(page, base, report.id)
  check.includes(await row.locator('[data-test="check-due"]').innerText(), first.check.due, 'the queue shows the check clock')
  check.includes(await row.innerText(), '举报人信息已保密', 'the reporter is hidden')
  check.ok(!(await row.innerText()).includes('周实名') && !(await row.innerText()).includes('13912340001'),
    'neither the name nor the phone is in the queue')
  check.equal(await row.locator('[data-test="report-reporter"]').count(), 0, 'no reporter button before taking it')
  const [accepted] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/complaints/${report.id}/accept`)),
    row.locator('[data-test="complaint-accept"]').click(),
  ])
  check.equal(accepted.status(), 200, 'accepted')

  // Take it, then read the reporter (the dialog says the reading is recorded).
  row = await queueRow(page, base, report.id, '核查中')
  check.includes(await row.innerText(), '核查中', 'an accepted report is being checked')
  check.equal(await row.locator('[data-test="complaint-close"]').count(), 0, 'a report has no mediation buttons')
  const [taken] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/complaints/${report.id}/take`)),
    row.locator('[data-test="report-take"]').click(),
  ])
  check.equal(taken.status(), 200, 'taken')
  const [read] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/complaints/${report.id}/reporter`)),
    row.locator('[data-test="report-reporter"]').click(),
  ])
  check.equal(read.status(), 200, 'the officer on it reads the reporter')
  const dialog = page.locator('.el-dialog:visible', { hasText: '举报人' })
  await dialog.waitFor()
  check.equal(await dialog.locator('[data-test="reporter-name"]').innerText(), '周实名', "the reporter's name")
  check.equal(await dialog.locator('[data-test="reporter-phone"]').innerText(), '13912340001', "the reporter's phone")
  check.includes(await dialog.locator('[data-test="reporter-audited"]').innerText(), '审计', 'the reading is recorded')
  await settled(page)
  await shot('report-reporter')
  await dialog.locator('button', { hasText: '关闭' }).last().click()
  await dialog.waitFor({ state: 'hidden' })
  await logout(page)

  // The 局长 (complaints.approve) extends the check once; the reporter stays hidden from him.
  await loginAs(page, base, '330106-amr-01', DEMO_PASSWORD)
  row = await queueRow(page, base, report.id, '核查中')
  check.equal(await row.locator('[data-test="report-reporter"]').count(), 0, 'the leader is not on the report')
  await row.locator('[data-test="report-extend"]').click()
  const extendDialog = page.locator('.el-dialog:visible', { hasText: '延长核查期限' })
  await extendDialog.waitFor()
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/complaints/${report.id}/extend-check`)),
    extendDialog.locator('[data-test="extend-confirm"]').click(),
  ])
  check.equal(refused.status(), 400, 'no extension without a reason')
  check.equal(await extendDialog.locator('.el-form-item__error').innerText(), (await refused.json()).error.message,
    "the server's message sits beside the reason")
  await extendDialog.locator(area('extend-reason')).fill('涉案产品需送检，检验周期较长')
  const [extended] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/complaints/${report.id}/extend-check`)),
    extendDialog.locator('[data-test="extend-confirm"]').click(),
  ])
  check.equal(extended.status(), 200, 'extended')
  const longer = (await extended.json()).check
  check.ok(longer.extended && longer.due > first.check.due, 'a later last day')
  row = await queueRow(page, base, report.id)
  // The queue reloads after the answer.
  check.equal(await row.locator('[data-test="check-extended"]').innerText(), '已延长', 'marked extended')
  check.includes(await row.locator('[data-test="check-due"]').innerText(), longer.due, 'the new last day is shown')
  check.equal(await row.locator('[data-test="report-extend"]').count(), 0, 'extended only once')
  await logout(page)

  // The officer records 立案 with one evidence item: a case lead.
  await loginAs(page, base, '330106-amr-08', DEMO_PASSWORD)
  row = await queueRow(page, base, report.id, '核查中')
  await row.locator('[data-test="report-decide"]').click()
  const decide = page.locator('.el-dialog:visible', { hasText: '举报核查决定' })
  await decide.waitFor()
  await decide.locator('.el-radio', { hasText: '立案' }).first().click()
  await decide.locator(area('decision-note')).fill('现场核查发现过期产品 30 箱，涉嫌销售过期食品。')
  const evidenceRow = decide.locator('[data-test="evidence-row-0"]')
  await evidenceRow.locator(field('evidence-title')).fill('现场检查笔录')
  await evidenceRow.locator(field('evidence-ref')).fill('西市监检〔2026〕18号')
  const [decided] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/complaints/${report.id}/report-decision`)),
    decide.locator('[data-test="decision-confirm"]').click(),
  ])
  check.equal(decided.status(), 200, 'decided')
  const after = await decided.json()
  check.equal(after.check.decision, 'case_filed', 'the decision sent is 立案')
  check.ok(after.lead_id, 'a case lead is made')
  row = await queueRow(page, base, report.id, '已办结')
  check.includes(await row.locator('[data-test="check-decision"]').innerText(), after.check.decision_name, 'the decision in the queue')
  check.equal(await row.locator('[data-test="lead-made"]').innerText(), '已形成案件线索', 'the queue says a lead was made')
  await settled(page)
  await shot('report-decided')

  // 案件线索: the lead with the report record and the officer's item.
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/leads') && r.ok()),
    page.click('[data-test="menu"] .el-menu-item:has-text("案件线索")'),
  ])
  const leadRow = page.locator('[data-test="leads-table"] .el-table__row', { has: page.locator(`[data-test="lead-id-${after.lead_id}"]`) })
  check.includes(await leadRow.innerText(), shop.name, 'the lead names the business')
  const [leadRes] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/leads/${after.lead_id}`) && r.ok()),
    leadRow.locator(`[data-test="lead-open-${after.lead_id}"]`).click(),
  ])
  const lead = await leadRes.json()
  check.equal(lead.evidence.length, 2, 'the report record and the item entered')
  check.equal([lead.evidence[1].title, lead.evidence[1].ref], ['现场检查笔录', '西市监检〔2026〕18号'], "the officer's item")
  const evidence = page.locator('[data-test="lead-evidence"] .el-table__body .el-table__row')
  await evidence.nth(1).waitFor()
  check.equal(await evidence.count(), 2, 'both items are listed')
  check.includes(await evidence.nth(0).innerText(), lead.evidence[0].title, 'the report record first')
  check.ok(!/[a-z_]+:\d+/.test(await evidence.nth(0).innerText()), 'the record it points to is named in words')
  check.includes(await evidence.nth(1).innerText(), '西市监检〔2026〕18号', "the officer's item")
  await settled(page)
  await shot('lead-evidence')
  await page.locator('.el-dialog:visible button', { hasText: '关闭' }).last().click()
  // The queue's link opens the same lead.
  row = await queueRow(page, base, report.id, '已办结')
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/leads/${after.lead_id}`) && r.ok()),
    row.locator('[data-test="lead-link"]').click(),
  ])
  const linked = page.locator('.el-dialog:visible', { hasText: `第 ${after.lead_id} 号` })
  await linked.locator('[data-test="lead-evidence"] .el-table__row').nth(1).waitFor()
  await linked.locator('button', { hasText: '关闭' }).last().click()
  await linked.waitFor({ state: 'hidden' })

  // (b) A business a demo applicant administers (its licence is issued with the registration).
  const applicantToken = (await api(base, 'POST', '/auth/login', {
    body: { username: 'demo-applicant-03', password: DEMO_PASSWORD },
  })).token
  const me = await api(base, 'GET', '/auth/me', { token: applicantToken })
  check.ok(me.permissions.includes('complaints.odr_answer'), 'an applicant may answer as an ODR enterprise')
  const shopName = `西湖区${tradeName('孙', attempt)}水果店`
  const opened = await api(base, 'POST', '/establishments', {
    token: applicantToken,
    body: {
      kind: '个体工商户',
      name: shopName,
      legal_rep: { name: me.display_name, citizen_id: '330102199011080233' },
      address: '浙江省杭州市西湖区古荡新村 15 幢 2 号',
      address_commitment: true,
      scope: ['G01'],
      region_code: '330106',
      industry_code: '52',
      materials: ['application_form', 'legal_rep_id', 'address_commitment'],
    },
  })
  check.equal(opened.decision, 'instant_approval', 'the shop is approved at once')
  const mine = await api(base, 'GET', '/licenses', { token: applicantToken })
  check.ok(mine.items.some((l) => l.uscc === opened.uscc && l.role === 'admin'), 'the applicant administers its licence')

  // The officer enrols it in the ODR register.
  await page.click('[data-test="menu"] .el-menu-item:has-text("消费维权名录")')
  await page.waitForURL('**/workbench/complaints/registers')
  check.includes(await page.locator('[data-test="register-title"]').innerText(), 'ODR', 'the ODR register first')
  await page.fill(field('register-uscc'), opened.uscc)
  await page.fill(field('register-note'), '已签订在线消费纠纷解决承诺书')
  const [enrolled] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/consumer-registers') && r.request().method() === 'POST'),
    page.click('[data-test="register-enrol"]'),
  ])
  check.equal(enrolled.status(), 201, 'enrolled')
  const entry = page.locator('[data-test="register-table"] .el-table__row', { hasText: opened.uscc })
  await entry.waitFor()
  check.includes(await entry.innerText(), shopName, 'the register lists the shop')
  check.includes(await entry.innerText(), '在册', 'in force')
  // Enrolling it again is refused, the message beside the code.
  await page.fill(field('register-uscc'), opened.uscc)
  const [again] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/consumer-registers') && r.request().method() === 'POST'),
    page.click('[data-test="register-enrol"]'),
  ])
  check.equal(again.status(), 422, 'one entry in force per register')
  check.equal(await page.locator('[data-test="register-enrol-form"] .el-form-item__error').innerText(),
    (await again.json()).error.message, "the server's message sits beside the code")
  await settled(page)
  await shot('registers')
  await logout(page)

  // The consumer: the report's outcome, the public register, then a complaint against the shop.
  await page.goto(`${base}/complaints/track?id=${report.id}&code=${report.query_code}`)
  await page.locator('[data-test="track-result"]').waitFor()
  const told = await track(base, report.id, report.query_code)
  check.equal(await page.locator('[data-test="track-check-decision"]').innerText(), '立案', 'the consumer sees 立案')
  check.ok(told.check.reporter_told_on, 'the reporter was told')
  check.includes(await page.locator('[data-test="track-reporter-told"]').innerText(), told.check.reporter_told_on,
    'the day the reporter was told')
  check.includes(await page.locator('[data-test="track-reporter-told"]').innerText(), '已告知举报人', 'said in words')
  await shot('report-track')

  await page.goto(`${base}/complaints/new`)
  await page.click('[data-test="complaint-registers-link"]')
  await page.waitForURL('**/complaints/registers')
  await page.locator('[data-test="register-list"] li', { hasText: shopName }).waitFor()
  const res = await fileOnPortal(page, base, {
    uscc: opened.uscc, summary: `在该店购买的苹果大面积腐烂，要求退款（第 ${attempt} 次）。`, phone: '13700001111',
  })
  check.equal(res.status(), 201, 'the complaint is received')
  const complaint = await res.json()
  check.equal(complaint.state, 'with_business', 'it goes to the ODR enterprise first')
  const waiting = await track(base, complaint.id, complaint.query_code)
  check.ok(waiting.odr && waiting.odr.due, 'the enterprise has its last day')
  await page.locator('[data-test="complaint-filed-odr"] [data-test="accept-due"]').waitFor()
  check.includes(await page.locator('[data-test="complaint-filed-odr"]').innerText(), waiting.odr.due,
    "the enterprise's last day is the server's")
  await page.click('[data-test="complaint-track-link"]')
  await page.locator('[data-test="track-result"]').waitFor()
  check.equal(await page.locator('[data-test="track-state"]').innerText(), '企业先行和解中', 'the consumer sees the ODR stage')
  check.includes(await page.locator('[data-test="track-odr"]').innerText(), waiting.odr.due, 'with its last day')

  // The applicant, on a phone: the complaint with the consumer's phone; settled with 80 yuan.
  await loginAs(page, base, 'demo-applicant-03', DEMO_PASSWORD)
  await page.setViewportSize({ width: 390, height: 844 })
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/complaints/odr') && r.ok()),
    menuTo(page, '企业处理消费投诉'),
  ])
  const item = page.locator(`[data-test="odr-item-${complaint.id}"]`)
  await item.waitFor()
  check.includes(await item.innerText(), '13700001111', "the consumer's phone")
  check.includes(await item.locator('[data-test="odr-due"]').innerText(), waiting.odr.due, 'the last day')
  check.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    'nothing wider than the phone')
  await item.locator('.el-radio', { hasText: '已和解' }).click()
  await item.locator('.el-input-number input').fill('80')
  await item.locator(area('odr-note')).fill('已为消费者办理退款 80 元，消费者表示满意。')
  await settled(page)
  await shot('odr-phone')
  const [answered] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/complaints/${complaint.id}/odr-answer`)),
    item.locator('[data-test="odr-submit"]').click(),
  ])
  check.equal(answered.status(), 200, 'answered')
  const sent = JSON.parse(answered.request().postData())
  check.equal([sent.result, sent.amount_recovered], ['settled', 80], 'settled, the yuan as an integer')
  const closed = await answered.json()
  await page.locator('[data-test="odr-filter"] .el-radio-button', { hasText: '全部' }).click()
  check.includes(await item.locator('[data-test="odr-result"]').innerText(), closed.odr.result_name, 'the answer is shown')
  check.equal(await item.locator('[data-test="odr-answer-' + complaint.id + '"]').count(), 0, 'answered only once')
  await page.setViewportSize({ width: 1366, height: 900 })
  await logout(page)

  // The consumer's page: closed, with the money.
  await page.goto(`${base}/complaints/track?id=${complaint.id}&code=${complaint.query_code}`)
  await page.locator('[data-test="track-outcome"]').waitFor()
  const done = await track(base, complaint.id, complaint.query_code)
  check.equal(done.state, 'closed', 'closed on the server')
  check.equal(await page.locator('[data-test="track-state"]').innerText(), '已办结', 'the consumer sees 已办结')
  check.includes(await page.locator('[data-test="track-outcome"]').innerText(), '80', 'and the money recovered')
  check.includes(await page.locator('[data-test="track-odr"]').innerText(), done.odr.result_name, "and the enterprise's answer")
  await shot('odr-track')
}
