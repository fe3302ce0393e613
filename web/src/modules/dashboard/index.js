// SPDX-License-Identifier: MulanPSL-2.0
// 领导驾驶舱: the figures leaders quote, as numbers and charts.
// Loaded when first opened: the charts library stays out of the portal's download.
const Dashboard = () => import('./DashboardView.vue')

export default {
  id: 'dashboard',
  workbench: {
    menus: [{ title: '统计概览', to: '/workbench/dashboard', permission: 'stats.read', order: 10 }],
    routes: [
      {
        path: 'dashboard',
        name: 'wb-dashboard',
        component: Dashboard,
        meta: { title: '统计概览', permission: 'stats.read' },
      },
    ],
  },
}
