// SPDX-License-Identifier: MulanPSL-2.0
// Routes: the public portal at "/", the staff workbench at "/workbench".
// History mode: `amr serve` answers every path that is not a file with
// index.html (src/http/static_files.cc), so deep links and reloads work.
import { createRouter, createWebHistory } from 'vue-router'
import { portalRoutes, workbenchRoutes } from './modules/index.js'
import { can, loadSession, mustChangePassword, isLoggedIn } from './session.js'
import PortalLayout from './layouts/PortalLayout.vue'
import WorkbenchLayout from './layouts/WorkbenchLayout.vue'
import PortalHome from './views/PortalHome.vue'
import LoginView from './views/LoginView.vue'
import RegisterView from './views/RegisterView.vue'
import WorkbenchHome from './views/WorkbenchHome.vue'
import PasswordView from './views/PasswordView.vue'
import NotFound from './views/NotFound.vue'

const SITE = '市场监管政务服务'

export const router = createRouter({
  history: createWebHistory(),
  scrollBehavior: () => ({ top: 0 }),
  routes: [
    {
      path: '/',
      component: PortalLayout,
      children: [
        { path: '', name: 'portal-home', component: PortalHome, meta: { title: '首页' } },
        { path: 'login', name: 'login', component: LoginView, meta: { title: '登录' } },
        { path: 'register', name: 'register', component: RegisterView, meta: { title: '注册申请人账号' } },
        ...portalRoutes,
      ],
    },
    {
      path: '/workbench',
      component: WorkbenchLayout,
      meta: { workbench: true },
      children: [
        { path: '', name: 'workbench-home', component: WorkbenchHome, meta: { title: '工作台首页' } },
        {
          path: 'password',
          name: 'password',
          component: PasswordView,
          meta: { title: '修改密码' },
        },
        ...workbenchRoutes,
      ],
    },
    { path: '/:rest(.*)*', name: 'not-found', component: NotFound, meta: { title: '页面不存在' } },
  ],
})

router.beforeEach(async (to) => {
  if (!to.matched.some((r) => r.meta.workbench)) return true
  await loadSession()
  if (!isLoggedIn()) return { name: 'login', query: { next: to.fullPath } }
  if (mustChangePassword() && to.name !== 'password') return { name: 'password' }
  const needed = to.meta.permission
  if (needed && !can(needed)) return { name: 'workbench-home', query: { denied: to.meta.title } }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - ${SITE}` : SITE
})
