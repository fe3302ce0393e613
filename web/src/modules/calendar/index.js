// SPDX-License-Identifier: MulanPSL-2.0
// 工作日历: the State Council's holiday notices, entered by the platform's
// administrators (calendar.write); everyone counting deadlines relies on it.
const CalendarAdmin = () => import('./CalendarAdmin.vue')

export default {
  id: 'calendar',
  workbench: {
    menus: [{ title: '工作日历', to: '/workbench/calendar', permission: 'calendar.write', order: 85 }],
    routes: [
      {
        path: 'calendar',
        name: 'wb-calendar',
        component: CalendarAdmin,
        meta: { title: '工作日历', permission: 'calendar.write' },
      },
    ],
  },
}
