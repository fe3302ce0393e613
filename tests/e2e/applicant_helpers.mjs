// SPDX-License-Identifier: MulanPSL-2.0
// An applicant who registers on the portal as a member of the public would:
// the form, the SMS code (in the demo, read from the server's log), the
// account logged in on the workbench.
import { field, fillCommon, pick, supplyAll } from './establishment_helpers.mjs'

// Waits until the server's log holds a code for `phone` after line `since`.
export async function codeFor(serverLog, phone, since) {
  for (let i = 0; i < 200; i++) {
    const lines = (await serverLog()).split('\n').slice(since)
    const line = lines.find((l) => l.includes(phone) && l.includes('验证码'))
    if (line) return line.match(/验证码 (\d{6})/)[1]
    await new Promise((ok) => setTimeout(ok, 50))
  }
  throw new Error(`no code for ${phone} in the server log`)
}

// Fills the registration form for `person` ({name, citizenId, phone,
// password}) and asks for the code; returns the code from the log.
export async function startRegistration(page, base, check, serverLog, person) {
  await page.goto(`${base}/`)
  await page.click('[data-test="nav-register"]')
  await page.waitForSelector('input[data-test="reg-name"]')
  await page.fill('input[data-test="reg-name"]', person.name)
  await page.fill('input[data-test="reg-citizen-id"]', person.citizenId)
  await page.fill('input[data-test="reg-phone"]', person.phone)
  await page.fill('input[data-test="reg-password"]', person.password)
  await page.fill('input[data-test="reg-password2"]', person.password)
  const since = (await serverLog()).split('\n').length - 1
  const [sent] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/applicants') && r.request().method() === 'POST'),
    page.click('[data-test="reg-send"]'),
  ])
  check.equal(sent.status(), 201, 'the code is sent')
  await page.waitForSelector('[data-test="code-sent"]')
  return codeFor(serverLog, person.phone, since)
}

// Enters the code and lands on the workbench as the new applicant.
export async function finishRegistration(page, check, person, code) {
  await page.fill('input[data-test="reg-code"]', code)
  await Promise.all([
    page.waitForURL(/\/workbench/),
    page.click('[data-test="reg-verify"]'),
  ])
  await page.waitForSelector('[data-test="registered"]')
  check.includes(await page.textContent('[data-test="welcome"]'), person.name, 'logged in as the new applicant')
}

// The page does not scroll sideways (a phone's width).
export async function checkNoSidewaysScroll(page, check, where) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  check.ok(wide <= 0, `${where}: no sideways scroll (${wide} px too wide)`)
}

// A citizen ID number with its GB 11643 check character, for test people:
// `seq` 0–999 (odd for men).
export function makeCitizenId(region6, yyyymmdd, seq) {
  const body = `${region6}${yyyymmdd}${String(seq).padStart(3, '0')}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i], 0)
  return body + '10X98765432'[sum % 11]
}

// 企业开办 on the portal by a logged-in applicant: a 个体工商户 named `name`, herself
// as the operator, a bank account booked at 中国工商银行's `branch`; approved at once.
// Returns the application as the server answered it.
export async function openShopWithBank(page, base, check, { person, name, address, branch }) {
  await page.goto(`${base}/establishment`)
  await page.locator('[data-test="missing-list"]').waitFor()
  await pick(page, 'kind-select', '个体工商户')
  await page.fill(field('apply-name'), name)
  await fillCommon(page, {
    rep: person.name, id: person.citizenId, address, industry: '52', scope: ['日用百货销售'],
  })
  await page.click('[data-test="opt-bank"]')
  await pick(page, 'bank-select', '中国工商银行')
  await page.fill(field('bank-branch'), branch)
  await supplyAll(page)
  await page.locator('[data-test="missing"] .el-alert--success').waitFor()
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/establishments') && r.request().method() === 'POST'),
    page.click('[data-test="submit-button"]'),
  ])
  check.equal(res.status(), 201, 'the application is accepted')
  const app = await res.json()
  check.equal(app.decision, 'instant_approval', 'a standard 个体工商户 is approved at once')
  await page.locator('[data-test="decision"]').waitFor()
  return app
}
