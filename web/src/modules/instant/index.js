// SPDX-License-Identifier: MulanPSL-2.0
import { Memo } from '@element-plus/icons-vue'
// 即时信息 (docs/credit.md "Instant information (即时信息) and the order to publish"): the enterprise
// (or the window for it) publishes each kind within the server's period and sees the registration
// authority's orders; the registrar orders an enterprise to publish a kind (责令公示). Orders not
// obeyed reach the registrar's 经营异常名录 findings (credit/FindingsQueue.vue). The public profile
// shows EntityInstantInfo.vue (exported here).
import './instant.css'
import InstantPick from './InstantPick.vue'
import InstantWork from './InstantWork.vue'
export { default as EntityInstantInfo } from './EntityInstantInfo.vue'
// Staff page, loaded when first opened: it stays out of the portal's download.
const PublishOrders = () => import('./PublishOrders.vue')

export default {
  id: 'instant',
  portal: {
    entries: [
      {
        title: '即时信息公示',
        description: '企业登录后公示出资、股权变更、行政许可、知识产权出质、行政处罚等即时信息，查看登记机关的责令公示',
        icon: Memo,
        to: '/workbench/instant-info',
        order: 45.5,
      },
    ],
  },
  workbench: {
    // Applicants for the enterprises whose licence they manage; window clerks for one of the county.
    // Registrars (credit.decide) order publication.
    menus: [
      { title: '即时信息', to: '/workbench/instant-info', permission: 'credit.file', order: 37.2 },
      { title: '责令公示', to: '/workbench/publish-orders', permission: 'credit.decide', order: 43.2 },
    ],
    routes: [
      {
        path: 'instant-info',
        name: 'wb-instant',
        component: InstantPick,
        meta: { title: '即时信息', permission: 'credit.file' },
      },
      {
        path: 'instant-info/:uscc',
        name: 'wb-instant-work',
        component: InstantWork,
        props: true,
        meta: { title: '即时信息', permission: 'credit.file' },
      },
      {
        path: 'publish-orders',
        name: 'wb-publish-orders',
        component: PublishOrders,
        meta: { title: '责令公示', permission: 'credit.decide' },
      },
    ],
  },
}
