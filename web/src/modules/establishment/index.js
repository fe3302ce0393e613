// SPDX-License-Identifier: MulanPSL-2.0
import { OfficeBuilding, Timer } from '@element-plus/icons-vue'
// 企业开办 (docs/registration.md): the one-form application, its progress, the
// window's intake, the registrar's and the departments' queues.
import ApplyForm from './ApplyForm.vue'
import Progress from './Progress.vue'
import ReviewQueue from './ReviewQueue.vue'
import DepartmentQueue from './DepartmentQueue.vue'
import MyApplications from './MyApplications.vue'

export default {
  id: 'establishment',
  portal: {
    entries: [
      {
        title: '企业开办',
        description: '一次填报，营业执照、公章、税务、社保、公积金、银行开户一并办理',
        icon: OfficeBuilding,
        to: '/establishment',
        order: 20,
      },
      {
        title: '办件进度查询',
        description: '查看申请办到哪一步、由哪个部门办理、还需几个工作日',
        icon: Timer,
        to: '/progress',
        order: 30,
      },
    ],
    routes: [
      {
        path: 'establishment',
        name: 'establishment-apply',
        component: ApplyForm,
        meta: { title: '企业开办' },
      },
      {
        path: 'progress',
        name: 'establishment-progress',
        component: Progress,
        meta: { title: '办件进度查询' },
      },
    ],
  },
  workbench: {
    menus: [
      // Applicants only: staff hold registration.apply through no role.
      { title: '我的申请', to: '/workbench/my-applications', permission: 'registration.apply', order: 33 },
      { title: '开办受理', to: '/workbench/intake', permission: 'registration.accept', order: 40 },
      { title: '登记审核', to: '/workbench/review', permission: 'registration.review', order: 41 },
      { title: '部门办件', to: '/workbench/department', permission: 'department_queue.work', order: 42 },
    ],
    routes: [
      {
        path: 'my-applications',
        name: 'wb-my-applications',
        component: MyApplications,
        meta: { title: '我的申请', permission: 'registration.apply' },
      },
      {
        path: 'intake',
        name: 'wb-intake',
        component: ApplyForm,
        props: { atWindow: true },
        meta: { title: '开办受理', permission: 'registration.accept' },
      },
      {
        path: 'review',
        name: 'wb-review',
        component: ReviewQueue,
        meta: { title: '登记审核', permission: 'registration.review' },
      },
      {
        path: 'department',
        name: 'wb-department',
        component: DepartmentQueue,
        meta: { title: '部门办件', permission: 'department_queue.work' },
      },
    ],
  },
}
