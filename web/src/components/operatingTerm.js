// SPDX-License-Identifier: MulanPSL-2.0
// 营业期限 as the server states it ({label, from, until}; until null: 长期)
// in words: "2026-12-07 至 长期".
export function operatingTermText(term) {
  if (!term) return ''
  return `${term.from} 至 ${term.until || '长期'}`
}
