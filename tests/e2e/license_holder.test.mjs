// SPDX-License-Identifier: MulanPSL-2.0
// An applicant opens a 个体工商户 through the API (秒批), which issues its e-licence; the
// applicant then uses 我的电子营业执照 (PDF, dynamic QR code, agents) and the public verifies the
// QR address and the downloaded PDF.
import { ADMIN_PASSWORD, loginAs } from './run.mjs'
import { holderFlow } from './license_holder_flow.mjs'

async function call(base, method, path, { token, body } = {}) {
  const headers = { Accept: 'application/json', 'Idempotency-Key': crypto.randomUUID() }
  if (token) headers.Authorization = `Bearer ${token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(`${base}/api/v1${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = await res.json().catch(() => null)
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(data)}`)
  return data
}

const login = async (base, username, password) =>
  (await call(base, 'POST', '/auth/login', { body: { username, password } })).token

export default async function ({ page, base, shot, out, check, attempt = 1 }) {
  // Fresh account and name on a second run (the runner retries a failed test once;
  // names are recorded at registration, so a second 钱记 would meet Art. 17).
  const username = attempt === 1 ? 'li.si' : `li.si-${attempt}`
  // The applicant's account (the administrator makes it; the applicant sets a password).
  const admin = await login(base, 'admin', ADMIN_PASSWORD)
  const first = 'Kaiban-Start-2026a'
  const password = 'Kaiban-Holder-2026b'
  await call(base, 'POST', '/users', {
    token: admin,
    body: { username: username, display_name: '张三', kind: 'applicant', citizen_id: '11010519491231002X', password: first },
  })
  let token = await login(base, username, first)
  await call(base, 'POST', '/auth/password', {
    token, body: { current_password: first, new_password: password },
  })
  token = await login(base, username, password)

  // The one-form 企业开办 of a 个体工商户 (instant approval).
  const form = {
    kind: '个体工商户',
    // A 字号 no other browser test uses: 李记 is establishment_department's 文具店, a
    // similar name (same 字号, a neighbouring trade) that would go to a registrar.
    name: attempt === 1 ? '西湖区钱记杂货店' : '西湖区周记杂货店',
    legal_rep: { name: '张三', citizen_id: '11010519491231002X' },
    address: '浙江省杭州市西湖区古荡新村 12 幢 1 号',
    address_commitment: true,
    scope: ['G01', 'G03'],
    region_code: '330106',
    industry_code: '52',
    materials: ['application_form', 'legal_rep_id', 'address_commitment'],
    options: {
      tax: { invoice_kinds: ['全面数字化的电子发票'], tax_ukey: false },
      bank_account: { bank: '杭州银行', branch: '古荡支行' },
    },
  }
  const app = await call(base, 'POST', '/establishments', { token, body: form })
  check.equal(app.decision, 'instant_approval', 'an individual business is approved at once')
  check.ok(app.uscc, 'the new business has its USCC')
  const licence = await call(base, 'GET', `/licenses/${app.uscc}`, { token })
  check.equal(licence.document.payload.name, form.name, 'the licence issued with the registration')

  await loginAs(page, base, username, password)
  await holderFlow({ page, base, shot, out, check, uscc: app.uscc, name: form.name })
}
