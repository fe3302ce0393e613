// SPDX-License-Identifier: MulanPSL-2.0
// Credit supervision (src/credit/routes.cc, docs/credit.md): annual reports and the 经营异常名录.
import { get, post } from './client.js'

const enc = encodeURIComponent

// Public. {window: {from: "01-01", to: "06-30", report_year, ends_on},
//          forms: {enterprise|cooperative|individual_business: [{id, label, type, required, publicity}]}}
// type: text | integer | money | boolean; publicity: public | private | optional (the entity's choice).
export const annualReportForms = () => get('/credit/annual-report-forms')

// Public. {years: [{year, window_end, state: filed|filed_late|window_open|not_filed, state_name}],
//          items: [{uscc, year, version, corrected, late, first_filed_on, filed_on, channel,
//                   content: [{id, label, value, withheld}]}]}  (withheld: value null)
export const annualReports = (uscc) => get(`/entities/${enc(uscc)}/annual-reports`)

// credit.file (the licence's administrator or agent; a window clerk of the county).
// body {year, content: {id: value}, withheld: [ids]} → the report (201; 200 for an identical retry).
export const fileAnnualReport = (uscc, body, idempotencyKey) =>
  post(`/entities/${enc(uscc)}/annual-reports`, body, { idempotencyKey })
// A new version of a filed year (200; the same content as the latest makes none).
export const correctAnnualReport = (uscc, year, body, idempotencyKey) =>
  post(`/entities/${enc(uscc)}/annual-reports/${year}/corrections`, body, { idempotencyKey })

// Public. {uscc, lists: [{id, list, list_name, reason, reason_name, report_year, listed_on, decision_no,
//   authority, basis, state: listed|removal_applied|removed, state_name, removed_on, removal_reason,
//   cure, conditions: [{text, met}], earliest_removal, escalation_on, removal_applied_on, removal_due,
//   removal_refusal}]}  (current ones first)
export const creditListings = (uscc) => get(`/entities/${enc(uscc)}/credit`)

// credit.file. A no-report listing leaves at once when every condition is met (422, field
// "conditions", naming the unmet ones, otherwise); a listing on a finding needs {statement} and
// waits for the registration authority's decision.
export const applyForRemoval = (uscc, id, statement) =>
  post(`/entities/${enc(uscc)}/credit/listings/${id}/removal`, statement ? { statement } : undefined)

// The registration authority (credit.decide, 注册官 of the county).
// {items: [{visit_id, uscc, entity_name, entity_kind, found_on, authority, decision_due, days_left,
//   overdue}]}: inspection results 通过登记的住所无法联系 not yet decided on, oldest first; days_left
// in working days, negative once overdue.
export const creditFindings = () => get('/credit/findings')
// 待核实的移出申请 of the registrar's scope, with each entity's statement.
export const removalApplications = () => get('/credit/removal-applications')
// body {reason: unreachable | false_info | instant_info, found_on, evidence, source:
// "inspection_visit:ID"} → the listing (201), as creditListings' items with found_on, decision_due,
// decided_late. Errors name the field (evidence, found_on, reason).
export const listOnFinding = (uscc, body, idempotencyKey) =>
  post(`/entities/${enc(uscc)}/credit/listings`, body, { idempotencyKey })
// An application to leave a listing on a finding: {approve: true} or {approve: false, reason}.
export const decideRemoval = (uscc, id, approve, reason) =>
  post(`/entities/${enc(uscc)}/credit/listings/${id}/removal-decision`,
    approve ? { approve: true } : { approve: false, reason })

// 严重违法失信名单 awaiting the registrar: {items: [{id, uscc, entity_name, category_name,
//   state: proposed | noticed, state_name, proposed_on, noticed_on, statement_due, statement,
//   authority, source}]}.
export const seriousQueue = () => get('/credit/serious')
// Public. {items: [{id, name, basis, from: penalty|escalation}]}
export const seriousCategories = () => get('/credit/serious-categories')
// Public. The penalties shown on the entity's record: {items: [{id, decision_no, tier, …}]}
export const penaltiesOf = (uscc) => get(`/entities/${enc(uscc)}/penalties`)
// credit.decide: propose on a penalty of the 严重 tier. → the proposal (as the queue's items)
export const proposeSerious = (body) => post('/credit/serious', body)
// Prior notice (告知): the statement period starts → the record, with statement_due.
export const seriousNotice = (id) => post(`/credit/serious/${id}/notice`)
// After the statement or once its period has passed: {list: true} or {list: false, reason}
// → the record (listed: decided_on, decision_no, listed_until; dropped: decision_reason).
export const seriousDecide = (id, list, reason) =>
  post(`/credit/serious/${id}/decision`, list ? { list: true } : { list: false, reason })

// Leaders (stats.read): {units: [{unit_id, unit_name, A, B, C, D, total}]}, the entities 存续 or
// 歇业 per registration authority by their present class.
export const riskDistribution = () => get('/credit/risk-distribution')
// credit.risk_run: classify every entity now → {on, classified, by_class: {A, B, C, D}}.
export const runRiskClassification = () => post('/credit/risk-classification')
// stats.read: {year, window_end, kinds: [{kind, kind_name, owing, filed, filed_on_time, filed_late,
//   rate_percent, listed_for_no_report, removed_since}], listed_now: {total, by_reason: [{reason,
//   reason_name, count}]}}. A year not yet ended is refused (400, field year).
export const creditFigures = (year) => get('/credit/figures', { year })

// The four classes (企业信用风险分类管理, 国市监信发〔2022〕6号); the points that make each are the
// server's data.
export const RISK_CLASSES = [
  { id: 'A', name: '信用风险低' },
  { id: 'B', name: '信用风险一般' },
  { id: 'C', name: '信用风险较高' },
  { id: 'D', name: '信用风险高' },
]
