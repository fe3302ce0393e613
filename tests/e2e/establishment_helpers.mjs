// SPDX-License-Identifier: MulanPSL-2.0
// Shared steps of the 企业开办 browser tests: an applicant account made through
// the administrator's API (the demo county has no applicant login), forms
// sent through the API when a test is about another role's screen.
import { ADMIN_PASSWORD } from './run.mjs'

export const APPLICANT_PASSWORD = 'Shenqing-Ren-2026'

async function call(base, method, path, { token, body } = {}) {
  const headers = { Accept: 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET') headers['Idempotency-Key'] = `e2e-${Math.random().toString(16).slice(2)}-${Date.now()}`
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = await res.json().catch(() => null)
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(data)}`)
  return data
}

export async function apiLogin(base, username, password) {
  return (await call(base, 'POST', '/auth/login', { body: { username, password } })).token
}

// Creates an applicant account and sets its own password; returns {username, password, token}.
export async function createApplicant(base, username, citizenId) {
  const admin = await apiLogin(base, 'admin', ADMIN_PASSWORD)
  const initial = 'Chushi-Mima-2026'
  await call(base, 'POST', '/users', {
    token: admin,
    body: { username, display_name: '张三', kind: 'applicant', citizen_id: citizenId, password: initial },
  })
  const first = await apiLogin(base, username, initial)
  await call(base, 'POST', '/auth/password', {
    token: first,
    body: { current_password: initial, new_password: APPLICANT_PASSWORD },
  })
  const token = await apiLogin(base, username, APPLICANT_PASSWORD)
  return { username, password: APPLICANT_PASSWORD, token }
}

export const submitForm = (base, token, form) => call(base, 'POST', '/establishments', { token, body: form })
export const readApplication = (base, token, id) => call(base, 'GET', `/establishments/${id}`, { token })

// Puts a login token into the page's session (as the login page would) and opens `path`.
export async function openAs(page, base, token, path) {
  await page.goto(`${base}/`)
  await page.evaluate((t) => sessionStorage.setItem('amr.token', t), token)
  await page.goto(`${base}${path}`)
}

// Picks `label` in the Element Plus select whose wrapper carries data-test=`test`.
export async function pick(page, test, label, typed) {
  await page.click(`[data-test="${test}"]`)
  if (typed) await page.keyboard.type(typed)
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
}

// The text box of an Element Plus input carrying data-test=`test` (on the box or its wrapper).
export const field = (test) => `input[data-test="${test}"], [data-test="${test}"] input`

// Fills the parts of the one form every kind has.
export async function fillCommon(page, { rep, id, address, industry, scope }) {
  await page.fill(field('rep-name'), rep)
  await page.fill(field('rep-id'), id)
  await page.fill(field('apply-address'), address)
  await page.click('[data-test="address-commitment"]')
  await pick(page, 'apply-industry', `${industry} `, industry)
  await page.click('[data-test="scope-select"]')
  for (const label of scope) {
    await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
  }
  await page.keyboard.press('Escape')
}

export async function supplyAll(page) {
  const groups = page.locator('[data-test^="material-"]')
  const n = await groups.count()
  for (let i = 0; i < n; i++) await groups.nth(i).locator('.el-radio', { hasText: '已提交' }).click()
}

