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
