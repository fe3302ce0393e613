// SPDX-License-Identifier: MulanPSL-2.0
// The 简易注销, 一屏注销 and 歇业 periods as the server's data states them
// (GET /api/v1/deregistrations/periods): read once, shared by the pages.
import { reactive } from 'vue'
import { get } from '../../api/client.js'

// {notice: {days, value, unit, text}, completion: {…}, one_screen_window: {…},
//  suspension_max_total: {value, unit, text}, suspension_extension_window: {…}}; texts are "…" until read.
export const periods = reactive({
  notice: { text: '…' },
  completion: { text: '…' },
  one_screen_window: { text: '…' },
  suspension_max_total: { text: '…' },
  suspension_extension_window: { text: '…' },
})
let loading = null
export function loadPeriods() {
  if (!loading) {
    loading = get('/deregistrations/periods')
      .then((p) => Object.assign(periods, p))
      .catch(() => { loading = null })
  }
  return loading
}
