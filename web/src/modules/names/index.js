// SPDX-License-Identifier: MulanPSL-2.0
import { EditPen } from '@element-plus/icons-vue'
// 名称自主申报: name checks and reservations (docs/names.md).
import NameCheck from './NameCheck.vue'

export default {
  id: 'names',
  portal: {
    entries: [
      {
        title: '名称自主申报查询',
        description: '拟定企业名称，查看是否与已有名称相同或近似，并说明原因',
        icon: EditPen,
        to: '/names',
        order: 10,
      },
    ],
    routes: [
      {
        path: 'names',
        name: 'names-check',
        component: NameCheck,
        meta: { title: '名称自主申报查询' },
      },
    ],
  },
  workbench: {
    menus: [{ title: '名称申报', to: '/workbench/names', permission: 'names.reserve', order: 30 }],
    routes: [
      {
        path: 'names',
        name: 'wb-names',
        component: NameCheck,
        meta: { title: '名称申报', permission: 'names.reserve' },
      },
    ],
  },
}
