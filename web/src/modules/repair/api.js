// SPDX-License-Identifier: MulanPSL-2.0
// Credit repair (信用修复) and penalty publications (src/credit/repair_routes.cc, docs/credit.md
// "Penalties in public, and credit repair").
import { get, post } from '../../api/client.js'

const enc = encodeURIComponent

// Public. {penalty_kinds: [{id, name, published}], fields: [{id, name}], versions: [{effective_from,
//   source, decision_limit: {text}, serious_list_apply_after: {text}, tiers: [{id, name, public: {text},
//   apply_after: {text} | null, apply_after_by_field: {field: {text}}, repairable}]}]}.
// A penalty follows the version in force on the day it was decided (the latest effective_from not
// after it); every period the screens show is the server's text.
export const repairRules = () => get('/credit/repair-rules')

// Public. {items: [{id, decision_no, decided_on, kinds: [{id, name}], fine_yuan, field_name, tier_name,
//   facts, basis, content, authority, public_until, …}]}: the penalties still public, not repaired.
export const publicPenalties = (uscc) => get(`/entities/${enc(uscc)}/penalties`)

// credit.decide (注册官 of the entity's county). body {decision_no, decided_on, kinds, fine_yuan, field,
// tier, facts, basis, content} → the publication (as publicPenalties' items, with repairable_from).
// Errors name the field (the fine's is "fine").
export const publishPenalty = (uscc, body, idempotencyKey) =>
  post(`/entities/${enc(uscc)}/penalties`, body, { idempotencyKey })

// Public. {items: [{record_kind: penalty | serious_listing | abnormal_listing, record_kind_name, record_id,
//   title, since, conditions: [{id, text, met, by_applicant, earliest}], why_not, earliest, can_apply,
//   pending: {id, applied_on, due, state, state_name} | null}]}.
export const repairOptions = (uscc) => get(`/entities/${enc(uscc)}/credit-repairs`)

// credit.file. body {record_kind, record_id, statement, evidence, commitment} → {application: {id,
// applied_on, due, state, state_name, …}} or, for an abnormal_listing, {listing: {state, removed_on,
// removal_due, list_name, …}}. Unmet conditions: 422, field "conditions".
export const applyForRepair = (uscc, body, idempotencyKey) =>
  post(`/entities/${enc(uscc)}/credit-repairs`, body, { idempotencyKey })

// credit.decide. {items: [{id, uscc, entity_name, record_kind, record_kind_name, record_id, applied_on,
//   due, statement, evidence, commitment}]}, the earliest due first.
export const repairQueue = () => get('/credit/repairs')

// {approve: true} or {approve: false, reason} → the application (state approved | refused).
export const decideRepair = (id, approve, reason) =>
  post(`/credit/repairs/${id}/decision`, approve ? { approve: true } : { approve: false, reason })
