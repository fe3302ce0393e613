// SPDX-License-Identifier: MulanPSL-2.0
// Market entities (src/registry/routes.h).
import { download, get } from './client.js'

// {q, region_code, kind, status, limit, offset} → {total, limit, offset, items}
export const searchEntities = (query) => get('/entities', query)
export const getEntity = (uscc) => get(`/entities/${encodeURIComponent(uscc)}`)
// The same filters as searchEntities; the server writes the .xlsx.
export const exportEntities = (query) => download('/entities/export.xlsx', query, '市场主体.xlsx')
// {region_code, from_year} → {total, by_kind_status, by_year, region_name}
export const entityStats = (query) => get('/entities/stats', query)

export const KINDS = [
  { id: 'enterprise', name: '企业' },
  { id: 'individual_business', name: '个体工商户' },
  { id: 'cooperative', name: '农民专业合作社' },
]
export const STATUSES = [
  { id: 'active', name: '存续' },
  { id: 'suspended', name: '歇业' },
  { id: 'deregistered', name: '注销' },
  { id: 'revoked', name: '吊销' },
]
