// SPDX-License-Identifier: MulanPSL-2.0
import { Bell } from '@element-plus/icons-vue'
// The lifecycle of registered entities (docs/lifecycle.md): the public notice
// boards (简易注销 with objections, 歇业, 清算组), the applicant's 我的企业
// (变更, 歇业, 简易注销 / 一屏注销, 一般注销 (清算), 个转企), the window's lifecycle page and the
// departments' 一屏注销 queue. A service the server does not offer
// (features.js) leaves its screens out.
import { features } from './features.js'
import NoticeBoard from './NoticeBoard.vue'
import NoticeDetail from './NoticeDetail.vue'
import EntityPick from './EntityPick.vue'
import LifecycleWorkspace from './LifecycleWorkspace.vue'
import DepartmentDeregistrations from './DepartmentDeregistrations.vue'
import ChangeReview from './ChangeReview.vue'
import { placeholder } from '../../components/placeholder.js'

const anyAction = features.change || features.suspension || features.simplified
const anyBoard = features.simplified || features.suspension || features.liquidation

export default {
  id: 'lifecycle',
  portal: {
    entries: [
      {
        title: anyBoard ? '注销与歇业公告' : '简易注销公告',
        description: anyBoard
          ? '查看正在公示的简易注销企业并可提出异议，查看歇业和清算组公告'
          : '查看正在公告的简易注销企业，对有异议的可在公告期内提出',
        icon: Bell,
        to: '/deregistration',
        order: 50,
      },
    ],
    routes: [
      {
        path: 'deregistration',
        name: 'deregistration-notices',
        component: anyBoard
          ? NoticeBoard
          : placeholder({
              title: '简易注销公告',
              description: '企业简易注销前予以公告，公告期内债权人等可提出异议。',
              planned: ['正在公告的企业名单及公告起止日期', '在线提出异议'],
            }),
        meta: { title: '注销与歇业公告' },
      },
      ...(features.simplified
        ? [{
            path: 'deregistration/:id',
            name: 'deregistration-notice',
            component: NoticeDetail,
            props: true,
            meta: { title: '简易注销公告' },
          }]
        : []),
    ],
  },
  workbench: {
    menus: [
      { title: '我的企业', to: '/workbench/my-entity', permission: 'registration.apply', order: 34, needs: anyAction },
      { title: '变更与歇业', to: '/workbench/lifecycle', permission: 'registration.accept', order: 40.5, needs: anyAction },
      { title: '变更审核', to: '/workbench/changes', permission: 'registration.review', order: 41.5, needs: features.change },
      { title: '注销核查', to: '/workbench/deregistrations', permission: 'department_queue.work', order: 42.5,
        needs: features.simplified },
    ].filter((m) => m.needs),
    routes: [
      {
        path: 'my-entity',
        name: 'wb-my-entity-pick',
        component: EntityPick,
        props: {
          target: 'wb-my-entity',
          intro: '请输入本企业（个体工商户、农民专业合作社）的统一社会信用代码；您须是其电子营业执照管理员或已获授权的经办人。',
        },
        meta: { title: '我的企业', permission: 'registration.apply' },
        needs: anyAction,
      },
      {
        path: 'my-entity/:uscc',
        name: 'wb-my-entity',
        component: LifecycleWorkspace,
        props: (r) => ({ uscc: r.params.uscc, mode: 'applicant' }),
        meta: { title: '我的企业', permission: 'registration.apply' },
        needs: anyAction,
      },
      {
        path: 'lifecycle',
        name: 'wb-lifecycle-pick',
        component: EntityPick,
        props: { target: 'wb-lifecycle', intro: '请输入来办理变更登记、歇业备案的市场主体的统一社会信用代码。' },
        meta: { title: '变更与歇业', permission: 'registration.accept' },
        needs: anyAction,
      },
      {
        path: 'lifecycle/:uscc',
        name: 'wb-lifecycle',
        component: LifecycleWorkspace,
        props: (r) => ({ uscc: r.params.uscc, mode: 'window' }),
        meta: { title: '变更与歇业', permission: 'registration.accept' },
        needs: anyAction,
      },
      {
        path: 'changes',
        name: 'wb-change-review',
        component: ChangeReview,
        meta: { title: '变更审核', permission: 'registration.review' },
        needs: features.change,
      },
      {
        path: 'deregistrations',
        name: 'wb-dept-deregistrations',
        component: DepartmentDeregistrations,
        meta: { title: '注销核查', permission: 'department_queue.work' },
        needs: features.simplified,
      },
    ].filter((r) => r.needs),
  },
}
