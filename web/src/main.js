// SPDX-License-Identifier: MulanPSL-2.0
import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './styles/base.css'
import './styles/print.css'
import App from './App.vue'
import { router } from './router.js'
import { installSessionExpiry } from './session.js'
import { installMenuKeyboard } from './menuKeyboard.js'

const app = createApp(App)
app.use(ElementPlus, { size: 'large' })
app.use(router)
installSessionExpiry(router)
app.mount('#app')
installMenuKeyboard()
