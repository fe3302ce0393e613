// SPDX-License-Identifier: MulanPSL-2.0
// On a phone (390×844 px): the workbench's menu is a drawer behind a button of the header, which
// the keyboard reaches and Escape closes; the page takes the whole width. The portal (home, search,
// licence verification, notice board), an applicant's 企业开办 form, its progress and its licence's
// QR code, and an inspector's search, tasks and result entry all fit the screen. Every screenshot
// also checks the page (run.mjs: no sideways scroll, no text under 14px, no serious axe violation).
import { noSideScroll, settled } from './a11y.mjs'
import { ensureDrawnTask, visitsByInspector } from './inspection_data.mjs'
import { field } from './establishment_helpers.mjs'
import { applySimplified, registerBusiness } from './lifecycle_helpers.mjs'
import { DEMO_PASSWORD, loginAs } from './run.mjs'

const PHONE = { width: 390, height: 844 }

// The page's content spans the screen (no sidebar beside it) and nothing scrolls sideways.
async function fitsPhone(page, check, what) {
  const m = await page.evaluate(() => ({
    main: document.querySelector('#main').getBoundingClientRect().width,
    inner: window.innerWidth,
  }))
  check.equal(m.inner, PHONE.width, `${what}: the window is a phone's`)
  check.ok(m.main >= m.inner - 1, `${what}: the page takes the whole width (${m.main} of ${m.inner} px)`)
  await noSideScroll(page, what)
}

// The box of `locator` lies within the screen's width.
async function onScreen(locator, check, what) {
  const box = await locator.boundingBox()
  check.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width,
    `${what} within the screen (${box && `${Math.round(box.x)}–${Math.round(box.x + box.width)}`} px)`)
}

const drawerOpen = async (page) =>
  (await page.locator('[data-test="menu-button"]').getAttribute('aria-expanded')) === 'true' &&
  page.locator('[data-test="menu"]').isVisible()

// Opens the drawer with a tap on the menu button and picks `title`; the drawer closes.
async function viaDrawer(page, check, title) {
  await page.click('[data-test="menu-button"]')
  const item = page.locator('[data-test="menu"] .el-menu-item', { hasText: title })
  await item.waitFor({ state: 'visible' })
  await item.click()
  await page.locator('[data-test="menu"]').waitFor({ state: 'hidden' })
  check.equal(await page.locator('[data-test="menu-button"]').getAttribute('aria-expanded'), 'false',
    `the drawer closes once ${title} is chosen`)
}

async function logout(page) {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout')),
    page.click('[data-test="logout"]'),
  ])
  await page.waitForURL(/\/login/)
}

