// SPDX-License-Identifier: MulanPSL-2.0
import { EditPen } from '@element-plus/icons-vue'
// 名称自主申报: name checks and reservations. Placeholders until the names API exists.
import { placeholder } from '../../components/placeholder.js'

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
        component: placeholder({
          title: '名称自主申报查询',
          description: '在申请登记前自主查询拟用的企业名称。',
          planned: [
            '输入字号、行业表述和组织形式，即时查看是否可用',
            '与已有名称相同、近似或含禁用字词时，逐条说明原因',
            '保留通过查询的名称，用于企业开办申请',
          ],
        }),
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
        component: placeholder({
          title: '名称申报',
          description: '窗口代申请人查询、保留企业名称。',
          planned: ['名称查询与近似比对', '名称保留及保留期限查看'],
          meanwhile: '本功能将随名称申报服务上线。',
        }),
        meta: { title: '名称申报', permission: 'names.reserve' },
      },
    ],
  },
}
