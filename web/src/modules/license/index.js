// SPDX-License-Identifier: MulanPSL-2.0
import { CircleCheck } from '@element-plus/icons-vue'
// 电子营业执照: verification of a licence. Placeholder until the licence API exists.
import { placeholder } from '../../components/placeholder.js'

export default {
  id: 'license',
  portal: {
    entries: [
      {
        title: '电子营业执照核验',
        description: '扫描或输入执照上的核验码，确认电子营业执照真实有效',
        icon: CircleCheck,
        to: '/license',
        order: 40,
      },
    ],
    routes: [
      {
        path: 'license',
        name: 'license-verify',
        component: placeholder({
          title: '电子营业执照核验',
          description: '核验电子营业执照的真伪和有效状态。',
          planned: ['扫描执照二维码或输入核验码', '显示执照登记信息和当前状态', '企业下载本企业的电子营业执照'],
        }),
        meta: { title: '电子营业执照核验' },
      },
    ],
  },
}
