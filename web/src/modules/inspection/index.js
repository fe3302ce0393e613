// SPDX-License-Identifier: MulanPSL-2.0
// 双随机、一公开: random inspection. Placeholders until the inspection API exists.
import { placeholder } from '../../components/placeholder.js'

const later = '本功能将随“双随机、一公开”监管服务上线。'

export default {
  id: 'inspection',
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
        component: placeholder({
          title: '检查任务',
          description: '本人承担的抽查检查任务。',
          planned: ['任务清单及办结期限预警', '录入检查结果'],
          meanwhile: later,
        }),
        meta: { title: '检查任务', permission: 'inspection.task.read' },
      },
      {
        path: 'inspection/plans',
        name: 'wb-inspection-plans',
        component: placeholder({
          title: '抽查计划',
          description: '制定年度抽查计划和部门联合抽查任务。',
          planned: ['计划与联合任务', '执法人员工作量'],
          meanwhile: later,
        }),
        meta: { title: '抽查计划', permission: 'inspection.plan.write' },
      },
      {
        path: 'inspection/library',
        name: 'wb-inspection-library',
        component: placeholder({
          title: '检查事项库',
          description: '随机抽查事项清单、检查对象名录库和执法检查人员名录库。',
          planned: ['抽查事项清单', '“两库”维护'],
          meanwhile: later,
        }),
        meta: { title: '检查事项库', permission: 'inspection.library.read' },
      },
      {
        path: 'inspection/draw',
        name: 'wb-inspection-draw',
        component: placeholder({
          title: '双随机抽取',
          description: '随机抽取检查对象、随机选派执法检查人员，过程可验证。',
          planned: ['见证人录入随机数前先公示名录哈希', '抽取结果及验证'],
          meanwhile: later,
        }),
        meta: { title: '双随机抽取', permission: 'inspection.draw' },
      },
    ],
  },
}
