// SPDX-License-Identifier: MulanPSL-2.0
// A shop owner without an account registers on the portal: name, citizen ID,
// mobile phone and password; the SMS code (in the demo, the server's log)
// confirms the phone and the new account is logged in on the workbench. A
// wrong code is refused beside the box. Once on a desktop, once on a phone.

// Waits until the server's log holds a code for `phone` after `since` lines.
async function codeFor(serverLog, phone, since) {
  for (let i = 0; i < 200; i++) {
    const lines = (await serverLog()).split('\n').slice(since)
    const line = lines.find((l) => l.includes(phone) && l.includes('验证码'))
    if (line) return line.match(/验证码 (\d{6})/)[1]
    await new Promise((ok) => setTimeout(ok, 50))
  }
  throw new Error(`no code for ${phone} in the server log`)
}

async function register(page, base, check, shot, serverLog, person, label) {
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
  check.includes(await page.textContent('[data-test="code-sent"]'),
    `${person.phone.slice(0, 3)}****${person.phone.slice(7)}`, 'the masked phone')
  // The wait before another code comes from the server.
  check.includes(await page.textContent('[data-test="reg-resend"]'), '秒后可重新获取', 'the countdown')
  const code = await codeFor(serverLog, person.phone, since)
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

  await page.fill('input[data-test="reg-code"]', code)
  await Promise.all([
    page.waitForURL(/\/workbench/),
    page.click('[data-test="reg-verify"]'),
  ])
  await page.waitForSelector('[data-test="registered"]')
  check.includes(await page.textContent('[data-test="welcome"]'), person.name, 'logged in as the new applicant')
  check.includes(await page.textContent('[data-test="user-roles"]'), '申请人', 'the applicant role')
  await shot(`${label}-done`)
}

export default async function ({ page, base, shot, check, attempt = 1, serverLog }) {
  // Two people; fresh numbers on the runner's second attempt.
  const phone = (n) => `1390571${String(attempt * 10 + n).padStart(4, '0')}`
  await register(page, base, check, shot, serverLog, {
    name: '周美玲', citizenId: '330106198806120316', phone: phone(1), password: 'Tea-house-2026',
  }, 'register-desktop')

  // On a phone, logged out.
  await page.evaluate(() => sessionStorage.clear())
  await page.setViewportSize({ width: 390, height: 844 })
  await register(page, base, check, shot, serverLog, {
    name: '吴建国', citizenId: '330106198806120324', phone: phone(2), password: 'Bike-repair-2026',
  }, 'register-phone')
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  check.ok(wide <= 0, `no sideways scroll on a phone (${wide} px too wide)`)

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
