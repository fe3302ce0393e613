// SPDX-License-Identifier: MulanPSL-2.0
// 消息中心 (docs/user-guide.md): every logged-in user's own messages — approvals, returned steps,
// objections, deadlines — with the unread count beside the menu entry and in the header.
import MessageCenter from './MessageCenter.vue'

export default {
  id: 'messages',
  workbench: {
    menus: [
      { title: '消息中心', to: '/workbench/messages', permission: 'authenticated', order: 1, badge: '条未读' },
    ],
    routes: [
      {
        path: 'messages',
        name: 'wb-messages',
        component: MessageCenter,
        meta: { title: '消息中心', permission: 'authenticated' },
      },
    ],
  },
}
