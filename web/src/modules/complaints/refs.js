// SPDX-License-Identifier: MulanPSL-2.0
// The words for what the server names by reference: a case lead's evidence points to a record
// as "complaint:12" or "inspection_visit:7"; people read "12315 投诉举报 第 12 号".
const KINDS = {
  complaint: '12315 投诉举报',
  inspection_visit: '双随机检查记录',
}

export function refText(ref) {
  const m = /^([a-z_]+):(\d+)$/.exec(ref || '')
  if (!m) return ref
  return `${KINDS[m[1]] || '系统记录'} 第 ${m[2]} 号`
}

// The lead's state (the server gives the code only): open until enforcement takes it.
const LEAD_STATES = { open: '待办案部门接收' }
export const leadStateText = (status) => LEAD_STATES[status] || '办案部门已接收'

// "2026-12-07T14:39:26+08:00" → "2026-12-07 14:39"
export const when = (t) => (t ? t.slice(0, 16).replace('T', ' ') : '')
