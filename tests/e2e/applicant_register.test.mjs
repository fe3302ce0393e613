// SPDX-License-Identifier: MulanPSL-2.0
// A shop owner without an account registers on the portal: name, citizen ID,
// mobile phone and password; the SMS code (in the demo, the server's log)
// confirms the phone and the new account is logged in on the workbench. A
// wrong code is refused beside the box. Once on a desktop, once on a phone.
import {
  checkNoSidewaysScroll, finishRegistration, makeCitizenId, startRegistration,
} from './applicant_helpers.mjs'

async function register(page, base, check, shot, serverLog, person, label) {
  const code = await startRegistration(page, base, check, serverLog, person)
  check.includes(await page.textContent('[data-test="code-sent"]'),
    `${person.phone.slice(0, 3)}****${person.phone.slice(7)}`, 'the masked phone')
  // The wait before another code comes from the server.
  check.includes(await page.textContent('[data-test="reg-resend"]'), '秒后可重新获取', 'the countdown')
  await shot(`${label}-code`)

  // A wrong code: the message sits beside the box.
  await page.fill('input[data-test="reg-code"]', code === '000000' ? '111111' : '000000')
  const [wrong] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/applicants/verify')),
    page.click('[data-test="reg-verify"]'),
  ])
  check.equal(wrong.status(), 400, 'a wrong code is refused')
  await page.waitForSelector('.el-form-item.is-error input[data-test="reg-code"]')
  check.includes(await page.textContent('.el-form-item.is-error .el-form-item__error'), '验证码不正确',
    'the message beside the code')

  await finishRegistration(page, check, person, code)
  check.includes(await page.textContent('[data-test="user-roles"]'), '申请人', 'the applicant role')
  await shot(`${label}-done`)
}

export default async function ({ page, base, shot, check, attempt = 1, serverLog }) {
  // Two people; fresh numbers on the runner's second attempt.
  const phone = (n) => `1390571${String(attempt * 10 + n).padStart(4, '0')}`
  await register(page, base, check, shot, serverLog, {
    name: '周美玲', citizenId: makeCitizenId('330106', '19880612', 30 + attempt * 2), phone: phone(1), password: 'Tea-house-2026',
  }, 'register-desktop')

  // On a phone, logged out.
  await page.evaluate(() => sessionStorage.clear())
  await page.setViewportSize({ width: 390, height: 844 })
  await register(page, base, check, shot, serverLog, {
    name: '吴建国', citizenId: makeCitizenId('330106', '19880612', 31 + attempt * 2), phone: phone(2), password: 'Bike-repair-2026',
  }, 'register-phone')
  await checkNoSidewaysScroll(page, check, 'the workbench on a phone')

  // The account logs in again with its phone number.
  await page.evaluate(() => sessionStorage.clear())
  await page.goto(`${base}/login`)
  await page.fill('input[data-test="username"]', phone(2))
  await page.fill('input[data-test="password"]', 'Bike-repair-2026')
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me') && r.ok()),
    page.press('input[data-test="password"]', 'Enter'),
  ])
  await page.waitForSelector('[data-test="welcome"]')
}
