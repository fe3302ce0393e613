// SPDX-License-Identifier: MulanPSL-2.0
// Browser tests of the web UI: Debian's chromium, driven by playwright-core,
// against a real `amr serve --demo` on a temporary SQLite store and a free port.
//
//   node tests/e2e/run.mjs --amr build/amr [--out build/e2e] [--only portal_search]
//
// Each test (tests/e2e/*.test.mjs) gets a fresh browser context and saves
// screenshots under --out. Every screenshot also checks the page (a11y.mjs):
// no serious or critical axe-core violation, no sideways scroll, no text under
// 14px. No test sleeps: each waits for an element, a response or a download.
// Exit status 0 when every test passed.
import { spawn, spawnSync } from 'node:child_process'
import {
  createWriteStream, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { checkPage, settled } from './a11y.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '..', '..')
const webDir = join(root, 'web')

// The demo county's password (docs/security.md) and the administrator's, set at first start.
export const DEMO_PASSWORD = 'Xihu-Demo-2026'
export const ADMIN_PASSWORD = 'E2e-Root-pass-2026'

function args() {
  const out = { amr: join(root, 'build', 'amr'), out: join(root, 'build', 'e2e'), only: [] }
  const argv = process.argv.slice(2)
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--amr') out.amr = resolve(argv[++i])
    else if (argv[i] === '--out') out.out = resolve(argv[++i])
    else if (argv[i] === '--only') out.only.push(argv[++i])
    else throw new Error(`unknown argument ${argv[i]}`)
  }
  return out
}

function findChromium() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM
  const r = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
    encoding: 'utf8',
  })
  const path = r.stdout.trim().split('\n')[0]
  if (!path) throw new Error('chromium not found: install it (scripts/bootstrap) or set CHROMIUM')
  return path
}

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => ok(port))
    })
  })
}

