// SPDX-License-Identifier: MulanPSL-2.0
// Code tables (src/codes): the industries of GB/T 4754-2017, loaded once.
import { get } from './client.js'

let sections = null

// → [{code: 'A', name: '农、林、牧、渔业', divisions: [{code: '01', name: '农业'}, …]}, …]
export function industrySections() {
  if (!sections) {
    sections = get('/codes/industries').then((r) => r.sections).catch((e) => {
      sections = null
      throw e
    })
  }
  return sections
}

// "52 零售业" for a division code; the code itself while loading or if unknown.
export async function industryLabel(code) {
  if (!code) return ''
  try {
    for (const s of await industrySections()) {
      const d = s.divisions.find((x) => x.code === code)
      if (d) return `${d.code} ${d.name}`
    }
  } catch {
    // Shown as the bare code.
  }
  return code
}

// "浙江省 杭州市 西湖区" for a 6-digit region code; "" when unknown or not 6 digits.
export async function regionName(code) {
  if (!/^\d{6}$/.test(code || '')) return ''
  try {
    return (await get(`/codes/regions/${code}`)).full_name || ''
  } catch {
    return ''
  }
}
