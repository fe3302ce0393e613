// SPDX-License-Identifier: MulanPSL-2.0
// 12315 complaints and reports (docs/complaints.md).
import { get, post } from './client.js'

// {kind, business: {uscc | name, region_code}, consumer: {name, phone}, summary, occurred_on}
// → {id, query_code, state_name, unit_name, accept_due: {due, provisional, days_left, overdue}}
export const fileComplaint = (body, idempotencyKey) => post('/complaints', body, { idempotencyKey })
export const trackComplaint = (id, code) => get(`/complaints/${id}/track`, { code })
export const notAcceptReasons = () => get('/complaints/not-accept-reasons')
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
