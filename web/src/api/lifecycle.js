// SPDX-License-Identifier: MulanPSL-2.0
// The lifecycle of a registered entity (docs/lifecycle.md): 变更 and its history,
// 个转企, 歇业, 一般注销 (清算), 简易注销 with its public notice and objections,
// 一屏注销 for 个体工商户, the departments' 注销 queue and the figures.
// Writes an applicant makes under /api/v1/…; a window clerk makes the same
// writes under /api/v1/window/… (pass `{ window: true }`).
import { get, post } from './client.js'

const enc = encodeURIComponent
const at = (window, path) => (window ? `/window${path}` : path)

// ---- 注销登记 (src/lifecycle/permit_routes.cc), public ----
// → {uscc, kind, kind_name, application_ref, applied_on, deregistered_on, days, reason,
//   license_cancelled, permits_cancelled}; 404 while the entity is not deregistered.
export const entityDeregistration = (uscc) => get(`/entities/${enc(uscc)}/deregistration`)

// ---- 变更 and 个转企 ----
// Public: → {versions: [{version, effective_on, kind, changes: [{field, before, after}], channel}],
//   predecessor: conversion|null, successor: conversion|null}
// conversion: {from_uscc, to_uscc, target_kind, converted_on}
export const entityHistory = (uscc) => get(`/entities/${enc(uscc)}/changes`)
// {name, address, address_commitment, scope, legal_rep: {name, citizen_id}, registered_capital,
//   investors, note} (only what changes) → change {id, state: pending_review|effective|rejected, …}
export const submitChange = (uscc, body, { window } = {}) =>
  post(at(window, `/entities/${enc(uscc)}/changes`), body)
// 个转企: {kind: limited_company|sole_proprietorship, name (keeps the 字号),
//   registered_capital (元), legal_rep?, investors?} (without them: the operator)
// → {from_uscc, to_uscc, target_kind, converted_on, license_cancelled, permits_cancelled}
export const convertToEnterprise = (uscc, body, { window } = {}) =>
  post(at(window, `/entities/${enc(uscc)}/conversions`), body)

// Registrar: changes waiting for review (a name the name engine found similar).
// → {items: [change {id, uscc, kind_name, request, state, name_verdict, name_message, submitted_at}]}
export const pendingChanges = () => get('/registration/changes')
export const approveChange = (id) => post(`/registration/changes/${id}/approve`, {})
export const rejectChange = (id, reason) => post(`/registration/changes/${id}/reject`, { reason })

// ---- 歇业 (src/lifecycle/suspension_routes.cc) ----
// → {uscc, items: [suspension], budget: {first_start, cap_days, used_days, remaining_days}}
// suspension: {id, uscc, entity_name, reason_category, reason, filed_on, start_on, end_on,
//   original_end_on, extensions, state: filed|in_effect|resumed|expired, resumed_on, outcome, days}
export const listSuspensions = (uscc) => get(`/entities/${enc(uscc)}/suspensions`)
// {reason_category, reason, start_on, end_on}
export const fileSuspension = (uscc, body, { window } = {}) =>
  post(at(window, `/entities/${enc(uscc)}/suspensions`), body)
export const extendSuspension = (uscc, id, endOn, { window } = {}) =>
  post(at(window, `/entities/${enc(uscc)}/suspensions/${id}/extension`), { end_on: endOn })
export const resumeBusiness = (uscc, id, { window } = {}) =>
  post(at(window, `/entities/${enc(uscc)}/suspensions/${id}/resumption`), {})
// {uscc, limit, offset} → {items: [{id, suspension_id, uscc, entity_name,
//   kind: filing|extension|resumption|expiry, published_on, start_on, end_on, text}]}
export const suspensionNotices = (query) => get('/notices/suspensions', query)

// The reasons of data/lifecycle/suspension_reasons.csv (市场主体登记管理条例 第三十条).
export const SUSPENSION_REASONS = [
  { code: 'natural_disaster', name: '自然灾害' },
  { code: 'accident', name: '事故灾难' },
  { code: 'public_health', name: '公共卫生事件' },
  { code: 'social_security', name: '社会安全事件' },
  { code: 'business_difficulty', name: '其他经营困难' },
]
export const SUSPENSION_STATES = {
  filed: { text: '已备案，待开始', type: 'info' },
  in_effect: { text: '歇业中', type: 'warning' },
  resumed: { text: '已恢复营业', type: 'success' },
  expired: { text: '期满视为恢复营业', type: 'success' },
}
export const SUSPENSION_NOTICE_KINDS = {
  filing: '歇业备案',
  extension: '延长歇业',
  resumption: '恢复营业',
  expiry: '歇业期满',
}

