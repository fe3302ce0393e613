// SPDX-License-Identifier: MulanPSL-2.0
import { Bell } from '@element-plus/icons-vue'
// 简易注销: the public notice board and objections. Placeholder until the API exists.
import { placeholder } from '../../components/placeholder.js'

export default {
  id: 'lifecycle',
  portal: {
    entries: [
      {
        title: '简易注销公告',
        description: '查看正在公告的简易注销企业，对有异议的可在公告期内提出',
        icon: Bell,
        to: '/deregistration',
        order: 50,
      },
    ],
    routes: [
      {
        path: 'deregistration',
        name: 'deregistration-notices',
        component: placeholder({
          title: '简易注销公告',
          description: '企业简易注销前公告 20 天，公告期内债权人等可提出异议。',
          planned: ['正在公告的企业名单及公告起止日期', '在线提出异议'],
        }),
        meta: { title: '简易注销公告' },
      },
    ],
  },
}
