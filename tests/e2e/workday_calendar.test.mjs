// SPDX-License-Identifier: MulanPSL-2.0
// The working-day calendar on the real data (2004–2026 shipped, so 2027 is
// provisional): an applicant's 容缺 material due in 2027 is shown as 暂定; the
// platform administrator, reminded by the banner, imports 2027 from a file in
// the workbench, sees it on the month grid, saves it, and the deadline that
// counted 1 January as a working day moves and is no longer provisional.
//
// The file lists only 元旦 on 2027-01-01, fixed by law (全国年节及纪念日放假办法
// Art. 2): test input for the entry, not the State Council's notice. This test
// runs last in the suite (its name sorts last) because it enters 2027.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { ADMIN_PASSWORD, DEMO_PASSWORD, loginAs } from './run.mjs'

const api = async (base, path, { token, method = 'GET', body } = {}) => {
  const headers = { 'Content-Type': 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  if (method !== 'GET') headers['Idempotency-Key'] = `${path}-${Date.now()}-${Math.random()}`
  const r = await fetch(base + '/api/v1' + path, { method, headers, body: body && JSON.stringify(body) })
  return { status: r.status, json: await r.json().catch(() => null) }
}

export default async function ({ page, base, shot, check }) {
  const years = (await api(base, '/calendar/years')).json
  check.equal(years.last_year, 2026, 'the shipped calendar ends with 2026')
  check.equal(years.provisional_year, 2027, '2027 is provisional')

  // A 容缺 application today: its material is due 20 working days later.
  const login = await api(base, '/auth/login', {
    method: 'POST', body: { username: 'demo-applicant-02', password: DEMO_PASSWORD },
  })
  const token = login.json.token
  const app = await api(base, '/establishments', {
    token, method: 'POST',
    body: {
      // A company: its officers' appointment may follow (容缺, data/establishment/materials.csv).
      kind: '有限责任公司', name: '杭州西湖历日科技有限公司',
      legal_rep: { name: '张三', citizen_id: '11010519491231002X' },
      investors: [{ name: '张三', citizen_id: '11010519491231002X', subscribed_capital: 500000 }],
      registered_capital: 500000,
      address: '浙江省杭州市西湖区古荡新村 12 幢 1 号', address_commitment: true,
      scope: ['G04'], region_code: '330106', industry_code: '65',
      materials: ['application_form', 'legal_rep_id', 'articles', 'investor_ids', 'address_commitment'],
      deferred_materials: ['officer_appointment'], deferral_commitment: true,
      options: { seal: { kinds: ['公章'] } },
    },
  })
  check.ok(app.status === 201 || app.status === 200,
    `a 容缺 application is accepted (${app.status} ${JSON.stringify(app.json?.error ?? '')})`)
  const dueBefore = app.json.deferred_materials?.[0]?.due_on
  const counted = await api(base, `/calendar/workdays?from=${years.today}&add=20`)
  check.equal(dueBefore, counted.json.date, 'the material is due 20 working days after today')
  const crossesNewYear = years.today < '2027-01-01' && dueBefore >= '2027-01-01'

  // The administrator: the banner from 1 October, and the calendar page.
  await loginAs(page, base, 'admin', ADMIN_PASSWORD)
  if (years.today >= '2026-10-01') {
    await page.locator('[data-test="calendar-banner"]').waitFor()
    check.includes(await page.locator('[data-test="calendar-banner"]').innerText(), '2027',
      'the banner names the missing year')
  }
  await page.click('[data-test="menu"] .el-menu-item:has-text("工作日历")')
  await page.locator('[data-test="month-grid"]').waitFor()
  check.includes(await page.locator('[data-test="year-status"]').innerText(), '暂按周一至周五',
    'the provisional year says how it is counted')
  // 2027-01-01, a Friday, is a working day until the year is entered.
  const newYear = page.locator('[data-date="2027-01-01"]')
  check.includes((await newYear.getAttribute('aria-label')) || '', '工作日', '元旦 is not yet off')

  const file = join(tmpdir(), `amr-e2e-2027-${process.pid}.csv`)
  writeFileSync(file, 'date,kind,name\n2027-01-01,holiday,元旦\n')
  await page.setInputFiles('[data-test="calendar-file"]', file)
  check.includes(await page.locator('[data-test="file-note"]').innerText(), '已读入 1 个日期', 'the file is read')
  check.includes((await newYear.getAttribute('aria-label')) || '', '放假', 'the grid shows 元旦 off')
  // el-input puts data-test on the <input> itself.
  await page.fill('input[data-test="notice"], [data-test="notice"] input', '浏览器测试录入')
  await shot('calendar-2027-before-save')
  const [saved] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/calendar/years/2027') && r.request().method() === 'PUT'),
    page.click('[data-test="save-year"]'),
  ])
  check.equal(saved.status(), 201, 'the year is entered')
  const result = await saved.json()
  await page.locator('[data-test="save-result"]').waitFor()
  check.includes(await page.locator('[data-test="save-result"]').innerText(), '已保存 2027 年第 1 版',
    'the administrator sees what was saved')
  if (crossesNewYear) {
    check.ok(result.recomputation.moved >= 1, 'the deadline counted through 元旦 moved')
    await page.locator('[data-test="moved-table"]').waitFor()
  }
  await shot('calendar-2027-saved')

  const after = (await api(base, '/calendar/years')).json
  check.equal(after.last_year, 2027, '2027 is entered')
  check.equal(after.provisional_year, 2028, '2028 is provisional now')
  const appAfter = await api(base, `/establishments/${app.json.id}`, { token })
  const dueAfter = appAfter.json.deferred_materials?.[0]?.due_on
  const recounted = await api(base, `/calendar/workdays?from=${years.today}&add=20`)
  check.equal(dueAfter, recounted.json.date, 'the material is due on the recounted date')
  if (crossesNewYear) check.ok(dueAfter > dueBefore, `the due date moved later (${dueBefore} → ${dueAfter})`)
}