// ---- 一般注销 (清算) (src/lifecycle/suspension_routes.cc, liquidation.h) ----
// → {items: [{id, liquidation_id, uscc, entity_name, kind: group|creditors|deregistered,
//   published_on, text}]} (public, newest first; limit up to 500)
export const liquidationNotices = (query) => get('/notices/liquidations', query)
// → liquidation {id, uscc, entity_name, cause, cause_on, group_formed_on, group_members,
//   public_notice_on, claims_until, state: liquidating|applied|deregistered|rejected,
//   decision_reason, claims, steps: [{step, name, period, due_on, done_on, overdue,
//   state: pending|done|overdue|done_late, required_documents: [{code, name}], documents, detail}]}
export const getLiquidation = (id) => get(`/liquidations/${id}`)
// A creditor's claim (public): {creditor_name, amount (元), basis, notice_received_on?}
// → {id, filed_on, window_end}
export const fileClaim = (id, body) => post(`/liquidations/${id}/claims`, body)
// 清算组备案: {cause, cause_on, group_formed_on, members: [name], documents: [code]} → liquidation
export const fileLiquidationGroup = (uscc, body, { window } = {}) =>
  post(at(window, `/entities/${enc(uscc)}/liquidation`), body)
// The applicant's steps: creditor_notice, public_notice, report, application;
// body {documents: [code], text?, detail?} → liquidation. A missing document is a
// 422 naming the field "documents".
const STEP_PATHS = {
  creditor_notice: 'creditor-notice',
  public_notice: 'public-notice',
  report: 'report',
  application: 'application',
}
// Staff queues of 一般注销: the tax units' 清税 and the registrars' decisions → {items: [liquidation]}
export const liquidationsAwaitingTax = () => get('/department/liquidations')
export const liquidationsAwaitingDecision = () => get('/registration/liquidations')
export const recordTaxClearance = (id, body) => post(`/liquidations/${id}/tax-clearance`, body)
export const decideLiquidation = (id, decision, reason) =>
  post(`/liquidations/${id}/decision`, reason ? { decision, reason } : { decision })
export const submitLiquidationStep = (id, step, body, { window } = {}) =>
  post(at(window, `/liquidations/${id}/${STEP_PATHS[step]}`), body)
// The liquidation of an entity: the server has no route from the entity to its
// liquidation, so it is found through the public notices (the 清算组 is published
// when it is filed); the newest one of the entity, or null.
export async function findLiquidationOf(uscc) {
  const { items } = await liquidationNotices({ uscc, limit: 500 })
  const ids = items.filter((n) => n.uscc === uscc).map((n) => n.liquidation_id)
  return ids.length ? Math.max(...ids) : null
}
// The documents of 清算组备案 (data/lifecycle/liquidation_steps.json); the later
// steps name theirs in the liquidation's required_documents.
// The steps of 一般注销 for this entity's form, each with who does it, what its period runs
// from, its period ({value, unit, text} or null) and documents, and the claims periods
// (data/lifecycle/liquidation_steps.json, periods.json); with causeOn, also the last day
// to file the 清算组 (group_filing_due_on) on the calendar in force.
export const liquidationRules = (uscc, causeOn) =>
  get(`/entities/${enc(uscc)}/liquidation-rules`, causeOn ? { cause_on: causeOn } : undefined)
export const LIQUIDATION_ACTORS = {
  applicant: '本企业（清算组）',
  platform: '系统自动公示',
  tax: '税务部门',
  registrar: '登记机关',
}
export const LIQUIDATION_STATES = {
  liquidating: { text: '清算中', type: 'warning' },
  applied: { text: '已申请注销，等待登记机关决定', type: 'primary' },
  deregistered: { text: '已准予注销', type: 'success' },
  rejected: { text: '不予注销', type: 'danger' },
}

// ---- 限制情形 (staff): what excludes an entity from 简易注销 ----
// → {items: [{id, kind, kind_name, document_number, issued_by, effective_on, note, in_force,
//   lifted_on, lift_document_number, …}], in_force}
export const listRestrictions = (uscc) => get(`/entities/${enc(uscc)}/restrictions`)
// {kind, document_number, issued_by, effective_on, note}
export const recordRestriction = (uscc, body) => post(`/entities/${enc(uscc)}/restrictions`, body)
// {document_number, lifted_on, note}
export const liftRestriction = (uscc, id, body) =>
  post(`/entities/${enc(uscc)}/restrictions/${id}/lift`, body)
