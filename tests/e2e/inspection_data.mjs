// SPDX-License-Identifier: MulanPSL-2.0
// Data the inspection browser tests share, made through the public HTTP API
// (no test reaches into the store). Not a test itself: the runner only picks
// *.test.mjs files.
import { DEMO_PASSWORD } from './run.mjs'

export const LEADER = '330106-amr-01'
// The bureau's own inspectors (src/demo/demo_seed.cc: posts 8 to 11 of 330106-amr), then the
// stations' inspectors (every post of a station).
export const INSPECTORS = ['330106-amr-08', '330106-amr-09', '330106-amr-10', '330106-amr-11']
const STATION_INSPECTORS = [['beishan', 5], ['xixi', 5], ['lingyin', 4], ['cuiyuan', 5],
  ['wenxin', 5], ['sandun', 6]].flatMap(([s, n]) =>
  Array.from({ length: n }, (_, i) => `330106-${s}-${String(i + 1).padStart(2, '0')}`))

let keyCounter = 0
export function api(base, token) {
  return async (method, path, body, contentType = 'application/json') => {
    const headers = { Accept: 'application/json' }
    if (token) headers.Authorization = `Bearer ${token}`
    if (body !== undefined) headers['Content-Type'] = contentType
    if (method !== 'GET') headers['Idempotency-Key'] = `e2e-insp-${Date.now()}-${++keyCounter}`
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const data = await res.json().catch(() => null)
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(data)}`)
    return data
  }
}

export async function loginApi(base, username) {
  const call = api(base)
  const res = await call('POST', '/auth/login', { username, password: DEMO_PASSWORD })
  return api(base, res.token)
}

const ITEMS_CSV = `code,org_unit_code,name,category,legal_basis,content,entity_kinds,industries
E2E-SC-01,330106-amr,企业公示信息的抽查（测试）,key,《企业信息公示暂行条例》第十四条,年度报告和即时公示信息,,
E2E-BS-01,330106-beishan,经营场所的检查（测试）,general,《市场主体登记管理条例》第三十五条,经营场所与登记住所是否一致,,
`

// Two items of two departments of the bureau's subtree (the bureau and a station), one of them
// a key item, which the leader imports as CSV, as a clerk would; and officers linked to the
// inspectors' logins (the demo seed makes one per inspector; imported when it did not).
export async function ensureLibrary(base) {
  const leader = await loginApi(base, LEADER)
  let items = (await leader('GET', '/inspection/library/items')).items
  if (!items.some((i) => i.code === 'E2E-SC-01')) {
    await leader('POST', '/inspection/library/items/import', ITEMS_CSV, 'text/csv')
    items = (await leader('GET', '/inspection/library/items')).items
  }
  const officers = (await leader('GET', '/inspection/library/officers')).items
  if (officers.filter((o) => o.user_id && o.status === 'active').length < 3) {
    const rows = INSPECTORS.map((u, i) =>
      `E2E-ZF-${i + 1},执法人员${'甲乙丙丁'[i]},330106-amr,,${u},行政执法证,active,`)
    await leader('POST', '/inspection/library/officers/import',
      `code,name,org_unit_code,station_code,username,qualifications,status,conflicts\n${rows.join('\n')}\n`,
      'text/csv')
  }
  // A key item and an item of another department: a joint task without a ratio cap.
  const key = items.find((i) => i.code === 'E2E-SC-01')
  const other = items.find((i) => i.code === 'E2E-BS-01')
  return { leader, items: [key, other] }
}

// The filters and ratios every test task uses: a small pool (one industry).
export const TASK_INDUSTRY = '70'
export const TASK_RATIOS = { A: 0.5, B: 0.5, C: 0.5, D: 1 }

// A drawn task (the newest), made through the API when no test drew one yet.
export async function ensureDrawnTask(base) {
  const { leader, items } = await ensureLibrary(base)
  const drawn = (await leader('GET', '/inspection/tasks')).items.filter((t) => t.status === 'drawn')
  if (drawn.length) return { leader, task: drawn[drawn.length - 1] }
  const me = await leader('GET', '/auth/me')
  const plan = await leader('POST', '/inspection/plans',
    { org_unit_id: me.org_unit_id, year: 2026, name: '测试用抽查计划' })
  const task = await leader('POST', '/inspection/tasks', {
    plan_id: plan.id, name: '测试用联合抽查', item_ids: items.map((i) => i.id),
    filters: { industry_code: TASK_INDUSTRY }, ratios: TASK_RATIOS,
  })
  await leader('POST', `/inspection/tasks/${task.id}/pool`)
  return { leader, task: await leader('POST', `/inspection/tasks/${task.id}/draw`,
    { witness: '测试见证人', entropy: 'e2e 2026-11-24' }) }
}

// Inspectors' visits, as the server scopes them to each, stopping once one inspector has an open
// visit and another inspector a visit the first does not have.
export async function visitsByInspector(base) {
  const out = []
  for (const username of [...INSPECTORS, ...STATION_INSPECTORS]) {
    const call = await loginApi(base, username)
    const visits = (await call('GET', '/inspection/visits')).items
    if (visits.length) out.push({ username, call, visits })
    const done = out.some((x) => x.visits.some((v) => !v.entered_at) &&
      out.some((y) => y.visits.some((v) => !x.visits.some((w) => w.uscc === v.uscc))))
    if (done) break
  }
  return out
}
