// SPDX-License-Identifier: MulanPSL-2.0
import { ChatLineRound, Tickets, Service } from '@element-plus/icons-vue'
// 12315 complaints and reports (docs/complaints.md): the consumer's form and tracking page,
// the officers' queue, the registers (ODR enterprises and the commitments), the case leads,
// the ODR enterprise's own page, and the leader's figures (投诉举报统计).
import ComplaintForm from './ComplaintForm.vue'
import ComplaintTrack from './ComplaintTrack.vue'
import ComplaintQueue from './ComplaintQueue.vue'
import RegisterList from './RegisterList.vue'
import LeadsView from './LeadsView.vue'
import OdrAnswer from './OdrAnswer.vue'
// Loaded when first opened: the charts library stays out of the portal's download.
const ComplaintFigures = () => import('./ComplaintFigures.vue')

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
      {
        title: '消费维权名录',
        description: '在线消费纠纷解决（ODR）企业、放心消费承诺单位、线下无理由退货承诺单位',
        icon: Tickets,
        to: '/complaints/registers',
        order: 61,
      },
      {
        title: '企业处理消费投诉',
        description: '在线消费纠纷解决（ODR）企业登录后，处理消费者的投诉、登记和解结果',
        icon: Service,
        to: '/workbench/complaints/odr',
        order: 62,
      },
    ],
    routes: [
      { path: 'complaints/new', name: 'complaint-new', component: ComplaintForm,
        meta: { title: '12315 投诉举报' } },
      { path: 'complaints/track', name: 'complaint-track', component: ComplaintTrack,
        meta: { title: '投诉举报办理情况查询' } },
      { path: 'complaints/registers', name: 'complaint-registers', component: RegisterList,
        meta: { title: '消费维权名录' } },
    ],
  },
  workbench: {
    menus: [
      // The enterprise's administrators and agents (申请人) answer the complaints sent to it first.
      { title: '企业处理消费投诉', to: '/workbench/complaints/odr', permission: 'complaints.odr_answer', order: 36 },
      { title: '投诉举报', to: '/workbench/complaints', permission: 'complaints.handle', order: 65 },
      // Ordered after 投诉举报 so that its longer path wins the highlighted menu item.
      { title: '投诉举报统计', to: '/workbench/complaints/figures', permission: 'complaints.handle', order: 65.5 },
      { title: '消费维权名录', to: '/workbench/complaints/registers', permission: 'complaints.handle', order: 66 },
      { title: '案件线索', to: '/workbench/leads', permission: 'leads.read', order: 67 },
    ],
    routes: [
      { path: 'complaints', name: 'wb-complaints', component: ComplaintQueue,
        meta: { title: '投诉举报', permission: 'complaints.handle' } },
      { path: 'complaints/figures', name: 'wb-complaint-figures', component: ComplaintFigures,
        meta: { title: '投诉举报统计', permission: 'complaints.handle' } },
      { path: 'complaints/registers', name: 'wb-complaint-registers', component: RegisterList,
        props: { manage: true }, meta: { title: '消费维权名录', permission: 'complaints.handle' } },
      { path: 'complaints/odr', name: 'wb-complaints-odr', component: OdrAnswer,
        meta: { title: '企业处理消费投诉', permission: 'complaints.odr_answer' } },
      { path: 'leads', name: 'wb-leads', component: LeadsView,
        meta: { title: '案件线索', permission: 'leads.read' } },
    ],
  },
}
