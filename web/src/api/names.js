// SPDX-License-Identifier: MulanPSL-2.0
// 名称自主申报 (docs/names.md): check a proposed name, reserve it.
import { get, post } from './client.js'

// {name, authority, industry} → {verdict, parts:{region,trade_name,industry,form}, hits:[…], reason}
export const checkName = (name, authority, industry) =>
  get('/names/check', { name, authority, industry })
// → the reservation {id, name, reserved_on, expires_on, status, pre_approval_item, …}
export const reserveName = (name, authority, industry, preApprovalItem) =>
  post('/names/reservations', {
    name, authority, industry, ...(preApprovalItem ? { pre_approval_item: preApprovalItem } : {}),
  })
// → {items: [{code, name, authority}], reservation_period: "2 个月", pre_approval_period: "1 年"}
export const getPreApprovalItems = () => get('/names/pre-approval-items')
export const getReservation = (id) => get(`/names/reservations/${id}`)

export const VERDICTS = {
  ok: { text: '可以使用', type: 'success', plain: '没有发现相同或近似的名称，可以保留后用于开办申请。' },
  similar: {
    text: '存在近似名称（提示）',
    type: 'warning',
    plain: '发现近似名称。近似只是提示，不禁止使用，但申请会转注册官人工审核。',
  },
  conflict: {
    text: '与已有名称字号相同（不能使用）',
    type: 'error',
    plain: '同一登记机关辖区内已有相同字号的名称，依法不能使用，请更换字号。',
  },
  prohibited: { text: '含禁用字词（不能使用）', type: 'error', plain: '名称含有法律禁止使用的字词，请修改。' },
  invalid: { text: '名称不完整或不规范', type: 'error', plain: '名称的组成部分不完整或不规范，请按说明修改。' },
}

// A hit's rule → whether it binds and what it means, in plain words.
const RULES = [
  [/^art17_identical_trade_name/, true, '字号相同（有约束力）：同一设区的市登记机关辖区内，已有相同字号、相同行业表述的名称（已登记、已保留，或注销、变更后仍在保护期内），不能使用'],
  [/^prohibited/, true, '禁用字词（有约束力）：名称含有法律禁止使用的字词，不能使用'],
  [/^restricted_prefix/, false, '限用字词（提示）：以“中国、中华、中央、全国、国家”开头，须经国务院批准'],
  [/^similar_synonym_industry/, false, '行业表述同义（提示）：字号相同，行业用词意思相同'],
  [/^similar_homophone/, false, '字号同音（提示）：字号读音与已有名称相同，行业相同'],
  [/^similar_containment/, false, '字号包含（提示）：字号包含已有字号或被其包含，行业相同'],
  [/^similar_reordered/, false, '字序调换（提示）：与外市名称的各部分相同，只是写的顺序不同'],
  [/^similar_region_or_form_only/, false, '仅行政区划或组织形式不同（提示）：字号和行业表述与外市名称相同'],
]
export function explainRule(rule) {
  for (const [re, binding, text] of RULES) if (re.test(rule || '')) return { binding, text }
  return { binding: false, text: '近似提示' }
}
