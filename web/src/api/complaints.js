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

export const KINDS = [
  { id: 'complaint', name: '投诉（自己与经营者的消费纠纷）' },
  { id: 'report', name: '举报（经营者涉嫌违法）' },
  { id: 'enquiry', name: '咨询' },
]
