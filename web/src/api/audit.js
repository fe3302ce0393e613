// SPDX-License-Identifier: MulanPSL-2.0
// The audit trail (src/audit/routes.cc).
import { get } from './client.js'

// {user, action, target_type, target_id, from, to, limit, offset} → {total, items}
// (each item with action_name, the action's Chinese name)
export const queryAudit = (query) => get('/audit', query)
// → {intact, records_checked, head, first_break}
export const verifyAudit = () => get('/audit/verify')
// The catalogue of actions → {items: [{code, name, group}]}, grouped in order.
export const auditActions = () => get('/audit/actions')
