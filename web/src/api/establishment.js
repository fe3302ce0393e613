// SPDX-License-Identifier: MulanPSL-2.0
// 企业开办 (docs/registration.md): the one form, its progress, the registrar's
// queue and the departments' queues.
import { get, post } from './client.js'
// The catalogues are the server's data files, read when the UI is built.
import scopeCsv from '../../../data/establishment/scope_items.csv?raw'
import materialsCsv from '../../../data/establishment/materials.csv?raw'

function parseCsv(text) {
  const lines = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'))
  const head = lines.shift().split(',')
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [head[i], v.trim()])))
}

// [{code, name, kind, permit, department, reform_mode}]
export const SCOPE_ITEMS = parseCsv(scopeCsv)
// [{code, name, applies_to:[kind ids], key, deferral_workdays}]
export const MATERIALS = parseCsv(materialsCsv).map((m) => ({
  ...m,
  applies_to: m.applies_to.split(';'),
  key: m.key === '1',
  deferral_workdays: Number(m.deferral_workdays || 0),
}))

// `term`: the label of the 营业期限 the kind registers (none: no term).
export const KINDS = [
  { id: 'limited_company', name: '有限责任公司', term: '营业期限' },
  { id: 'joint_stock_company', name: '股份有限公司', term: '营业期限' },
  { id: 'sole_proprietorship', name: '个人独资企业' },
  { id: 'partnership', name: '合伙企业', term: '合伙期限' },
  { id: 'branch', name: '分公司', term: '营业期限' },
  { id: 'individual_business', name: '个体工商户' },
  { id: 'cooperative', name: '农民专业合作社' },
]

export const materialsFor = (kind) =>
  MATERIALS.filter((m) => m.applies_to.includes('*') || m.applies_to.includes(kind))

export const submit = (form, opts) => post('/establishments', form, opts)
export const submitAtWindow = (form, opts) => post('/window/establishments', form, opts)
export const getApplication = (id) => get(`/establishments/${id}`)
// 我的申请: {items: [application…]}, newest first.
export const myApplications = () => get('/establishments')
// A returned step fixed: a note, and for bank_account/seal/tax a new option.
export const resubmitStep = (appId, stepId, note, option) =>
  post(`/establishments/${appId}/steps/${stepId}/resubmit`, option ? { note, option } : { note })

// The banks the form offers for 银行开户预约.
export const BANKS = ['中国工商银行', '中国建设银行', '中国农业银行', '中国银行', '杭州银行']

export const registrationQueue = (query) => get('/registration/queue', query)
export const getForReview = (id) => get(`/registration/applications/${id}`)
export const claimApplication = (id) => post(`/registration/applications/${id}/claim`, {})
export const approveApplication = (id) => post(`/registration/applications/${id}/approve`, {})
export const rejectApplication = (id, reason) =>
  post(`/registration/applications/${id}/reject`, { reason })

export const departmentSteps = (query) => get('/department/steps', query)
export const claimStep = (id) => post(`/department/steps/${id}/claim`, {})
export const completeStep = (id, result) => post(`/department/steps/${id}/complete`, { result })
export const returnStep = (id, reason) => post(`/department/steps/${id}/return`, { reason })
export const departmentNotices = (query) => get('/department/notices', query)
export const claimNotice = (id) => post(`/department/notices/${id}/claim`, {})
export const returnNotice = (id, reason) => post(`/department/notices/${id}/return`, { reason })
// 双告知 of a 变更 that added licensed items to an entity's business scope:
// {items: [{id, change_id, uscc, entity_name, scope_name, permit, state, created_at, …}]}
export const departmentChangeNotices = (query) => get('/department/change-notices', query)
export const claimChangeNotice = (id) => post(`/department/change-notices/${id}/claim`, {})
export const returnChangeNotice = (id, reason) =>
  post(`/department/change-notices/${id}/return`, { reason })

export const STEP_NAMES = {
  registration: '设立登记',
  seal: '公章刻制',
  tax: '税务（发票、税控UKey）',
  social_insurance: '社会保险登记',
  medical_insurance: '医疗保险登记',
  housing_fund: '住房公积金缴存登记',
  bank_account: '银行开户预约',
}
export const STEP_STATES = {
  pending: { text: '待办理', type: 'info' },
  claimed: { text: '办理中', type: 'primary' },
  done: { text: '已办结', type: 'success' },
  returned: { text: '已退回', type: 'danger' },
}
export const APP_STATES = {
  queued: '等待注册官审核',
  claimed: '注册官审核中',
  registered: '已登记，各部门办理中',
  completed: '全部办结',
  rejected: '未予登记',
}

// Working minutes → "1 个工作日 2 小时 5 分" (one working day = 420 minutes).
export function workingTime(minutes, dayMinutes = 420) {
  const m = Math.max(0, Math.round(minutes || 0))
  const d = Math.floor(m / dayMinutes)
  const h = Math.floor((m % dayMinutes) / 60)
  const r = m % 60
  const parts = []
  if (d) parts.push(`${d} 个工作日`)
  if (h) parts.push(`${h} 小时`)
  if (r || !parts.length) parts.push(`${r} 分钟`)
  return parts.join(' ')
}

// The browser's present time as "2026-12-04 16:32" (for "打印时间", "核验时间").
export function nowText() {
  const d = new Date()
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

export const when = (ts) => (ts ? String(ts).replace('T', ' ').replace(/(:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/, '$1') : '—')
