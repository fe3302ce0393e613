// SPDX-License-Identifier: MulanPSL-2.0
// Wording shared by the 即时信息 screens: dates in Chinese, today in China, an order's state.
// Periods are never written here: they are the server's text (GET /credit/instant-info-rules).

// "2026-07-01" → "2026年7月1日"
export function cnDate(d) {
  if (!d) return ''
  const [y, m, day] = String(d).slice(0, 10).split('-')
  if (!day) return String(d)
  return `${y}年${Number(m)}月${Number(day)}日`
}

// Today in China (YYYY-MM-DD), the date the server counts in, whatever the computer's zone.
export function chinaToday() {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  }).format(new Date())
}

// A Date of the date picker as YYYY-MM-DD, in the computer's own calendar day.
export function dayOf(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

// Notes for the maintainers in the rules' data (a bracketed remark in Latin letters) are not for
// the public.
export function plainText(s) {
  return String(s || '')
    .replace(/\s*[（(][^（）()\u3400-\u9fff]*[A-Za-z][^（）()\u3400-\u9fff]*[）)]/g, '')
    .trim()
}

// An order still open after its last day: the enterprise has not obeyed it in time.
export const orderOverdue = (o, today = chinaToday()) => o.state === 'open' && o.due < today

// The state of an order in words: the server's, and for an open one past its last day, that.
export function orderStateText(o, today = chinaToday()) {
  if (orderOverdue(o, today)) return '期限已过，尚未公示'
  if (o.state === 'fulfilled' && o.fulfilled_on) return `${o.state_name}（${cnDate(o.fulfilled_on)}）`
  return o.state_name
}

export function orderTagType(o, today = chinaToday()) {
  if (o.state === 'fulfilled') return 'success'
  if (o.state === 'listed' || orderOverdue(o, today)) return 'danger'
  return 'warning'
}

// The kinds of market entity that publish no instant information.
export const noInstantInfo = (kind) => kind === 'individual_business'
// Only an entity 存续 or 歇业 publishes (the server refuses a deregistered one).
export const publishes = (e) => !noInstantInfo(e.kind) && (e.status === 'active' || e.status === 'suspended')
