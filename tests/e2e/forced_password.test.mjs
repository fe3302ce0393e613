// SPDX-License-Identifier: MulanPSL-2.0
// A new user must change the initial password before anything else, then logs
// in again with the new one.
import { ADMIN_PASSWORD, loginAs } from './run.mjs'

async function api(base, method, path, token, body) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(method === 'GET' ? {} : { 'Idempotency-Key': `e2e-${path}-${Date.now()}` }),
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  const data = await res.json()
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(data)}`)
  return data
}

export default async function ({ page, base, shot, check, attempt = 1 }) {
  // A fresh account on a second run (the runner retries a failed test once).
  const username = attempt === 1 ? 'new-clerk' : `new-clerk-${attempt}`
  // The administrator creates a window clerk with an initial password.
  const { token } = await api(base, 'POST', '/auth/login', '', {
    username: 'admin',
    password: ADMIN_PASSWORD,
  })
  const units = (await api(base, 'GET', '/org-units', token)).items
  const hall = units.find((u) => u.kind === 'service_hall') ?? units[0]
  const initial = 'First-pass-2026'
  await api(base, 'POST', '/users', token, {
    username,
    display_name: '新同事',
    org_unit_id: hall.id,
    roles: [{ role: 'window_clerk' }],
    password: initial,
  })

  // Logging in lands on the password page; no business menu is offered yet.
  await page.goto(`${base}/login`)
  await page.fill('[data-test="username"]', username)
  await page.fill('[data-test="password"]', initial)
  await page.press('[data-test="password"]', 'Enter')
  await page.waitForURL(/\/workbench\/password/)
  await page.locator('[data-test="must-change"]').waitFor()
  const menus = (await page.locator('[data-test="menu"] .el-menu-item').allTextContents())
    .map((t) => t.trim())
  check.equal(menus, ['工作台首页', '修改密码'], 'menus before the change')
  // Another page, typed in, comes back to the password page.
  await page.goto(`${base}/workbench/entities`)
  await page.waitForURL(/\/workbench\/password/)
  await page.locator('[data-test="must-change"]').waitFor()
  await shot('password-change')

  const next = 'Second-pass-2026'
  await page.fill('#current', initial)
  await page.fill('#next', next)
  await page.fill('#again', next)
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/password') && r.ok()),
    page.press('#again', 'Enter'),
  ])
  await page.waitForURL(/\/login/)

  await loginAs(page, base, username, next)
  const after = (await page.locator('[data-test="menu"] .el-menu-item').allTextContents())
    .map((t) => t.trim())
  check.ok(after.includes('开办受理'), 'the clerk\'s menus after the change')
}
