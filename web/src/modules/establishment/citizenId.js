// SPDX-License-Identifier: MulanPSL-2.0
// GB 11643 citizen ID check (the server checks it again): 18 characters, a
// real birth date and the ISO 7064 MOD 11-2 check digit.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export function citizenIdProblem(id) {
  const s = String(id || '').trim().toUpperCase()
  if (!s) return '请填写身份证号码'
  if (!/^\d{17}[\dX]$/.test(s)) return '身份证号码应为 18 位（最后一位可以是 X）'
  const y = Number(s.slice(6, 10))
  const m = Number(s.slice(10, 12))
  const d = Number(s.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return '身份证号码中的出生日期不存在'
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * WEIGHTS[i]
  if (CHECK[sum % 11] !== s[17]) return '身份证号码校验位不对，请核对每一位'
  return ''
}
