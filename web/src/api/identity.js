// SPDX-License-Identifier: MulanPSL-2.0
// Login, users and org units (src/identity/*_routes.cc, docs/api.md).
import { get, post, put } from './client.js'

// → {token, expires_at, must_change_password, user}
export const login = (username, password) => post('/auth/login', { username, password })
export const logout = () => post('/auth/logout', {})
// → {id, username, display_name, kind, org_unit_id, roles: [{role, role_name, org_unit}], permissions}
export const me = () => get('/auth/me')
export const changePassword = (currentPassword, newPassword) =>
  post('/auth/password', { current_password: currentPassword, new_password: newPassword })

// {org_unit_id, q, limit, offset} → {total, items}
export const listUsers = (query) => get('/users', query)
export const getUser = (id) => get(`/users/${id}`)
export const createUser = (user) => post('/users', user)
export const setUserRoles = (id, roles) => put(`/users/${id}/roles`, { roles })
export const unlockUser = (id) => post(`/users/${id}/unlock`, {})

// {parent_id} → {items: [{id, parent_id, code, name, kind, region_code, depth}]}
export const listOrgUnits = (query) => get('/org-units', query)

export const ROLES = [
  { id: 'applicant', name: '申请人' },
  { id: 'window_clerk', name: '窗口受理员' },
  { id: 'registrar', name: '注册官' },
  { id: 'inspector', name: '执法人员' },
  { id: 'department_officer', name: '部门经办人' },
  { id: 'leader', name: '领导' },
  { id: 'admin', name: '系统管理员' },
  { id: 'auditor', name: '审计员' },
]

// Self-registration of applicants: a code to the phone, then the code back.
export const startSignup = (form) => post('/applicants', form)
export const verifySignup = (phone, code) => post('/applicants/verify', { phone, code })

// 待办 beside the menu: {counts: {"/workbench/review": 3, …}}.
export const todoCounts = () => get('/workbench/todo')
