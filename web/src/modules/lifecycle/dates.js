// SPDX-License-Identifier: MulanPSL-2.0
// Dates of the lifecycle periods as people read them: "2026-12-04 至 2026-12-23",
// "剩余 5 天". The periods of 简易注销 (20 日), 一屏注销 (10 日) and 歇业 are
// calendar days (data/lifecycle/periods.json); both ends of a period count.

// Today in China (YYYY-MM-DD), whatever the browser's time zone.
export function chinaToday(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)
}

const dayNumber = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000

// Calendar days from `from` to `to` (to − from).
export function daysBetween(from, to) {
  return Math.round(dayNumber(to) - dayNumber(from))
}

// Days left in a period ending on `end` (inclusive), today counted: 1 on its last day,
// 0 once it has passed.
export function daysLeft(end, today = chinaToday()) {
  if (!end) return null
  return Math.max(0, daysBetween(today, end) + 1)
}

// "剩余 5 天（含今天）", "今天是最后一天", "已届满", "尚未开始（2026-12-10 起）".
export function remainingText(start, end, today = chinaToday()) {
  if (!end) return ''
  if (start && today < start) return `尚未开始（${start} 起）`
  const left = daysLeft(end, today)
  if (left === 0) return '已届满'
  if (left === 1) return '今天是最后一天'
  return `剩余 ${left} 天（含今天）`
}

// "2026-12-04 至 2026-12-23（共 20 天）"
export function periodText(start, end) {
  if (!start || !end) return start || end || '—'
  return `${start} 至 ${end}（共 ${daysBetween(start, end) + 1} 天）`
}

// The day `n` calendar days after `iso` (YYYY-MM-DD).
export function addDays(iso, n) {
  return new Date((dayNumber(iso) + n) * 86400000).toISOString().slice(0, 10)
}
