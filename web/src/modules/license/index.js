// SPDX-License-Identifier: MulanPSL-2.0
import { CircleCheck } from '@element-plus/icons-vue'
// 电子营业执照: public verification (by file, by USCC + serial, by the holder's
// dynamic QR code) and the holder's own page (PDF, QR code, agent authorisations).
import VerifyView from './VerifyView.vue'
import HolderView from './HolderView.vue'
import HolderPick from './HolderPick.vue'

export default {
  id: 'license',
  portal: {
    entries: [
      {
        title: '电子营业执照核验',
        description: '上传执照文件、输入执照编号或扫描持照人出示的二维码，确认电子营业执照真实有效',
        icon: CircleCheck,
        to: '/license',
        order: 40,
      },
    ],
    routes: [
      { path: 'license', name: 'license-verify', component: VerifyView, meta: { title: '电子营业执照核验' } },
      // The printed check: /license/check?uscc=…&serial=…
      { path: 'license/check', name: 'license-check', component: VerifyView, meta: { title: '电子营业执照核验' } },
      // The holder's dynamic QR code opens this page.
      {
        path: 'license/verify/:token',
        name: 'license-verify-token',
        component: VerifyView,
        props: true,
        meta: { title: '电子营业执照核验' },
      },
    ],
  },
  workbench: {
    menus: [{ title: '我的电子营业执照', to: '/workbench/license', permission: 'license.manage', order: 35 }],
    routes: [
      {
        path: 'license',
        name: 'wb-license-pick',
        component: HolderPick,
        meta: { title: '我的电子营业执照', permission: 'license.manage' },
      },
      {
        path: 'license/:uscc',
        name: 'wb-license',
        component: HolderView,
        props: true,
        meta: { title: '电子营业执照', permission: 'license.manage' },
      },
    ],
  },
}
