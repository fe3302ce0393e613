// SPDX-License-Identifier: MulanPSL-2.0
// 消息中心, as an applicant meets it: registered on the portal (a confirmed phone,
// so each message is also an SMS event of the outbox), she opens a 个体工商户 (秒批)
// and finds the approval in the message centre; the bank returns its step and
// the reason arrives too. At 1366 px she opens the returned step's message,
// which leads to the application where she fixes it (the other bank's officer
// is told); the count beside the menu and in the header drops. The other bank
// returns it as well: on a phone (390 px) she marks that one read and opens
// the approval; the count is gone, and no page scrolls sideways.
import { DEMO_PASSWORD, menuTo } from './run.mjs'
import {
  checkNoSidewaysScroll, finishRegistration, makeCitizenId, openShopWithBank, startRegistration,
} from './applicant_helpers.mjs'
import { apiLogin, field, pick } from './establishment_helpers.mjs'

async function api(base, token, method, path, body) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  const data = await res.json()
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(data)}`)
  return data
}

// The message centre, read afresh (the counts beside the menu come with it).
async function openMessages(page) {
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/messages') && r.request().method() === 'GET' && r.ok()),
    menuTo(page, '消息中心'),
  ])
  await page.locator('[data-test="msg-list"], [data-test="msg-empty"]').first().waitFor()
}

const bellCount = async (page) => {
  const count = page.locator('[data-test="messages-bell-count"]')
  return (await count.count()) ? (await count.innerText()).trim() : ''
}

export default async function ({ page, base, shot, check, attempt = 1, serverLog }) {
  const person = {
    name: '陈晓岚',
    citizenId: makeCitizenId('330106', '19850618', 500 + attempt * 2),
    phone: `1390573${String(attempt).padStart(4, '0')}`,
    password: 'Green-tea-2026',
  }
  const code = await startRegistration(page, base, check, serverLog, person)
  await finishRegistration(page, check, person, code)

  // 企业开办: a 个体工商户 with a bank booking, approved at once.
  const app = await openShopWithBank(page, base, check, {
    person, name: `西湖区${['晓岚', '岚晓'][attempt - 1] ?? '岚岚'}茶叶店`,
    address: '浙江省杭州市西湖区梅灵南路 6 号', branch: '梅灵路分理处',
  })

  // The approval is in the message centre, unread, and counted beside the menu and in the header.
  await page.goto(`${base}/workbench`)
  await page.locator('[data-test="welcome"]').waitFor()
  await openMessages(page)
  const approved = page.locator('[data-kind="establishment_approved"]')
  await approved.waitFor()
  check.includes(await approved.innerText(), app.uscc, 'the approval names the new code')
  check.equal(await approved.locator('[data-test="msg-unread"]').count(), 1, 'the approval is unread')
  await page.locator('[data-test="todo-/workbench/messages"]', { hasText: '1' }).waitFor()
  check.equal(await bellCount(page), '1', 'the header counts one unread message')

  // The bank returns its step: the reason arrives as a message.
  const bankStep = app.steps.find((s) => s.kind === 'bank_account')
  check.ok(bankStep, 'a bank step was dispatched')
  const icbc = await apiLogin(base, '330106-bank-icbc-01', DEMO_PASSWORD)
  await api(base, icbc, 'POST', `/department/steps/${bankStep.id}/claim`, {})
  await api(base, icbc, 'POST', `/department/steps/${bankStep.id}/return`,
    { reason: '该分理处不办理对公开户，请改约其他银行网点' })
  await page.goto(`${base}/workbench`)
  await page.locator('[data-test="welcome"]').waitFor()
  await openMessages(page)
  const returned = page.locator('[data-kind="establishment_step_returned"]')
  await returned.waitFor()
  check.includes(await returned.innerText(), '不办理对公开户', 'the reason is in the message')
  const weight = await returned.locator('[data-test="msg-title"]').evaluate((e) => getComputedStyle(e).fontWeight)
  check.ok(Number(weight) >= 700, `an unread message is in bold (${weight})`)
  check.equal(await page.locator('[data-test="unread-count"]').innerText(), '未读 2 条', 'two unread')
  await page.locator('[data-test="todo-/workbench/messages"]', { hasText: '2' }).waitFor()
  check.equal(await bellCount(page), '2', 'the header counts two')
  await shot('messages-unread')

  // 查看 leads to the application, where the step is fixed and sent again.
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/establishments/${app.id}`) && r.ok()),
    returned.locator('[data-test="msg-open"]').click(),
  ])
  check.ok(page.url().includes(`/progress?id=${app.id}`), `the message leads to the application (${page.url()})`)
  await page.locator('[data-test="resubmit-bank_account"]').waitFor()
  await pick(page, 'resubmit-bank', '中国建设银行')
  await page.fill(field('resubmit-branch'), '杭州西湖支行')
  await page.fill('[data-test="resubmit-note"] textarea, textarea[data-test="resubmit-note"]', '改约建设银行西湖支行')
  const [sent] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/steps/${bankStep.id}/resubmit`)),
    page.click('[data-test="resubmit-button"]'),
  ])
  check.equal(sent.status(), 200, 'the step is resubmitted')
  // The other bank's officer is told in the message centre.
  const ccb = await apiLogin(base, '330106-bank-ccb-01', DEMO_PASSWORD)
  const theirs = await api(base, ccb, 'GET', '/messages?unread=true')
  check.ok(theirs.items.some((m) => m.kind === 'establishment_step_resubmitted' && m.body.includes('改约建设银行西湖支行')),
    'the bank now booked is told of the resubmitted step')
  // Back in the message centre: the opened message is read, the count dropped to one.
  await page.goto(`${base}/workbench`)
  await page.locator('[data-test="welcome"]').waitFor()
  await openMessages(page)
  check.equal(await page.locator('[data-kind="establishment_step_returned"] [data-test="msg-unread"]').count(), 0,
    'the opened message is read')
  await page.locator('[data-test="todo-/workbench/messages"]', { hasText: '1' }).waitFor()
  check.equal(await bellCount(page), '1', 'the header counts one')
  await shot('messages-after-open')

  // The other bank returns it too.
  await api(base, ccb, 'POST', `/department/steps/${bankStep.id}/claim`, {})
  await api(base, ccb, 'POST', `/department/steps/${bankStep.id}/return`,
    { reason: '请携带经营者身份证原件到柜台办理' })

  // On a phone: the header's count, the cards, 标为已读, then 查看 of the approval.
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(`${base}/workbench`)
  await page.locator('[data-test="welcome"]').waitFor()
  await page.locator('[data-test="messages-bell-count"]', { hasText: '2' }).waitFor()
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/messages') && r.ok()),
    page.click('[data-test="messages-bell"]'),
  ])
  const again = page.locator('[data-kind="establishment_step_returned"]', { hasText: '身份证原件' })
  await again.waitFor()
  await checkNoSidewaysScroll(page, check, 'the message centre on a phone')
  await shot('messages-phone')
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/read') && r.request().method() === 'POST' && r.ok()),
    again.locator('[data-test="msg-read"]').click(),
  ])
  await page.locator('[data-test="unread-count"]', { hasText: '未读 1 条' }).waitFor()
  await page.locator('[data-test="messages-bell-count"]', { hasText: '1' }).waitFor()
  await Promise.all([
    page.waitForURL(/\/progress\?id=/),
    approved.locator('[data-test="msg-open"]').click(),
  ])
  await page.locator('[data-test="uscc-link"]').waitFor()
  await checkNoSidewaysScroll(page, check, 'the application on a phone')
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/workbench/todo') && r.ok()),
    page.goto(`${base}/workbench/messages`),
  ])
  await page.locator('[data-test="msg-list"]').waitFor()
  await page.locator('[data-test="unread-count"]', { hasText: '未读 0 条' }).waitFor()
  check.equal(await bellCount(page), '', 'no count once every message is read')
  check.ok(await page.locator('[data-test="read-all"]').isDisabled(), '全部已读 has nothing left to do')
  await shot('messages-phone-read')
}
