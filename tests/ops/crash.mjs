// SPDX-License-Identifier: MulanPSL-2.0
// Crash safety, measured: `amr serve` under concurrent writes (企业开办 by the
// demo applicants, each 秒批 business then changing its address) is killed
// with SIGKILL at random moments, several rounds, and restarted. Afterwards:
//   - every write answered 2xx is present (none lost);
//   - nothing half-done: every registered application has its entity, its
//     licence and its department steps; every acknowledged change is in the
//     entity's history;
//   - `amr audit verify` passes;
//   - outbox events and timers neither lost (each registered application has
//     its events) nor doubled (one event per fact).
// A write whose answer was lost to the kill is retried with the same
// Idempotency-Key, as a client would: it must not create a second record.
//
//   node tests/ops/crash.mjs --amr build/amr --backend sqlite|postgresql
//        [--rounds 6] [--seed N] [--json]
// PostgreSQL uses a new database on AMR_TEST_PG_URL. Prints the figures
// (rounds, writes acknowledged, writes lost) and exits non-zero on any loss.
import { spawn, spawnSync } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const PASSWORD = 'Xihu-Demo-2026'  // identity::kDemoPassword (demo data only)
// The demo applicants (demo::kDemoApplicants): each files for a business it
// runs itself, so the licence is theirs (电子营业执照: the holder is the operator).
const APPLICANTS = [
  { username: 'demo-applicant-01', name: '演示申请人1', citizen_id: '33010619800315001X' },
  { username: 'demo-applicant-02', name: '演示申请人2', citizen_id: '330106198507220122' },
  { username: 'demo-applicant-03', name: '演示申请人3', citizen_id: '330102199011080233' },
]
// 字号 characters: two of them per name, unique per writer and sequence.
const CHARS = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土春夏秋冬梅兰竹菊松柏桃李杏'

function args() {
  const a = process.argv.slice(2)
  const get = (name, fallback) => {
    const i = a.indexOf(`--${name}`)
    return i >= 0 ? a[i + 1] : fallback
  }
  return {
    amr: get('amr', 'build/amr'),
    backend: get('backend', 'sqlite'),
    rounds: Number(get('rounds', '6')),
    seed: Number(get('seed', String(Date.now() % 100000))),
    json: a.includes('--json'),
  }
}

// A small deterministic generator, so a failing run can be repeated (--seed).
function rng(seed) {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 4294967296
  }
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms))

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

class Server {
  constructor(amr, db, logDir) {
    this.amr = amr
    this.db = db
    this.logDir = logDir
    this.starts = 0
    this.child = null
    this.base = null
  }
  async start() {
    const port = await freePort()
    this.starts++
    const log = createWriteStream(join(this.logDir, `serve-${this.starts}.log`))
    const child = spawn(this.amr, ['serve', '--db', this.db, '--listen', `127.0.0.1:${port}`,
      '--demo', '--login-burst', '1000', '--scheduler-interval', '0.5'],
    { env: { ...process.env, AMR_ADMIN_PASSWORD: 'Crash-test-root-2026' }, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.pipe(log)
    child.stderr.pipe(log)
    this.child = child
    const exited = new Promise((ok) => child.once('exit', ok))
    this.exited = exited
    const base = `http://127.0.0.1:${port}`
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`amr serve exited (${child.exitCode}); see ${this.logDir}`)
      try {
        const r = await fetch(`${base}/readyz`)
        if (r.ok) {
          this.base = base
          return
        }
      } catch {
        // not listening yet
      }
      await sleep(100)
    }
    throw new Error('amr serve did not become ready')
  }
  async kill() {
    this.base = null
    this.child.kill('SIGKILL')
    await this.exited
  }
  async stop() {
    this.base = null
    this.child.kill('SIGTERM')
    await this.exited
  }
}

async function call(server, method, path, { token, body, key } = {}) {
  const base = server.base
  if (!base) throw new Error('down')
  const headers = { Accept: 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (key) headers['Idempotency-Key'] = key
  const r = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await r.text()
  let json = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = null
  }
  return { status: r.status, json }
}

function form(name, operator) {
  return {
    kind: '个体工商户',
    name,
    legal_rep: { name: operator.name, citizen_id: operator.citizen_id },
    address: '浙江省杭州市西湖区古荡新村 12 幢 1 号',
    address_commitment: true,
    scope: ['G01', 'G03'],
    region_code: '330106',
    industry_code: '52',
    materials: ['application_form', 'legal_rep_id', 'address_commitment'],
    options: { tax: { invoice_kinds: ['全面数字化的电子发票'], tax_ukey: false } },
  }
}

