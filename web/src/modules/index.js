// SPDX-License-Identifier: MulanPSL-2.0
// Every capability's screens, in one list. A module is a folder
// modules/<capability>/ whose index.js default-exports:
//
//   {
//     id: 'names',
//     portal: {
//       entries: [{ title, description, icon, to, order }],  // big buttons on the portal home;
//                                                          // icon: an @element-plus/icons-vue component
//       routes:  [{ path: 'names', name, component, meta: { title } }],  // under "/"
//     },
//     workbench: {
//       menus:  [{ title, to, permission, icon, order }],     // shown if can(permission)
//       routes: [{ path: 'names', name, component, meta: { title, permission } }],  // under /workbench
//     },
//   }
//
// Screens call the server only through api/*.js (built on api/client.js).
// To add a capability: create its folder, export the object above, list it here.
import disclosure from './disclosure/index.js'
import names from './names/index.js'
import establishment from './establishment/index.js'
import license from './license/index.js'
import lifecycle from './lifecycle/index.js'
import inspection from './inspection/index.js'
import dashboard from './dashboard/index.js'
import admin from './admin/index.js'
import audit from './audit/index.js'
import calendar from './calendar/index.js'
import complaints from './complaints/index.js'
import credit from './credit/index.js'
import instant from './instant/index.js'
import repair from './repair/index.js'
import messages from './messages/index.js'

export const modules = [
  messages,
  dashboard,
  disclosure,
  names,
  establishment,
  license,
  lifecycle,
  inspection,
  complaints,
  credit,
  instant,
  repair,
  admin,
  calendar,
  audit,
]

const byOrder = (a, b) => (a.order ?? 100) - (b.order ?? 100)

export const portalEntries = modules.flatMap((m) => m.portal?.entries ?? []).sort(byOrder)
export const portalRoutes = modules.flatMap((m) => m.portal?.routes ?? [])
export const workbenchMenus = modules.flatMap((m) => m.workbench?.menus ?? []).sort(byOrder)
export const workbenchRoutes = modules.flatMap((m) => m.workbench?.routes ?? [])
