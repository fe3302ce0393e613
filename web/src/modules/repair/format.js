// SPDX-License-Identifier: MulanPSL-2.0
// Wording shared by the 信用修复 screens: dates in Chinese, the version of the rules for a day, the
// state of a condition. Periods are never written here: they are the server's text.

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

// Notes for the maintainers in the rules' data (a bracketed remark in Latin letters) are not for
// the public.
export function plainText(s) {
  return String(s || '')
    .replace(/\s*[（(][^（）()\u3400-\u9fff]*[A-Za-z][^（）()\u3400-\u9fff]*[）)]/g, '')
    .trim()
}

// The version of the rules in force on `date` (YYYY-MM-DD): the latest that took effect by then.
export function versionOn(rules, date) {
  if (!rules || !date) return null
  let found = null
  for (const v of rules.versions || []) {
    if (v.effective_from <= date && (!found || v.effective_from > found.effective_from)) found = v
  }
  return found
}

// A condition of the repair: met, to be shown by the applicant in the form, or not yet.
export function conditionState(c) {
  if (c.met) return 'met'
  if (c.by_applicant) return 'applicant'
  return 'unmet'
}

// Once applied for, what the applicant showed waits for the authority.
export function conditionStateText(c, applied = false) {
  const s = conditionState(c)
  if (s === 'met') return '已具备'
  if (s === 'applicant') return applied ? '已随申请提交，待登记机关核实' : '申请时提交证明'
  return c.earliest ? `尚未具备，最早 ${cnDate(c.earliest)} 可具备` : '尚未具备'
}

// The decision's last day against today: overdue, today, or days still to go.
export function dueState(due, today = chinaToday()) {
  if (!due) return ''
  if (due < today) return 'overdue'
  if (due === today) return 'today'
  return 'open'
}

// The tag colour of each kind of record.
export const KIND_TAGS = { penalty: 'danger', serious_listing: 'danger', abnormal_listing: 'warning' }
