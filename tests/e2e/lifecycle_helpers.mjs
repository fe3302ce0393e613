// SPDX-License-Identifier: MulanPSL-2.0
// Shared steps of the lifecycle browser tests: an applicant account that registers
// a business through the API (秒批), so the applicant holds its e-licence and may
// change, suspend or deregister it; plain API calls for what a test is not about.
import { createApplicant } from './establishment_helpers.mjs'

export async function api(base, method, path, { token, body } = {}) {
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

// Today and `n` days later in China (YYYY-MM-DD).
export function chinaDate(n = 0) {
  const d = new Date(Date.now() + n * 86400000)
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  }).format(d)
}

// `date` (YYYY-MM-DD) if the server's calendar counts it as a working day, else the first working
// day after it: where a period whose last day is off ends (民法典 Art. 203). Asked of the server,
// so the test follows the calendar data, never a copy of it.
export async function workdayOnOrAfter(base, date) {
  let d = date
  for (let i = 0; i < 31; i++) {
    const r = await fetch(`${base}/api/v1/calendar/workdays?from=${d}&add=0`)
    if (!r.ok) throw new Error(`calendar: ${r.status} ${await r.text()}`)
    if ((await r.json()).from_is_workday) return d
    const next = new Date(`${d}T12:00:00+08:00`)
    next.setUTCDate(next.getUTCDate() + 1)
    d = next.toISOString().slice(0, 10)
  }
  throw new Error(`no working day within a month after ${date}`)
}

const REP = { name: '张三', citizen_id: '11010519491231002X' }

// Registers a business of the demo county for a new applicant; returns
// {username, password, token, uscc, name, form, application} (the application's number). `kind`: 有限责任公司 | 个体工商户.
export async function registerBusiness(base, { username, name, kind = '有限责任公司', address }) {
  const applicant = await createApplicant(base, username, REP.citizen_id)
  const company = kind === '有限责任公司'
  const form = {
    kind,
    name,
    legal_rep: REP,
    address: address ?? '浙江省杭州市西湖区文一路 115 号',
    address_commitment: true,
    scope: company ? ['G04'] : ['G01'],
    region_code: '330106',
    industry_code: company ? '65' : '52',
    materials: company
      ? ['application_form', 'legal_rep_id', 'articles', 'investor_ids', 'address_commitment', 'officer_appointment']
      : ['application_form', 'legal_rep_id', 'address_commitment'],
  }
  if (company) {
    form.investors = [{ ...REP, subscribed_capital: 500000 }]
    form.registered_capital = 500000
  }
  const app = await api(base, 'POST', '/establishments', { token: applicant.token, body: form })
  if (app.decision !== 'instant_approval' || !app.uscc) {
    throw new Error(`${name} was not approved at once: ${JSON.stringify(app.decision)}`)
  }
  return { ...applicant, uscc: app.uscc, name, form, application: app.id }
}

// 简易注销 through the API: the one investor's commitment and every declaration.
export const applySimplified = (base, token, uscc) =>
  api(base, 'POST', '/deregistrations/simplified', {
    token,
    body: {
      uscc,
      commitments: {
        investors: [{ name: REP.name, citizen_id: REP.citizen_id }],
        debts_settled: true,
        taxes_cleared: true,
        wages_paid: true,
        social_insurance_cleared: true,
        compensation_paid: true,
        fees_paid: true,
      },
    },
  })

// A 字号 of two characters not used by another test run (names are recorded
// at registration: a retried test needs a new one).
export function tradeName(prefix, attempt) {
  const second = '甲乙丙丁戊己庚辛'
  return `${prefix}${second[(attempt - 1) % second.length]}`
}
