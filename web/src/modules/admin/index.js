// SPDX-License-Identifier: MulanPSL-2.0
// 用户管理: users and their roles, by org unit (administrators).
const UserAdmin = () => import('./UserAdmin.vue')

export default {
  id: 'admin',
  workbench: {
    menus: [{ title: '用户管理', to: '/workbench/users', permission: 'users.read', order: 80 }],
    routes: [
      {
        path: 'users',
        name: 'wb-users',
        component: UserAdmin,
        meta: { title: '用户管理', permission: 'users.read' },
      },
    ],
  },
}