// One client: submits, retries a lost answer with the same key, records what
// was acknowledged.
async function writer(server, index, random, acked, stats, stop) {
  const applicant = APPLICANTS[index]
  const username = applicant.username
  let token = null
  let seq = 0
  // Retries `send` (same key) until an answer arrives or the run ends.
  const until = async (send) => {
    for (;;) {
      if (stop.now && stop.hard) return null
      try {
        if (!token) {
          const login = await call(server, 'POST', '/api/v1/auth/login', { body: { username, password: PASSWORD } })
          if (login.status !== 200) throw new Error(`login ${login.status}`)
          token = login.json.token
        }
        const r = await send(token)
        if (r.status === 401) {
          token = null
          continue
        }
        return r
      } catch {
        stats.retries++
        await sleep(50)
      }
    }
  }
  while (!stop.now) {
    seq++
    const n = index * 10000 + seq
    const name = `西湖区${CHARS[n % CHARS.length]}${CHARS[Math.floor(n / CHARS.length) % CHARS.length]}${CHARS[Math.floor(n / CHARS.length / CHARS.length) % CHARS.length]}百货店`
    const key = `crash-${index}-${seq}-${Math.floor(random() * 1e9)}`
    const r = await until((t) => call(server, 'POST', '/api/v1/establishments', { token: t, body: form(name, applicant), key }))
    if (!r) break
    stats.sent++
    if (r.status < 200 || r.status >= 300) {
      stats.refused[r.status] = (stats.refused[r.status] || 0) + 1
      continue
    }
    const app = r.json
    acked.establishments.set(app.id, { username, key, name, uscc: app.uscc })
    if (!app.uscc || random() < 0.4) continue
    const change = { address: `浙江省杭州市西湖区文三路 ${seq} 号`, address_commitment: true }
    const ckey = `${key}-change`
    const c = await until((t) => call(server, 'POST', `/api/v1/entities/${app.uscc}/changes`, { token: t, body: change, key: ckey }))
    if (!c) break
    if (c.status >= 200 && c.status < 300) {
      acked.changes.set(c.json.id, { username, uscc: app.uscc, address: change.address })
    } else {
      stats.refused[`change ${c.status}`] = (stats.refused[`change ${c.status}`] || 0) + 1
    }
  }
}