// Starts `amr serve --demo` and resolves once it logs that it has started
// (or rejects when the process ends first).
async function startServer(amr, dir, logPath) {
  const port = await freePort()
  const log = createWriteStream(logPath)
  const child = spawn(
    amr,
    ['serve', '--db', `sqlite:${join(dir, 'amr.db')}`, '--listen', `127.0.0.1:${port}`, '--demo',
      // Every test logs in from the same address: lift the per-address login limit.
      '--login-burst', '1000',
      '--web', join(webDir, 'dist')],
    { env: { ...process.env, AMR_ADMIN_PASSWORD: ADMIN_PASSWORD }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let exited = null
  const ended = new Promise((ok) => child.once('exit', (code) => { exited = code; ok() }))
  const started = new Promise((ok, fail) => {
    let seen = ''
    const watch = (chunk) => {
      log.write(chunk)
      seen += chunk.toString('utf8')
      if (seen.includes('OpenAMR 已启动')) ok()
    }
    child.stdout.on('data', watch)
    child.stderr.on('data', watch)
    ended.then(() => fail(new Error(`amr serve exited with ${exited}; see ${logPath}`)))
  })
  await started
  const base = `http://127.0.0.1:${port}`
  // Tests that need what the server logged (the demo's SMS codes) read it here.
  const logText = () => new Promise((ok) => log.write('', () => ok(readFileSync(logPath, 'utf8'))))
  const health = await fetch(`${base}/healthz`)
  if (!health.ok) throw new Error(`amr serve is not healthy: HTTP ${health.status}`)
  return {
    base,
    logText,
    async stop() {
      if (exited === null) {
        child.kill('SIGTERM')
        await ended
      }
      log.end()
    },
  }
}

// A few checks with messages that say what was expected.
export const check = {
  equal(actual, expected, what) {
    const a = JSON.stringify(actual)
    const e = JSON.stringify(expected)
    if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`)
  },
  ok(value, what) {
    if (!value) throw new Error(`${what}: not true`)
  },
  includes(haystack, needle, what) {
    if (!haystack.includes(needle)) throw new Error(`${what}: ${JSON.stringify(needle)} missing`)
  },
}

// Logs a user in through the login page and waits for the workbench.
export async function loginAs(page, base, username, password) {
  await page.goto(`${base}/workbench`)
  await page.waitForURL(/\/login/)
  await page.fill('[data-test="username"]', username)
  await page.fill('[data-test="password"]', password)
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me') && r.ok()),
    page.press('[data-test="password"]', 'Enter'),
  ])
  await page.waitForSelector('[data-test="welcome"]')
}

// Opens the workbench menu's entry `title`: on a phone (the menu is a drawer) through the header's
// menu button first.
export async function menuTo(page, title) {
  const button = page.locator('[data-test="menu-button"]')
  if (await button.isVisible()) {
    await button.click()
    await page.locator('[data-test="menu-drawer"]').waitFor({ state: 'visible' })
  }
  await page.click(`[data-test="menu"] .el-menu-item:has-text("${title}")`)
}

async function main() {
  const opts = args()
  mkdirSync(opts.out, { recursive: true })
  const require = createRequire(join(webDir, 'package.json'))
  const { buildIfStale } = await import(pathToFileURL(join(webDir, 'scripts', 'build-if-stale.mjs')))
  if (!buildIfStale()) throw new Error('building web/dist failed')
  const { chromium } = require('playwright-core')

  let files = readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort()
  if (opts.only.length) files = files.filter((f) => opts.only.includes(basename(f, '.test.mjs')))
  if (!files.length) throw new Error(`no test matches ${opts.only.join(', ')}`)

  const dir = mkdtempSync(join(tmpdir(), 'amr-e2e-'))
  const tag = opts.only.length === 1 ? opts.only[0] : 'all'
  const server = await startServer(opts.amr, dir, join(opts.out, `server-${tag}.log`))
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true })
  let failed = 0
  try {
    for (const file of files) {
      const name = basename(file, '.test.mjs')
      const test = await import(pathToFileURL(join(here, file)))
      // A test of a screen this build leaves out (web/src/modules/*/features.js) says why.
      if (test.skip) {
        console.log(`SKIP ${name}: ${test.skip}`)
        continue
      }
      // A test that fails is run once more in a fresh browser context and
      // reported as FLAKY with its first error when the second run passes, so
      // a slow machine does not fail the suite but the flake stays visible.
      let firstError = null
      for (let attempt = 1; attempt <= 2; attempt++) {
      const context = await browser.newContext({
        locale: 'zh-CN',
        // The bureau's users are in China: the browser's "today" is the China
        // date the server counts in, whatever the test machine's zone.
        timezoneId: 'Asia/Shanghai',
        viewport: { width: 1366, height: 900 },
        acceptDownloads: true,
      })
      const page = await context.newPage()
      page.setDefaultTimeout(30000)
      const errors = []
      page.on('pageerror', (e) => errors.push(e.message))
      const photo = (label) =>
        page.screenshot({ path: join(opts.out, `${label}.png`), fullPage: true })
      // The settled page, photographed, then checked (a11y.mjs): accessible, no wider than the
      // window, no text under 14px.
      const shot = async (label) => {
        await settled(page)
        await photo(label)
        await checkPage(page, label)
      }
      const started = Date.now()
      let passed = false
      try {
        await test.default({
          page, base: server.base, shot, out: opts.out, check, attempt, serverLog: server.logText,
        })
        if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`)
        passed = true
        if (firstError) {
          console.log(`FLAKY ${name} (${Date.now() - started} ms): passed on the second run; first: ${firstError}`)
        } else {
          console.log(`PASS ${name} (${Date.now() - started} ms)`)
        }
      } catch (e) {
        await photo(`${name}-failure-${attempt}`).catch(() => {})
        if (attempt === 2) {
          failed++
          console.log(`FAIL ${name}: ${e.message} (first: ${firstError})`)
        } else {
          firstError = e.message
          console.log(`RETRY ${name}: ${e.message}`)
        }
      } finally {
        await context.close()
      }
      if (passed) break
      }
    }
  } finally {
    await browser.close()
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  return failed === 0
}

if (fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().then(
    (ok) => process.exit(ok ? 0 : 1),
    (e) => {
      console.error(`e2e: ${e.message}`)
      process.exit(1)
    },
  )
}