// The kinds of data/lifecycle/restrictions.csv.
export const RESTRICTION_KINDS = [
  { kind: 'abnormal_list', name: '列入经营异常名录' },
  { kind: 'serious_violation_list', name: '列入严重违法失信名单' },
  { kind: 'equity_frozen', name: '股权被冻结' },
  { kind: 'equity_pledged', name: '股权已出质' },
  { kind: 'chattel_mortgage', name: '存在未注销的动产抵押' },
  { kind: 'investigation', name: '正被立案调查' },
  { kind: 'litigation', name: '正在诉讼或仲裁中' },
  { kind: 'license_revoked', name: '许可证被吊销' },
  { kind: 'unpaid_penalty', name: '罚款未缴清' },
]

// ---- 简易注销 and 一屏注销 (src/lifecycle/deregistration_routes.cc) ----
// → {uscc, entity_name, procedure, eligible, failed: [{condition, name, detail}]}
export const checkEligibility = (uscc, procedure = 'simplified') =>
  get(`/entities/${enc(uscc)}/simplified-deregistration/eligibility`, { procedure })
export const staffEligibility = (uscc, procedure = 'simplified') =>
  get(`/registration/entities/${enc(uscc)}/deregistration-eligibility`, { procedure })
// {uscc, commitments: {investors: [{name, citizen_id|uscc}], debts_settled, taxes_cleared,
//   wages_paid, social_insurance_cleared, compensation_paid, fees_paid}} → application (below)
export const applySimplified = (body) => post('/deregistrations/simplified', body)
// → {id, uscc, entity_name, state: notice|objected|ready|completed|lapsed, state_name,
//   applied_on, notice_start_on, notice_end_on, completion_due_on, closed_reason,
//   objections: [{objector_kind, objector_name, reason, filed_on}], commitments}
export const getSimplified = (id) => get(`/deregistrations/simplified/${id}`)
export const completeSimplified = (id) => post(`/deregistrations/simplified/${id}/completion`, {})
// Public board: {state: current|closed|…, uscc, limit, offset} → {items: [notice]}
export const simplifiedNotices = (query) => get('/notices/simplified-deregistrations', query)
export const simplifiedNotice = (id) => get(`/notices/simplified-deregistrations/${id}`)
// {objector_kind: creditor|department|other, objector_name, objector_contact, reason}
export const objectToNotice = (id, body) =>
  post(`/notices/simplified-deregistrations/${id}/objections`, body)
// A code to the phone of someone about to object: {phone (masked), resend_after_seconds, …}.
export const objectionCode = (phone) => post('/notices/objection-codes', { phone })
// A registrar: the objection is plainly not one; the notice runs on.
export const setAsideObjection = (id, objectionId, reason) =>
  post(`/registration/simplified-deregistrations/${id}/objections/${objectionId}/set-aside`, { reason })

// {uscc, declarations: {...}} → {id, state: pending|objected|granted, state_name, applied_on,
//   window_end_on, closed_reason, departments: [task]}
export const applyOneScreen = (body) => post('/deregistrations/one-screen', body)
export const getOneScreen = (id) => get(`/deregistrations/one-screen/${id}`)
// Department officers: {state, limit, offset} → {items: [{id, application_id, department,
//   org_unit_name, state: pending|cleared|objected|closed, reason, handled_at, created_at,
//   uscc, entity_name, window_end_on}]}
export const departmentDeregistrations = (query) => get('/department/deregistrations', query)
export const objectDeregistration = (id, reason) =>
  post(`/department/deregistrations/${id}/objection`, { reason })
export const clearDeregistration = (id, note) =>
  post(`/department/deregistrations/${id}/clear`, { note })

// {from, to, org_unit_id} → {figures: {simplified_deregistrations, joint_cancellations,
//   one_screen_deregistrations, average_days_to_deregistration}, deregistrations: {by_kind:
//   [{kind, name, count, average_days}], total, …}, applications: {…}}
export const deregistrationStats = (query) => get('/deregistrations/stats', query)

export const OBJECTOR_KINDS = [
  { id: 'creditor', name: '债权人' },
  { id: 'department', name: '有关部门' },
  { id: 'other', name: '其他利害关系人' },
]
export const DEPARTMENTS = {
  tax: '税务',
  social_insurance: '社会保险',
  medical_insurance: '医疗保障',
  housing_fund: '住房公积金',
}
export const TASK_STATES = {
  pending: { text: '待核查', type: 'info' },
  cleared: { text: '无异议', type: 'success' },
  objected: { text: '已提出异议', type: 'danger' },
  closed: { text: '已结束', type: 'info' },
}
