// SPDX-License-Identifier: MulanPSL-2.0
// The one way the UI talks to the server: JSON over /api/v1, the login token
// as a Bearer header, errors as ApiError carrying the server's Chinese message
// and the field it names. Every API module (api/*.js) is built on these.

const BASE = '/api/v1'
const TOKEN_KEY = 'amr.token'

export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {}
    super(err.message || `服务暂时无法完成这项操作，请稍后再试（状态码 ${status}）`)
    this.status = status
    this.code = err.code || ''
    this.field = err.field || null
    this.requestId = err.request_id || null
  }
}

export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY) || ''
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token)
  else sessionStorage.removeItem(TOKEN_KEY)
}

// Called with the ApiError when the server answers 401 to a logged-in call
// (expired or revoked session); the session module sends the user to login.
let onUnauthenticated = () => {}
export function setUnauthenticatedHandler(fn) {
  onUnauthenticated = fn
}

// "/entities", {q: "茶", limit: 20} → "/api/v1/entities?q=%E8%8C%B6&limit=20"
// (empty values are left out).
export function apiUrl(path, query) {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') params.append(k, String(v))
  }
  const qs = params.toString()
  return BASE + path + (qs ? `?${qs}` : '')
}

function newIdempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

// request('POST', '/users', {body: {...}}); writes carry an Idempotency-Key
// (pass `idempotencyKey` to retry the same write safely).
export async function request(method, path, { query, body, idempotencyKey } = {}) {
  const headers = { Accept: 'application/json' }
  const token = getToken()
  if (token) headers.Authorization = `Bearer ${token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET') headers['Idempotency-Key'] = idempotencyKey || newIdempotencyKey()
  let res
  try {
    res = await fetch(apiUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, { error: { message: '无法连接服务器，请检查网络后重试' } })
  }
  const text = await res.text()
  let data = null
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
  }
  if (!res.ok) {
    const error = new ApiError(res.status, data)
    if (res.status === 401 && token) onUnauthenticated(error)
    throw error
  }
  return data
}

export const get = (path, query) => request('GET', path, { query })
export const post = (path, body, opts) => request('POST', path, { ...opts, body })
export const put = (path, body, opts) => request('PUT', path, { ...opts, body })
export const patch = (path, body, opts) => request('PATCH', path, { ...opts, body })
export const del = (path, opts) => request('DELETE', path, opts)

// Downloads a file the server generates (e.g. an .xlsx export) under the
// name the server gives, sending the login token if there is one.
export async function download(path, query, fallbackName = 'download') {
  const headers = {}
  const token = getToken()
  if (token) headers.Authorization = `Bearer ${token}`
  const res = await fetch(apiUrl(path, query), { headers })
  if (!res.ok) {
    let data = null
    try {
      data = await res.json()
    } catch {
      data = null
    }
    throw new ApiError(res.status, data)
  }
  const blob = await res.blob()
  let name = fallbackName
  const disposition = res.headers.get('Content-Disposition') || ''
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (star) name = decodeURIComponent(star[1])
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
  return name
}
