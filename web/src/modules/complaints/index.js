// SPDX-License-Identifier: MulanPSL-2.0
import { ChatLineRound } from '@element-plus/icons-vue'
// 12315 complaints and reports (docs/complaints.md).
import ComplaintForm from './ComplaintForm.vue'
import ComplaintTrack from './ComplaintTrack.vue'
import ComplaintQueue from './ComplaintQueue.vue'

export default {
  id: 'complaints',
  portal: {
    entries: [
      {
        title: '12315 投诉举报',
        description: '不用登录，投诉消费纠纷、举报违法经营，凭编号和查询码查询办理情况',
        icon: ChatLineRound,
        to: '/complaints/new',
        order: 60,
      },
    ],
    routes: [
      { path: 'complaints/new', name: 'complaint-new', component: ComplaintForm,
        meta: { title: '12315 投诉举报' } },
      { path: 'complaints/track', name: 'complaint-track', component: ComplaintTrack,
        meta: { title: '投诉举报办理情况查询' } },
    ],
  },
  workbench: {
    menus: [{ title: '投诉举报', to: '/workbench/complaints', permission: 'complaints.handle', order: 65 }],
    routes: [
      { path: 'complaints', name: 'wb-complaints', component: ComplaintQueue,
        meta: { title: '投诉举报', permission: 'complaints.handle' } },
    ],
  },
}
