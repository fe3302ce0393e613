// SPDX-License-Identifier: MulanPSL-2.0
// 12315 complaints and reports (docs/complaints.md).
import { get, post } from './client.js'

// {kind, business: {uscc | name, region_code}, consumer: {name, phone}, summary, occurred_on, problem_kind}
// → {id, query_code, state, state_name, unit_name, accept_due: {due, provisional, days_left, overdue} | null}
// (state with_business: a complaint against an ODR enterprise, sent to it first; no acceptance clock yet)
export const fileComplaint = (body, idempotencyKey) => post('/complaints', body, { idempotencyKey })
export const trackComplaint = (id, code) => get(`/complaints/${id}/track`, { code })
export const notAcceptReasons = () => get('/complaints/not-accept-reasons')
// {items: [{id, name}]}: the problem kinds of the data (质量、安全、价格…), optional on the form.
export const problemKinds = () => get('/complaints/problem-kinds')
// The units a consumer may choose for a business of that county (its bureau and stations).
export const complaintUnits = (regionCode) => get('/complaints/units', { region_code: regionCode })
// Staff (complaints.handle): the units' records and the decisions.
export const listComplaints = (state) => get('/complaints', { state })
export const acceptComplaint = (id) => post(`/complaints/${id}/accept`, {})
export const refuseComplaint = (id, reason) => post(`/complaints/${id}/not-accept`, { reason })
export const transferComplaint = (id, unitCode, note) =>
  post(`/complaints/${id}/transfer`, { unit_code: unitCode, note })
// Mediation: a session, then the outcome (agreement with the yuan recovered, no_agreement, withdrawn).
export const addSession = (id, heldOn, note) => post(`/complaints/${id}/sessions`, { held_on: heldOn, note })
export const closeComplaint = (id, outcome, amountRecovered, note) =>
  post(`/complaints/${id}/close`, { outcome, amount_recovered: amountRecovered, note })
// Reports (举报): the reporter is hidden (reporter_hidden) from all but the officers on the report.
// Taking it puts the officer on it; every reading of the reporter is audited.
export const takeReport = (id) => post(`/complaints/${id}/take`, {})
// → {id, name, phone}
export const reportReporter = (id) => get(`/complaints/${id}/reporter`)
// {decision: case_filed | not_filed | transferred, note, transferred_to, evidence: [{title, ref}]}
// → the record, with check.decision_name and lead_id (立案 makes a case lead)
export const decideReport = (id, body) => post(`/complaints/${id}/report-decision`, body)
// complaints.approve (leaders), once, with a reason → the record
export const extendCheck = (id, reason) => post(`/complaints/${id}/extend-check`, { reason })
export const REPORT_DECISIONS = [
  { id: 'case_filed', name: '立案' },
  { id: 'not_filed', name: '不予立案' },
  { id: 'transferred', name: '移送有关部门' },
]

// ODR (在线消费纠纷解决): the enterprise's administrators and agents (complaints.odr_answer).
// {items: [record with consumer {name, phone}, summary, odr {due, days_left, overdue, result, result_name, answered_on}]}
export const odrComplaints = () => get('/complaints/odr')
// {result: settled | refused, amount_recovered (yuan, settled only), note}
export const answerOdr = (id, body) => post(`/complaints/${id}/odr-answer`, body)

// The registers the county keeps: ODR enterprises and the two commitments.
// {kind, kind_name, items: [{id, kind, kind_name, uscc, business_name, from_on, ended_on, note}]}
export const listRegister = (kind, all = false) => get('/consumer-registers', { kind, all: all ? 1 : '' })
export const enrolRegister = (kind, uscc, note) => post('/consumer-registers', { kind, uscc, note })
export const endRegister = (id) => post(`/consumer-registers/${id}/end`, {})
export const REGISTERS = [
  { id: 'odr', name: '在线消费纠纷解决（ODR）企业', short: 'ODR 企业' },
  { id: 'assured_consumption', name: '放心消费承诺单位', short: '放心消费承诺单位' },
  { id: 'offline_return', name: '线下无理由退货承诺单位', short: '线下无理由退货承诺单位' },
]

// Case leads (leads.read): {items: [{id, source_name, uscc, business_name, description, unit {name},
// status, created_at}]}; one lead adds its evidence [{title, ref}].
export const listLeads = () => get('/leads')
export const getLead = (id) => get(`/leads/${id}`)

export const rateComplaint = (id, code, rating) => post(`/complaints/${id}/rating`, { code, rating })
export const OUTCOMES = [
  { id: 'agreement', name: '达成调解协议' },
  { id: 'no_agreement', name: '未达成调解协议' },
  { id: 'withdrawn', name: '投诉人撤回' },
]

export const KINDS = [
  { id: 'complaint', name: '投诉（自己与经营者的消费纠纷）' },
  { id: 'report', name: '举报（经营者涉嫌违法）' },
  { id: 'enquiry', name: '咨询' },
]

// The leader's figures (complaints.handle, the caller's units), over the dates received:
// {from, to, total, by_kind {complaint, report, enquiry}, by_channel {portal, …}, by_state {…},
//  decided, decided_in_time, decided_in_time_ratio (0..1; 1 when none were due), closed, agreements,
//  amount_recovered (yuan), odr {sent, settled, share}, case_leads,
//  by_month [{month: 'YYYY-MM', total, complaint, report, enquiry, closed, amount_recovered}],
//  overdue_now, overdue_by_unit [{unit_path, unit_name, overdue}] (now, whatever the dates)}
export const complaintFigures = (from, to) => get('/complaints/figures', { from, to })
// {businesses: [{uscc ('' outside the register), name, count}], industries: [{code, name, count}],
//  problem_kinds: [{id, name, count}]}, each most first; limit 1..50.
export const complaintHotSpots = (from, to, limit = 10) =>
  get('/complaints/hot-spots', { from, to, limit })
// The words for the codes the figures count by (the server's names for them).
export const KIND_NAMES = { complaint: '投诉', report: '举报', enquiry: '咨询' }
export const CHANNELS = [
  { id: 'portal', name: '12315 平台' },
  { id: 'phone', name: '电话' },
  { id: 'walk_in', name: '来访' },
  { id: 'hotline_12345', name: '12345 热线转办' },
  { id: 'petition', name: '信访转办' },
]
export const STATES = [
  { id: 'with_business', name: '企业先行和解中' },
  { id: 'received', name: '待受理' },
  { id: 'accepted', name: '已受理' },
  { id: 'not_accepted', name: '不予受理' },
  { id: 'closed', name: '已办结' },
]