function sqlRunner(backend, db) {
  if (backend === 'sqlite') {
    return (sql) => {
      const r = spawnSync('sqlite3', [db.slice('sqlite:'.length), sql], { encoding: 'utf8' })
      if (r.status !== 0) throw new Error(r.stderr)
      return r.stdout.trim()
    }
  }
  return (sql) => {
    const r = spawnSync('psql', ['-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', db, '-c', sql], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(r.stderr)
    return r.stdout.trim()
  }
}

async function main() {
  const opts = args()
  const random = rng(opts.seed)
  const dir = mkdtempSync(join(tmpdir(), 'amr-crash-'))
  let db
  let dropDb = null
  if (opts.backend === 'postgresql') {
    const admin = process.env.AMR_TEST_PG_URL
    if (!admin) throw new Error('AMR_TEST_PG_URL is not set')
    const name = `amr_crash_${process.pid}`
    spawnSync('psql', ['-q', admin, '-c', `CREATE DATABASE ${name}`], { stdio: 'inherit' })
    db = `${admin.slice(0, admin.lastIndexOf('/'))}/${name}`
    dropDb = () => spawnSync('psql', ['-q', admin, '-c', `DROP DATABASE ${name} WITH (FORCE)`])
  } else {
    db = `sqlite:${join(dir, 'amr.db')}`
  }
  const server = new Server(opts.amr, db, dir)
  const acked = { establishments: new Map(), changes: new Map() }
  const stats = { sent: 0, retries: 0, refused: {}, kills: 0 }
  const failures = []
  try {
    await server.start()
    const stop = { now: false, hard: false }
    const writers = APPLICANTS.map((_, i) => writer(server, i, random, acked, stats, stop))
    for (let round = 0; round < opts.rounds; round++) {
      await sleep(1500 + random() * 2500)
      await server.kill()
      stats.kills++
      await server.start()
    }
    await sleep(1500)
    stop.now = true
    await Promise.all(writers)
    await server.stop()
    await server.start()  // once more: what a restart finds

    const sql = sqlRunner(opts.backend, db)
    // 1. Every acknowledged application, as its applicant sees it.
    const tokens = {}
    for (const { username } of APPLICANTS) {
      tokens[username] = (await call(server, 'POST', '/api/v1/auth/login', { body: { username, password: PASSWORD } })).json.token
    }
    let lost = 0
    // The store's view in a few queries (one row per line: "a|b|c").
    const rows = (query) => sql(query).split('\n').filter(Boolean).map((l) => l.split('|'))
    const apps = new Map(rows(
      "SELECT a.id, a.name, COALESCE(a.uscc, ''), (SELECT COUNT(*) FROM entity e WHERE e.uscc = a.uscc), " +
      '(SELECT COUNT(*) FROM license l WHERE l.uscc = a.uscc), ' +
      '(SELECT COUNT(*) FROM establishment_step s WHERE s.application_id = a.id) ' +
      'FROM establishment_application a').map(([id, ...rest]) => [Number(id), rest]))
    for (const [id, a] of acked.establishments) {
      const got = apps.get(Number(id))
      if (!got || got[0] !== a.name) {
        lost++
        failures.push(`application ${id} (${a.name}) acknowledged but not in the store`)
        continue
      }
      const [, uscc, entities, licences, steps] = got
      if (a.uscc && (uscc !== a.uscc || entities !== '1' || Number(licences) < 1 || Number(steps) < 2)) {
        failures.push(`application ${id}: half done (entity ${entities}, licences ${licences}, steps ${steps})`)
      }
    }
    // Its applicant still sees one of them through the API.
    const [someId, some] = [...acked.establishments][0] || []
    if (someId) {
      const r = await call(server, 'GET', `/api/v1/establishments/${someId}`, { token: tokens[some.username] })
      if (r.status !== 200) failures.push(`GET /api/v1/establishments/${someId}: ${r.status}`)
    }
    // Changes: in the store as acknowledged, and, when effective, in the
    // entity's registered history.
    const changes = new Map(rows(
      "SELECT c.id, c.uscc, c.state, (SELECT COUNT(*) FROM entity_version v WHERE v.change_id = c.id) " +
      'FROM entity_change c').map(([id, ...rest]) => [Number(id), rest]))
    for (const [id, c] of acked.changes) {
      const got = changes.get(Number(id))
      if (!got || got[0] !== c.uscc) {
        lost++
        failures.push(`change ${id} of ${c.uscc} acknowledged but not in the store`)
        continue
      }
      if (got[1] === 'effective' && got[2] !== '1') {
        failures.push(`change ${id} of ${c.uscc} effective but ${got[2]} versions`)
      }
    }
    // 2. No second record for a retried key.
    const dupNames = sql('SELECT COUNT(*) FROM (SELECT name FROM establishment_application GROUP BY name HAVING COUNT(*) > 1) d')
    if (dupNames !== '0') failures.push(`${dupNames} names were submitted twice (a retry created a record)`)
    // 3. Outbox: each registered application's dispatch events, once each.
    const registered = Number(sql("SELECT COUNT(*) FROM establishment_application WHERE uscc IS NOT NULL AND uscc <> ''"))
    const withoutEvents = sql("SELECT COUNT(*) FROM establishment_application a WHERE a.uscc IS NOT NULL AND a.uscc <> '' AND NOT EXISTS (SELECT 1 FROM outbox_event e WHERE e.payload LIKE '%' || a.uscc || '%')")
    if (withoutEvents !== '0') failures.push(`${withoutEvents} registered applications have no outbox event`)
    const doubled = sql('SELECT COUNT(*) FROM (SELECT dedupe_key FROM outbox_event GROUP BY dedupe_key HAVING COUNT(*) > 1) d')
    if (doubled !== '0') failures.push(`${doubled} outbox facts were enqueued twice`)
    const timersDoubled = sql('SELECT COUNT(*) FROM (SELECT kind, key FROM scheduled_timer GROUP BY kind, key HAVING COUNT(*) > 1) d')
    if (timersDoubled !== '0') failures.push(`${timersDoubled} timers exist twice`)
    await server.stop()
    // 4. The audit chain.
    const verify = spawnSync(opts.amr, ['audit', 'verify', '--db', db], { encoding: 'utf8' })
    if (verify.status !== 0) failures.push(`amr audit verify: ${verify.stdout}${verify.stderr}`)

    const figures = {
      backend: opts.backend,
      seed: opts.seed,
      rounds: opts.rounds,
      kills: stats.kills,
      writes_sent: stats.sent,
      writes_acknowledged: acked.establishments.size + acked.changes.size,
      establishments_acknowledged: acked.establishments.size,
      changes_acknowledged: acked.changes.size,
      registered_in_store: registered,
      writes_lost: lost,
      retries_after_kill: stats.retries,
      refused: stats.refused,
      audit: verify.stdout.trim(),
      failures,
    }
    console.log(opts.json ? JSON.stringify(figures) : figures)
    if (failures.length || acked.establishments.size === 0) process.exitCode = 1
  } catch (e) {
    console.error(e)
    process.exitCode = 1
  } finally {
    if (server.child && server.child.exitCode === null) server.child.kill('SIGKILL')
    if (dropDb) dropDb()
    if (process.exitCode) {
      console.error(`logs kept in ${dir}`)
    } else {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

main()
