// SPDX-License-Identifier: MulanPSL-2.0
// Builds web/dist when it is missing or older than any source of the web UI;
// otherwise returns at once. Used by `make` (target web) and the browser tests.
//   node web/scripts/build-if-stale.mjs
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const webDir = join(dirname(fileURLToPath(import.meta.url)), '..')

function newestIn(path) {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs // a deleted file changes its folder
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestIn(join(path, entry)))
  return newest
}

export function isStale() {
  const built = join(webDir, 'dist', 'index.html')
  if (!existsSync(built)) return true
  const sources = ['src', 'public', 'index.html', 'vite.config.js', 'package.json', 'package-lock.json']
  const newest = Math.max(...sources.map((s) => newestIn(join(webDir, s))))
  return newest > statSync(built).mtimeMs
}

export function buildIfStale() {
  if (!isStale()) return true
  if (!existsSync(join(webDir, 'node_modules'))) {
    console.error('web: node_modules is missing; run scripts/bootstrap (npm ci in web/) first')
    return false
  }
  console.log('web: building web/dist')
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: webDir, stdio: 'inherit' })
  return r.status === 0
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(buildIfStale() ? 0 : 1)
}
