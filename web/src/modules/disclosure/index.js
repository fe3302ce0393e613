// SPDX-License-Identifier: MulanPSL-2.0
import { Search } from '@element-plus/icons-vue'
// 公示信息查询: public disclosure of market entities (GET /api/v1/entities…).
import EntitySearch from './EntitySearch.vue'
import EntityProfile from './EntityProfile.vue'

export default {
  id: 'disclosure',
  portal: {
    entries: [
      {
        title: '公示信息查询',
        description: '按名称或统一社会信用代码查询企业、个体工商户、农民专业合作社的登记信息',
        icon: Search,
        to: '/disclosure',
        order: 60,
      },
    ],
    routes: [
      {
        path: 'disclosure',
        name: 'disclosure',
        component: EntitySearch,
        props: { profileRoute: 'entity-profile' },
        meta: { title: '公示信息查询' },
      },
      {
        path: 'disclosure/:uscc',
        name: 'entity-profile',
        component: EntityProfile,
        props: true,
        meta: { title: '市场主体信息' },
      },
    ],
  },
  workbench: {
    menus: [
      { title: '市场主体查询', to: '/workbench/entities', permission: 'entities.read_private', order: 20 },
    ],
    routes: [
      {
        path: 'entities',
        name: 'wb-entities',
        component: EntitySearch,
        props: { profileRoute: 'wb-entity-profile' },
        meta: { title: '市场主体查询', permission: 'entities.read_private' },
      },
      {
        path: 'entities/:uscc',
        name: 'wb-entity-profile',
        component: EntityProfile,
        props: true,
        meta: { title: '市场主体信息', permission: 'entities.read_private' },
      },
    ],
  },
}
