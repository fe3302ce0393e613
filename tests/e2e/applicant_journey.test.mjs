// SPDX-License-Identifier: MulanPSL-2.0
// The applicant's whole journey: a shop owner registers on the portal, opens a
// 个体工商户 with a bank booking, opens the licence from the success page, has
// the bank step returned by the bank, finds it under 我的申请, books another
// bank and resubmits (the other bank now has it, its clock started again), and
// shows the licence's QR code on a phone.
import { DEMO_PASSWORD } from './run.mjs'
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

export default async function ({ page, base, shot, check, attempt = 1, serverLog }) {
  const person = {
    name: '冯丽华',
    citizenId: makeCitizenId('330106', '19790321', 100 + attempt * 2),
    phone: `1390572${String(attempt).padStart(4, '0')}`,
    password: 'Tea-leaves-2026',
  }
  const code = await startRegistration(page, base, check, serverLog, person)
  await finishRegistration(page, check, person, code)

  // 企业开办 on the portal: herself as the operator, a bank account booked.
  const app = await openShopWithBank(page, base, check, {
    person, name: `西湖区${['丽华', '华丽'][attempt - 1] ?? '丽茗'}茶叶店`,
    address: '浙江省杭州市西湖区龙井路 18 号', branch: '龙井路分理处',
  })
  await shot('journey-approved')

  // The licence from the success page: a real page, the holder's own.
  await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/api/v1/licenses/${app.uscc}`) && r.ok()),
    page.click('[data-test="license-link"]'),
  ])
  await page.locator('[data-test="qr-card"]').waitFor()
  check.ok(!(await page.title()).includes('页面不存在'), 'the licence link leads to the licence')
  await shot('journey-licence')

  // The bank returns its step.
  const bankStep = app.steps.find((s) => s.kind === 'bank_account')
  check.ok(bankStep, 'a bank step was dispatched')
  check.includes(bankStep.org_unit_name, '工商银行', 'to the bank the applicant booked')
  const icbc = await apiLogin(base, '330106-bank-icbc-01', DEMO_PASSWORD)
  await api(base, icbc, 'POST', `/department/steps/${bankStep.id}/claim`, {})
  await api(base, icbc, 'POST', `/department/steps/${bankStep.id}/return`,
    { reason: '该分理处不办理对公开户，请改约其他银行网点' })

  // 我的申请 shows it; 去修改 leads to the application.
  await page.click('[data-test="menu"] >> text=我的申请')
  await page.locator(`[data-test="my-app-returned-bank_account"]`).waitFor()
  // The menu counts it as waiting for her.
  await page.locator('[data-test="todo-/workbench/my-applications"]', { hasText: '1' }).waitFor()
  check.includes(await page.locator('[data-test="my-app-returned-bank_account"]').innerText(),
    '不办理对公开户', 'the reason is shown')
  await shot('journey-my-applications')
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/establishments/${app.id}`) && r.ok()),
    page.click('[data-test="my-app-returned-bank_account"] a'),
  ])
  await page.locator('[data-test="resubmit-bank_account"]').waitFor()
  await pick(page, 'resubmit-bank', '中国建设银行')
  await page.fill(field('resubmit-branch'), '杭州西湖支行')
  await page.fill('[data-test="resubmit-note"] textarea, textarea[data-test="resubmit-note"]', '改约建设银行西湖支行')
  await shot('journey-resubmit')
  const [sent] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/steps/${bankStep.id}/resubmit`)),
    page.click('[data-test="resubmit-button"]'),
  ])
  check.equal(sent.status(), 200, 'the step is resubmitted')
  const step = await sent.json()
  check.includes(step.org_unit_name, '建设银行', 'the step goes to the bank now booked')
  check.equal(step.elapsed_working_minutes, 0, 'its clock starts again')
  await page.locator('[data-test="resubmitted"]').waitFor()
  check.equal(await page.locator('[data-test="step-state-bank_account"]').innerText(), '待办理',
    'the step waits for the bank again')
  await shot('journey-resubmitted')
  // Nothing waits for her any more.
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/workbench/todo') && r.ok()),
    page.goto(`${base}/workbench/my-applications`),
  ])
  await page.locator('[data-test="my-apps"]').waitFor()
  check.equal(await page.locator('[data-test="todo-/workbench/my-applications"]').count(), 0,
    'no count once resubmitted')

  // The other bank sees it in its queue; the first no longer does.
  const ccb = await apiLogin(base, '330106-bank-ccb-01', DEMO_PASSWORD)
  const queue = await api(base, ccb, 'GET', '/department/steps')
  check.ok(queue.items.some((s) => s.id === bankStep.id), 'the step is in the other bank\'s queue')
  const old = await api(base, icbc, 'GET', '/department/steps')
  check.ok(!old.items.some((s) => s.id === bankStep.id), 'and no longer in the first bank\'s')

  // On a phone: the licence's QR code to show at a counter.
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(`${base}/workbench/license/${app.uscc}`)
  await page.locator('[data-test="qr-card"]').waitFor()
  await page.click('[data-test="make-qr"]')
  await page.locator('[data-test="qr-image"]').waitFor()
  const box = await page.locator('[data-test="qr-image"]').boundingBox()
  check.ok(box && box.x >= 0 && box.x + box.width <= 390, `the QR code fits the phone (${JSON.stringify(box)})`)
  await checkNoSidewaysScroll(page, check, 'the licence on a phone')
  await shot('journey-phone-qr')
}
