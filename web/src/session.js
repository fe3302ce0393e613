// SPDX-License-Identifier: MulanPSL-2.0
// The logged-in user: who it is, its roles and permissions (GET /auth/me).
// Screens ask `can('users.read')` rather than checking role names, so a menu
// follows the permission table in src/identity/roles.cc.
import { reactive } from 'vue'
import * as identity from './api/identity.js'
import { getToken, setToken, setUnauthenticatedHandler } from './api/client.js'

export const session = reactive({
  user: null, // the answer of GET /auth/me
  loaded: false,
})

export function isLoggedIn() {
  return session.user !== null
}

export function can(permission) {
  if (!permission) return true
  if (!session.user) return false
  if (permission === 'authenticated') return true
  return (session.user.permissions || []).includes(permission)
}

export function mustChangePassword() {
  return !!(session.user && session.user.must_change_password)
}

// Loads the user of the stored token once per page load (or again on demand).
export async function loadSession(force = false) {
  if (session.loaded && !force) return session.user
  session.loaded = true
  if (!getToken()) {
    session.user = null
    return null
  }
  try {
    session.user = await identity.me()
  } catch {
    setToken('')
    session.user = null
  }
  return session.user
}

export async function login(username, password) {
  const res = await identity.login(username, password)
  setToken(res.token)
  session.loaded = false
  await loadSession(true)
  return res
}

export async function logout() {
  try {
    if (getToken()) await identity.logout()
  } catch {
    // The session may have ended already; forget it either way.
  }
  setToken('')
  session.user = null
}

export function installSessionExpiry(router) {
  setUnauthenticatedHandler(() => {
    setToken('')
    session.user = null
    const here = router.currentRoute.value
    if (here.path.startsWith('/workbench') && here.name !== 'login') {
      router.push({ name: 'login', query: { next: here.fullPath, expired: '1' } })
    }
  })
}
