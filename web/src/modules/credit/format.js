// SPDX-License-Identifier: MulanPSL-2.0
// Plain-Chinese wording shared by the credit screens: dates, report values, the filing window
// (always read from GET /credit/annual-report-forms, never written here).

// "2026-07-01" → "2026年7月1日"
export function cnDate(d) {
  if (!d) return ''
  const [y, m, day] = String(d).slice(0, 10).split('-')
  if (!day) return String(d)
  return `${y}年${Number(m)}月${Number(day)}日`
}

// "06-30" → "6月30日"
export function cnMonthDay(md) {
  const [m, d] = String(md || '').split('-')
  if (!d) return md || ''
  return `${Number(m)}月${Number(d)}日`
}

// The filing window in words: every year's dates and this year's last day.
export function windowText(win) {
  if (!win) return ''
  return `每年${cnMonthDay(win.from)}至${cnMonthDay(win.to)}报送上一年度的年度报告；` +
    `${win.report_year} 年度报告的报送期到 ${cnDate(win.ends_on)} 截止，截止后仍可补报，但公示时标明“逾期报送”。`
}

export const WITHHELD_TEXT = '企业选择不公示'

// A report's value as the public reads it.
export function valueText(v) {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (typeof v === 'number') return v.toLocaleString('zh-CN')
  return String(v)
}

// Notes for the maintainers in the rules' data (“（unverified）”) are not for the public:
// a bracketed remark in Latin letters only is left out.
export function plainText(s) {
  return String(s || '')
    .replace(/\s*[（(][^（）()\u3400-\u9fff]*[A-Za-z][^（）()\u3400-\u9fff]*[）)]/g, '')
    .trim()
}

export const CHANNELS = { online: '网上报送', paper: '窗口报送（纸质）' }

// The tag colour of a year's filing state.
export function stateTagType(state) {
  if (state === 'filed') return 'success'
  if (state === 'filed_late') return 'warning'
  if (state === 'window_open') return 'primary'
  return 'danger'
}

// "1234567" → "123.46 万元" (a check for money typed in yuan), '' below 10,000.
export function wanText(n) {
  if (!Number.isFinite(n) || Math.abs(n) < 10000) return ''
  return `即 ${n < 0 ? '亏损 ' : ''}${(Math.abs(n) / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`
}

// The kinds of market entity, as the credit answers name them (entity_kind).
export const KIND_NAMES = { enterprise: '企业', cooperative: '农民专业合作社', individual_business: '个体工商户' }

// An individual business is marked (经营异常状态); an enterprise or cooperative is listed.
export const listActionText = (kind) => (kind === 'individual_business' ? '标记为经营异常状态' : '列入经营异常名录')

// Today in China (YYYY-MM-DD), the date the server counts in, whatever the computer's zone.
export function chinaToday() {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  }).format(new Date())
}