export default async function ({ page, base, shot, check, attempt = 1 }) {
  await page.setViewportSize(PHONE)

  // The public portal.
  await page.goto(base)
  await page.locator('[data-test="entry-/disclosure"]').waitFor()
  await fitsPhone(page, check, 'the portal home')
  await shot('phone-portal-home')

  const entity = (await (await fetch(`${base}/api/v1/entities?limit=1`)).json()).items[0]
  await page.click('[data-test="entry-/disclosure"]')
  await page.fill('[data-test="search-input"]', entity.name)
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/entities?') && r.ok()),
    page.press('[data-test="search-input"]', 'Enter'),
  ])
  await page.locator(`[data-test="entity-link-${entity.uscc}"]`).waitFor()
  await fitsPhone(page, check, 'the search results')
  await onScreen(page.locator('[data-test="result-table"]'), check, 'the result table')
  await shot('phone-portal-search')

  await page.goto(`${base}/license`)
  await page.locator('[data-test="license-file"]').waitFor({ state: 'attached' })
  await fitsPhone(page, check, 'the licence verification')
  await shot('phone-license-verify')

  // An applicant with a business of its own (秒批), its licence and its application.
  const zihao = ['云栖掌灯', '龙井晨露'][attempt - 1]
  const biz = await registerBusiness(base, {
    username: `e2e-phone-${attempt}`, name: `杭州西湖${zihao}科技有限公司`,
  })
  await loginAs(page, base, biz.username, biz.password)
  await fitsPhone(page, check, 'the workbench home')

  // The menu: hidden beside the page, behind a button the keyboard reaches after the skip link.
  const button = page.locator('[data-test="menu-button"]')
  check.ok(await button.isVisible(), 'the header has a menu button')
  check.equal(await button.getAttribute('aria-label'), '业务菜单', 'the button says what it opens')
  check.ok(!(await page.locator('[data-test="menu"]').isVisible()), 'the menu is hidden until asked for')
  await onScreen(page.locator('[data-test="logout"]'), check, 'the logout button')
  await shot('phone-workbench-home')
  await page.locator('a.skip-link').focus()
  await page.keyboard.press('Tab')
  check.ok(await button.evaluate((b) => b === document.activeElement), 'Tab reaches the menu button')
  await page.keyboard.press('Enter')
  await page.locator('[data-test="menu"]').waitFor({ state: 'visible' })
  check.ok(await drawerOpen(page), 'Enter opens the drawer')
  check.ok(await page.evaluate(() => document.querySelector('[data-test="menu-drawer"]').contains(document.activeElement)),
    'the focus moves into the drawer')
  await settled(page)
  await onScreen(page.locator('[data-test="menu-drawer"]'), check, 'the drawer')
  await shot('phone-menu-open')
  await page.keyboard.press('Escape')
  await page.locator('[data-test="menu"]').waitFor({ state: 'hidden' })
  check.equal(await button.getAttribute('aria-expanded'), 'false', 'Escape closes the drawer')
  check.ok(await button.evaluate((b) => b === document.activeElement), 'and gives the focus back to the button')
  // A tap beside the drawer closes it too.
  await button.click()
  await page.locator('[data-test="menu"]').waitFor({ state: 'visible' })
  await page.mouse.click(PHONE.width - 20, PHONE.height / 2)
  await page.locator('[data-test="menu"]').waitFor({ state: 'hidden' })

  // Its licence: the dynamic QR code fits the screen.
  await viaDrawer(page, check, '我的电子营业执照')
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/licenses/${biz.uscc}`) && r.ok()),
    page.click(`[data-test="my-entity-${biz.uscc}"]`),
  ])
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/licenses/${biz.uscc}/qr`) && r.status() === 201),
    page.click('[data-test="make-qr"]'),
  ])
  const qr = page.locator('[data-test="qr-image"]')
  await qr.waitFor()
  await onScreen(qr, check, 'the QR code')
  check.ok((await qr.boundingBox()).width >= 200, 'the QR code stays large enough to scan')
  await onScreen(page.locator('[data-test="qr-url"]'), check, 'the verification address')
  await fitsPhone(page, check, 'the licence page')
  await shot('phone-license-qr')

  // The one form of 企业开办 and the progress of its own application.
  await page.goto(`${base}/establishment`)
  await page.locator(field('apply-name')).waitFor()
  await page.fill(field('apply-name'), '杭州西湖云栖试填科技有限公司')
  await page.click('[data-test="add-investor"]')
  await page.locator(field('inv-name-1')).waitFor()
  await fitsPhone(page, check, 'the 企业开办 form')
  await onScreen(page.locator('[data-test="materials-table"]'), check, 'the materials')
  await onScreen(page.locator('[data-test^="material-"] .el-radio', { hasText: '已提交' }).first(), check,
    'a material\'s 已提交')
  await onScreen(page.locator('[data-test="submit-button"]'), check, 'the submit button')
  await shot('phone-establishment-form')

  const appId = biz.application
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/establishments/${appId}`) && r.ok()),
    page.goto(`${base}/progress?id=${appId}`),
  ])
  await page.locator('[data-test="step-table"] li').first().waitFor()
  await fitsPhone(page, check, 'the progress page')
  await onScreen(page.locator('[data-test="step-table"]'), check, 'the steps')
  await onScreen(page.locator('[data-test^="step-state-"]').first(), check, 'a step\'s state')
  await shot('phone-progress')

  // The notice board, with this business's 简易注销 notice and its action.
  const dereg = await applySimplified(base, biz.token, biz.uscc)
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/notices/simplified-deregistrations') && r.ok()),
    page.goto(`${base}/deregistration`),
  ])
  const notice = page.locator('[data-test="simplified-notices"] li', { hasText: biz.name })
  await notice.waitFor()
  const open = notice.locator(`[data-test="notice-open-${dereg.id}"]`)
  await open.scrollIntoViewIfNeeded()
  await onScreen(open, check, 'the notice\'s 查看 / 异议 button')
  await fitsPhone(page, check, 'the notice board')
  await shot('phone-notice-board')
  await page.goto(`${base}/workbench`)
  await page.locator('[data-test="welcome"]').waitFor()
  await logout(page)

  // An inspector: the search and its own tasks through the drawer, then a result's entry.
  await ensureDrawnTask(base)
  const me = (await visitsByInspector(base)).find((x) => x.visits.length)
  check.ok(me, 'an inspector with visits')
  await loginAs(page, base, me.username, DEMO_PASSWORD)
  await viaDrawer(page, check, '市场主体查询')
  await page.fill('[data-test="search-input"]', entity.uscc)
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/entities?') && r.ok()),
    page.press('[data-test="search-input"]', 'Enter'),
  ])
  await page.locator(`[data-test="entity-link-${entity.uscc}"]`).waitFor()
  await fitsPhone(page, check, "the inspector's search")
  await shot('phone-inspector-search')

  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/inspection/visits') && r.ok()),
    viaDrawer(page, check, '检查任务'),
  ])
  const rows = page.locator('[data-test="visit-list"] [data-test="visit-item"]')
  await rows.first().waitFor()
  check.equal(await rows.count(), me.visits.length, 'one card per own visit')
  for (const v of me.visits) check.includes(await page.locator('[data-test="visit-list"]').innerText(), v.uscc, 'my visit')
  await fitsPhone(page, check, 'the task list')
  await onScreen(page.locator('[data-test="visit-list"]'), check, 'the task list')
  const enter = rows.first().locator('[data-test="enter-result"]')
  await onScreen(enter, check, 'the 录入结果 button')
  await shot('phone-inspector-tasks')

  await enter.click()
  const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="result-state"]') })
  await dialog.waitFor()
  await settled(page)
  await page.fill('[data-test="result-notes"]', '手机上录入的检查情况。')
  await onScreen(dialog, check, 'the result dialog')
  await onScreen(page.locator('[data-test="result-save"]'), check, 'its save button')
  await shot('phone-inspector-result')
  await dialog.locator('button', { hasText: '取消' }).click()
  await dialog.waitFor({ state: 'hidden' })
}
