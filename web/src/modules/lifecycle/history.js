// SPDX-License-Identifier: MulanPSL-2.0
// How the registered history of an entity (its versions) reads in Chinese.
import { SCOPE_ITEMS } from '../../api/establishment.js'

export const FIELD_NAMES = {
  name: '名称',
  address: '住所（经营场所）',
  scope: '经营范围',
  legal_rep: '法定代表人（经营者）',
  registered_capital: '注册资本',
  investors: '投资人',
  license_admin: '电子营业执照管理员',
  license: '电子营业执照',
}

export const VERSION_KINDS = {
  registration: '设立登记',
  change: '变更登记',
  operator_change: '变更经营者',
  conversion: '个转企',
}

export const CHANNELS = {
  online: '网上办理',
  window: '窗口办理',
  cli: '登记机关',
  registration: '设立登记',
  system: '系统',
}

function one(field, v) {
  if (v === null || v === undefined || v === '') return '—'
  if (field === 'registered_capital' && typeof v === 'number') {
    return `${(v / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 4 })} 万元`
  }
  if (field === 'scope' && typeof v === 'string') {
    return SCOPE_ITEMS.find((s) => s.code === v)?.name ?? v
  }
  if (typeof v === 'object') {
    if (v.name) return v.subscribed_capital ? `${v.name}（认缴 ${one('registered_capital', v.subscribed_capital)}）` : v.name
    return JSON.stringify(v)
  }
  return String(v)
}

// A before/after value as text: "文一路 1 号", "软件开发；餐饮服务", "张*（认缴 50 万元）".
export function valueText(field, v) {
  if (Array.isArray(v)) return v.map((x) => one(field, x)).join('；') || '—'
  return one(field, v)
}
