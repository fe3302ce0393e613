// SPDX-License-Identifier: MulanPSL-2.0
// 双随机、一公开: random inspection (docs/inspection.md).
import LibraryView from './LibraryView.vue'
import PlansView from './PlansView.vue'
import DrawView from './DrawView.vue'
import VisitsView from './VisitsView.vue'
import PublicDraw from './PublicDraw.vue'
import PublicDraws from './PublicDraws.vue'
import { Finished } from '@element-plus/icons-vue'

export default {
  id: 'inspection',
  portal: {
    entries: [
      {
        title: '双随机抽查公示',
        description: '抽查任务的抽取过程、抽中的检查对象和检查结果',
        icon: Finished,
        to: '/inspection/draws',
        order: 65,
      },
    ],
    routes: [
      {
        path: 'inspection/draws',
        name: 'inspection-public-draws',
        component: PublicDraws,
        meta: { title: '双随机抽查公示' },
      },
      // The address people guess: the list.
      { path: 'inspection/draw', redirect: '/inspection/draws' },
      {
        path: 'inspection/draw/:id',
        name: 'inspection-public-draw',
        component: PublicDraw,
        props: true,
        meta: { title: '双随机抽查公示' },
      },
    ],
  },
  workbench: {
    menus: [
      { title: '检查任务', to: '/workbench/inspection/tasks', permission: 'inspection.task.read', order: 50 },
      { title: '抽查计划', to: '/workbench/inspection/plans', permission: 'inspection.plan.write', order: 51 },
      { title: '检查事项库', to: '/workbench/inspection/library', permission: 'inspection.library.read', order: 52 },
      { title: '双随机抽取', to: '/workbench/inspection/draw', permission: 'inspection.draw', order: 53 },
    ],
    routes: [
      {
        path: 'inspection/tasks',
        name: 'wb-inspection-tasks',
        component: VisitsView,
        meta: { title: '检查任务', permission: 'inspection.task.read' },
      },
      {
        path: 'inspection/plans',
        name: 'wb-inspection-plans',
        component: PlansView,
        meta: { title: '抽查计划', permission: 'inspection.plan.write' },
      },
      {
        path: 'inspection/library',
        name: 'wb-inspection-library',
        component: LibraryView,
        meta: { title: '检查事项库', permission: 'inspection.library.read' },
      },
      {
        path: 'inspection/draw',
        name: 'wb-inspection-draw',
        component: DrawView,
        meta: { title: '双随机抽取', permission: 'inspection.draw' },
      },
    ],
  },
}
