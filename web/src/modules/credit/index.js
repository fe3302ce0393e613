// SPDX-License-Identifier: MulanPSL-2.0
import { Notebook } from '@element-plus/icons-vue'
// 信用监管 (docs/credit.md): the entity's 年度报告 (filing, correcting) and leaving the 经营异常名录.
// The public sees both on the entity's profile (disclosure/EntityProfile.vue → EntityCredit.vue).
// The registrar's queues (经营异常名录 findings and applications to leave, 严重违法失信名单) and the
// leader's pages (信用风险分类, 信用监管统计).
import './credit.css'
import AnnualReportPick from './AnnualReportPick.vue'
import AnnualReportWork from './AnnualReportWork.vue'
// Staff pages, loaded when first opened: they stay out of the portal's download.
const FindingsQueue = () => import('./FindingsQueue.vue')
const SeriousQueue = () => import('./SeriousQueue.vue')
const RiskClasses = () => import('./RiskClasses.vue')
const CreditFigures = () => import('./CreditFigures.vue')

export default {
  id: 'credit',
  portal: {
    entries: [
      {
        title: '企业年度报告',
        description: '企业、农民专业合作社、个体工商户登录后报送、更正年度报告，补报后申请移出经营异常名录',
        icon: Notebook,
        to: '/workbench/annual-reports',
        order: 45,
      },
    ],
  },
  workbench: {
    // Applicants for the entities whose licence they manage; window clerks for paper reports.
    // Registrars (credit.decide) decide listings; leaders (stats.read) read the classes and figures.
    menus: [
      { title: '年度报告', to: '/workbench/annual-reports', permission: 'credit.file', order: 37 },
      { title: '经营异常名录', to: '/workbench/credit/abnormal', permission: 'credit.decide', order: 43 },
      { title: '严重违法失信名单', to: '/workbench/credit/serious', permission: 'credit.decide', order: 43.5 },
      { title: '信用风险分类', to: '/workbench/credit/risk', permission: 'stats.read', order: 68 },
      { title: '信用监管统计', to: '/workbench/credit/figures', permission: 'stats.read', order: 68.5 },
    ],
    routes: [
      {
        path: 'annual-reports',
        name: 'wb-annual-reports',
        component: AnnualReportPick,
        meta: { title: '年度报告', permission: 'credit.file' },
      },
      {
        path: 'annual-reports/:uscc',
        name: 'wb-annual-report',
        component: AnnualReportWork,
        props: true,
        meta: { title: '年度报告', permission: 'credit.file' },
      },
      {
        path: 'credit/abnormal',
        name: 'wb-credit-abnormal',
        component: FindingsQueue,
        meta: { title: '经营异常名录', permission: 'credit.decide' },
      },
      {
        path: 'credit/serious',
        name: 'wb-credit-serious',
        component: SeriousQueue,
        meta: { title: '严重违法失信名单', permission: 'credit.decide' },
      },
      {
        path: 'credit/risk',
        name: 'wb-credit-risk',
        component: RiskClasses,
        meta: { title: '信用风险分类', permission: 'stats.read' },
      },
      {
        path: 'credit/figures',
        name: 'wb-credit-figures',
        component: CreditFigures,
        meta: { title: '信用监管统计', permission: 'stats.read' },
      },
    ],
  },
}
