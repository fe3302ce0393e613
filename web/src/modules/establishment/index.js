// SPDX-License-Identifier: MulanPSL-2.0
import { OfficeBuilding, Timer } from '@element-plus/icons-vue'
// 企业开办: the one-form application, its progress, the registrar's and the
// departments' queues. Placeholders until the establishment API exists.
import { placeholder } from '../../components/placeholder.js'

const later = '本功能将随企业开办服务上线。'

export default {
  id: 'establishment',
  portal: {
    entries: [
      {
        title: '企业开办',
        description: '一次填报，营业执照、公章、税务、社保、公积金、银行开户一并办理',
        icon: OfficeBuilding,
        to: '/establishment',
        order: 20,
      },
      {
        title: '办件进度查询',
        description: '查看申请办到哪一步、由哪个部门办理、还需几个工作日',
        icon: Timer,
        to: '/progress',
        order: 30,
      },
    ],
    routes: [
      {
        path: 'establishment',
        name: 'establishment-apply',
        component: placeholder({
          title: '企业开办',
          description: '“一表申请、一窗发放”：设立登记和开办相关事项一次提交。',
          planned: [
            '填写一张表，逐项即时检查，清楚列出还缺哪些材料',
            '同时申请刻制公章、税务、社保、医保、公积金和银行开户',
            '办结后下载电子营业执照',
          ],
        }),
        meta: { title: '企业开办' },
      },
      {
        path: 'progress',
        name: 'establishment-progress',
        component: placeholder({
          title: '办件进度查询',
          description: '输入申请编号，查看企业开办申请的办理进度。',
          planned: ['每个部门环节的办理状态和时间', '承诺时限（工作日）与剩余时间'],
        }),
        meta: { title: '办件进度查询' },
      },
    ],
  },
  workbench: {
    menus: [
      { title: '开办受理', to: '/workbench/intake', permission: 'registration.accept', order: 40 },
      { title: '登记审核', to: '/workbench/review', permission: 'registration.review', order: 41 },
      { title: '部门办件', to: '/workbench/department', permission: 'department_queue.work', order: 42 },
    ],
    routes: [
      {
        path: 'intake',
        name: 'wb-intake',
        component: placeholder({
          title: '开办受理',
          description: '窗口受理企业开办申请，核对材料，容缺受理。',
          planned: ['待受理申请列表', '材料核对与容缺登记', '一窗发放'],
          meanwhile: later,
        }),
        meta: { title: '开办受理', permission: 'registration.accept' },
      },
      {
        path: 'review',
        name: 'wb-review',
        component: placeholder({
          title: '登记审核',
          description: '注册官审核设立登记申请。',
          planned: ['待审核队列及承诺时限', '核准、退回并说明理由'],
          meanwhile: later,
        }),
        meta: { title: '登记审核', permission: 'registration.review' },
      },
      {
        path: 'department',
        name: 'wb-department',
        component: placeholder({
          title: '部门办件',
          description: '税务、公章、社保、公积金、银行等部门办理本部门环节。',
          planned: ['认领、办结、退回本部门环节', '超时预警'],
          meanwhile: later,
        }),
        meta: { title: '部门办件', permission: 'department_queue.work' },
      },
    ],
  },
}
