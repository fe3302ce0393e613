// SPDX-License-Identifier: MulanPSL-2.0
import { Notebook } from '@element-plus/icons-vue'
// 信用监管 (docs/credit.md): the entity's 年度报告 (filing, correcting) and leaving the 经营异常名录.
// The public sees both on the entity's profile (disclosure/EntityProfile.vue → EntityCredit.vue).
import './credit.css'
import AnnualReportPick from './AnnualReportPick.vue'
import AnnualReportWork from './AnnualReportWork.vue'

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
    menus: [{ title: '年度报告', to: '/workbench/annual-reports', permission: 'credit.file', order: 37 }],
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
    ],
  },
}
