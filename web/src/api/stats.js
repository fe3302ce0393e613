// SPDX-License-Identifier: MulanPSL-2.0
// The figures of the year-end reports (permission stats.read).
import { get } from './client.js'

// {from, to, org_unit_id} → {from, to, by_kind: [{period: 'YYYY-MM', kind, count}], completed,
//   average_working_minutes, median_working_minutes, within_sla_share, sla_working_minutes}
export const establishmentStats = (query) => get('/establishments/stats', query)
// {from, to, org_unit_id} → {tasks, visits, completed_visits, problem_visits, timely_visits,
//   completion_rate, problem_discovery_rate, timely_entry_rate, credit_classified_task_share,
//   joint_task_share, plans: [{plan_id, name, year, tasks, milestones: [{date, target,
//   completed_tasks, share, status}]}]}
export const inspectionStats = (query) => get('/inspection/stats', query)
// A market entity's published inspection results (public).
export const entityInspections = (uscc) => get(`/entities/${encodeURIComponent(uscc)}/inspections`)
