// SPDX-License-Identifier: MulanPSL-2.0
// 双随机、一公开 (docs/inspection.md): libraries, plans, tasks, the verifiable
// draw, visits and results.
import { ApiError, apiUrl, get, getToken, post, put } from './client.js'

// kind: 'items' | 'targets' | 'officers'
export const listLibrary = (kind, query) => get(`/inspection/library/${kind}`, query)

// A request whose body is not JSON (a CSV file, a photo), sent as it is.
async function postRaw(path, contentType, body) {
  const headers = { Accept: 'application/json', 'Content-Type': contentType }
  const token = getToken()
  if (token) headers.Authorization = `Bearer ${token}`
  headers['Idempotency-Key'] = crypto.randomUUID
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(16).slice(2)}`
  let res
  try {
    res = await fetch(apiUrl(path), { method: 'POST', headers, body })
  } catch {
    throw new ApiError(0, { error: { message: '无法连接服务器，请检查网络后重试' } })
  }
  let data = null
  try {
    data = await res.json()
  } catch {
    data = null
  }
  if (!res.ok) throw new ApiError(res.status, data)
  return data
}

// The CSV goes as the request body as it is; the server checks the whole file
// and refuses it at the first bad line ("第 N 行：…（列 X）").
export const importLibrary = (kind, csvText) =>
  postRaw(`/inspection/library/${kind}/import`, 'text/csv; charset=utf-8', csvText)

// A visit's photos: the image itself goes as the body (a JPEG the page made
// smaller); {id, sha256, media_type, size_bytes}.
export const uploadPhoto = (visitId, blob) =>
  postRaw(`/inspection/visits/${visitId}/photos`, blob.type || 'image/jpeg', blob)
export const listPhotos = (visitId) => get(`/inspection/visits/${visitId}/photos`)
// The photo as an object URL for an <img> (the request carries the login).
export async function photoUrl(visitId, sha256) {
  const res = await fetch(apiUrl(`/inspection/visits/${visitId}/photos/${sha256}`), {
    headers: { Authorization: `Bearer ${getToken()}` },
  })
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null))
  return URL.createObjectURL(await res.blob())
}

// The plans of the caller's units (and those filed to them), newest first: {items: [plan]}
export const listPlans = () => get('/inspection/plans')
export const createPlan = (plan) => post('/inspection/plans', plan)
export const filePlan = (id) => post(`/inspection/plans/${id}/file`, {})

export const listTasks = () => get('/inspection/tasks')
export const getTask = (id) => get(`/inspection/tasks/${id}`)
export const createTask = (task) => post('/inspection/tasks', task)
export const publishPool = (id) => post(`/inspection/tasks/${id}/pool`, {})
export const draw = (id, witness, entropy) => post(`/inspection/tasks/${id}/draw`, { witness, entropy })
export const publicDraw = (id) => get(`/public/inspection/tasks/${id}/draw`)

export const listVisits = (query) => get('/inspection/visits', query)
export const enterResult = (id, result) => put(`/inspection/visits/${id}/result`, result)
export const sendCaseLead = (id, description) =>
  post(`/inspection/visits/${id}/case-lead`, { description })
export const entityInspections = (uscc) => get(`/entities/${encodeURIComponent(uscc)}/inspections`)
export const inspectionStats = (query) => get('/inspection/stats', query)

// The settings the screens state (data/inspection/, GET /inspection/settings): {credit_classes:
// [{id, name, ratio, min, max}] (fractions), result_states: [{id, name, completed, problem}],
// result_deadline_workdays, deadline_warning_workdays, milestones}. Read once per page load.
let settingsLoading = null
export function inspectionSettings() {
  if (!settingsLoading) {
    settingsLoading = get('/inspection/settings').catch((e) => {
      settingsLoading = null
      throw e
    })
  }
  return settingsLoading
}

export const DEADLINE_STATES = {
  on_time: { text: '期限内', type: 'success' },
  due_soon: { text: '即将到期', type: 'warning' },
  overdue: { text: '已逾期', type: 'danger' },
  entered_late: { text: '逾期录入', type: 'danger' },
  none: { text: '未开始计时', type: 'info' },
}

export const TASK_STATUSES = {
  planned: '待公示抽取范围',
  pool_published: '已公示，待抽取',
  drawn: '已抽取',
}
// 一公开: the published draws, newest first: {total, items:[{task_id, name, unit_name, …}]}.
export const publicDraws = (query) => get('/public/inspection/draws', query)
