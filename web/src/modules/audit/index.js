// SPDX-License-Identifier: MulanPSL-2.0
// 审计查询: the audit trail of the auditor's subtree, and its integrity check.
const AuditQuery = () => import('./AuditQuery.vue')

export default {
  id: 'audit',
  workbench: {
    menus: [{ title: '审计查询', to: '/workbench/audit', permission: 'audit.read', order: 90 }],
    routes: [
      {
        path: 'audit',
        name: 'wb-audit',
        component: AuditQuery,
        meta: { title: '审计查询', permission: 'audit.read' },
      },
    ],
  },
}
