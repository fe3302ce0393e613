// SPDX-License-Identifier: MulanPSL-2.0
import { CircleCheck } from '@element-plus/icons-vue'
// 信用修复 (docs/credit.md "Penalties in public, and credit repair"): the entity (or the window for
// it) sees what it can repair and each condition, and applies on one form; the registrar publishes
// penalty decisions (行政处罚信息公示) and decides the applications (信用修复审核). The public sees the
// penalties on the entity's profile (disclosure/EntityProfile.vue → EntityPenalties.vue).
import './repair.css'
import RepairPick from './RepairPick.vue'
import RepairWork from './RepairWork.vue'
// Staff pages, loaded when first opened: they stay out of the portal's download.
const RepairQueue = () => import('./RepairQueue.vue')
const PenaltyPublish = () => import('./PenaltyPublish.vue')

export default {
  id: 'repair',
  portal: {
    entries: [
      {
        title: '信用修复',
        description: '受到行政处罚、被列入经营异常名录或严重违法失信名单的市场主体，登录后查看修复条件、申请信用修复',
        icon: CircleCheck,
        to: '/workbench/credit-repair',
        order: 46,
      },
    ],
  },
  workbench: {
    // Applicants for the entities whose licence they manage; window clerks for an entity of the
    // county. Registrars (credit.decide) publish penalties and decide the applications.
    menus: [
      { title: '信用修复', to: '/workbench/credit-repair', permission: 'credit.file', order: 37.5 },
      { title: '信用修复审核', to: '/workbench/repair-review', permission: 'credit.decide', order: 44 },
      { title: '行政处罚信息公示', to: '/workbench/penalty-publish', permission: 'credit.decide', order: 44.5 },
    ],
    routes: [
      {
        path: 'credit-repair',
        name: 'wb-credit-repairs',
        component: RepairPick,
        meta: { title: '信用修复', permission: 'credit.file' },
      },
      {
        path: 'credit-repair/:uscc',
        name: 'wb-credit-repair',
        component: RepairWork,
        props: true,
        meta: { title: '信用修复', permission: 'credit.file' },
      },
      {
        path: 'repair-review',
        name: 'wb-repair-review',
        component: RepairQueue,
        meta: { title: '信用修复审核', permission: 'credit.decide' },
      },
      {
        path: 'penalty-publish',
        name: 'wb-penalty-publish',
        component: PenaltyPublish,
        meta: { title: '行政处罚信息公示', permission: 'credit.decide' },
      },
    ],
  },
}
