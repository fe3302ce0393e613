// SPDX-License-Identifier: MulanPSL-2.0
// A clerk of sixty works by keyboard: on each main page (the portal's home, the login page, the
// 企业开办 form, the workbench's home and a queue) Tab alone, from the top of the page, reaches
// every interactive control on show; the focused control is visibly marked (an outline, or a box
// shadow or border it does not have unfocused); and nothing traps the focus: Tab goes on through
// the page and back out of it, and Shift+Tab walks back. The drawer menu at 390 px has its own
// test (phone_layout).
import { DEMO_PASSWORD, check, loginAs } from './run.mjs'
import { createApplicant } from './establishment_helpers.mjs'

const REGISTRAR = '330106-amr-03'

// The 17 digits with their check character (GB 11643).
function citizenId(body) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0)
  return body + '10X98765432'[sum % 11]
}

// Marks every interactive control on show with data-kb (its index); returns how many. A control
// in a group that the keyboard enters once and moves through with the arrow keys (the radios of
// one name, a menu's items, a tab list's tabs) is marked with the group's key instead: reaching one
// member reaches the group.
function markControls() {
  const selector = [
    'a[href]', 'button', 'input:not([type="hidden"])', 'select', 'textarea', 'summary',
    '[tabindex]', '[role="button"]', '[role="tab"]', '[role="menuitem"]', '[role="radio"]',
    '[role="checkbox"]', '[role="switch"]', '[contenteditable="true"]',
  ].join(',')
  // The box a user sees for a control: a visually hidden checkbox or radio is shown by its label.
  const shownBy = (el) => el.closest('label, .el-checkbox, .el-radio, .el-radio-button, .el-switch') || el
  const onShow = (el) => {
    if (el.closest('[aria-hidden="true"], [inert], .el-select-dropdown, .el-popper')) return false
    if (el.disabled || el.getAttribute('aria-disabled') === 'true') return false
    const box = shownBy(el)
    const r = box.getBoundingClientRect()
    return r.width > 0 && r.height > 0 && box.checkVisibility({ opacityProperty: true, visibilityProperty: true })
  }
  const groupOf = (el) => {
    if (el.type === 'radio' && el.name) return `radio:${el.name}`
    const role = el.getAttribute('role')
    if (role === 'menuitem') return `menu:${[...document.querySelectorAll('[role="menu"], [role="menubar"]')].indexOf(el.closest('[role="menu"], [role="menubar"]'))}`
    if (role === 'tab') return `tabs:${[...document.querySelectorAll('[role="tablist"]')].indexOf(el.closest('[role="tablist"]'))}`
    if (role === 'radio') return `radiogroup:${[...document.querySelectorAll('[role="radiogroup"]')].indexOf(el.closest('[role="radiogroup"]'))}`
    return null
  }
  const all = [...document.querySelectorAll(selector)].filter(onShow)
  // A control inside another one (the input of a select, a button in a link) counts as the outer one.
  const controls = all.filter((el) => !all.some((o) => o !== el && o.contains(el) && !groupOf(o)))
  let n = 0
  for (const el of controls) {
    // tabindex="-1" outside a group: focusable by script only, not a control the user tabs to
    // (a table's scroll area, a dialog's wrapper).
    if (el.getAttribute('tabindex') === '-1' && !groupOf(el) && el.tagName !== 'INPUT' && el.tagName !== 'BUTTON' && el.tagName !== 'A') continue
    el.setAttribute('data-kb', groupOf(el) || `c${n}`)
    n++
  }
  return n
}

// What the user sees on the focused control (and the boxes around it): outline, box shadow, border.
function looks(el) {
  const chain = []
  for (let e = el, i = 0; e && e !== document.body && i < 4; e = e.parentElement, i++) chain.push(e)
  const label = el.closest('label, .el-checkbox, .el-radio, .el-radio-button, .el-switch')
  if (label) chain.push(label, ...label.querySelectorAll('span'))
  return chain.map((e) => {
    const st = getComputedStyle(e)
    const r = e.getBoundingClientRect()
    const shown = r.width > 1 && r.height > 1 && e.checkVisibility({ opacityProperty: true })
    const outline = st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 1 &&
      !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(st.outlineColor)
    return { shown, outline, shadow: st.boxShadow, border: st.borderColor }
  })
}

// Tabs through the page from its top; returns the stops, whether every control was reached and
// whether the focus left the page again (no trap).
async function walk(page, what) {
  const controls = await page.evaluate(markControls)
  // Defined in the page by a string, as axe is (the page's Content-Security-Policy allows no eval).
  await page.evaluate(`window.__kbLooks = ${looks.toString()}`)
  check.ok(controls > 0, `${what}: controls found`)
  // The tab order starts at the top of the page: from a mark placed before everything else.
  await page.evaluate(() => {
    const start = document.createElement('div')
    start.tabIndex = -1
    start.id = 'kb-start'
    document.body.prepend(start)
    start.focus()
  })
  const stops = []
  const reached = new Set()
  const invisible = []
  let left = false
  const limit = controls * 2 + 40
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    const stop = await page.evaluate(() => {
      const looks = window.__kbLooks
      const el = document.activeElement
      if (!el || el === document.body || el === document.documentElement) return { out: true }
      const mark = el.closest('[data-kb]')?.getAttribute('data-kb') ||
        el.querySelector?.('[data-kb]')?.getAttribute('data-kb') || ''
      if (!el.hasAttribute('data-kb-stop')) el.setAttribute('data-kb-stop', String(document.querySelectorAll('[data-kb-stop]').length))
      const name = `${el.tagName.toLowerCase()}${el.getAttribute('data-test') ? `[data-test=${el.getAttribute('data-test')}]` : ''}` +
        `${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : ''}` +
        ` "${(el.getAttribute('aria-label') || el.innerText || el.value || el.placeholder || '').trim().slice(0, 16)}"`
      return { out: false, mark, id: el.getAttribute('data-kb-stop'), name, looks: looks(el) }
    })
    if (stop.out) {
      left = true
      break
    }
    if (stops.length && stops[0].id === stop.id) {
      left = true // wrapped round to the first control: the order is a cycle of the whole page
      break
    }
    if (stops.some((s) => s.id === stop.id) && stops[stops.length - 1].id === stop.id) {
      throw new Error(`${what}: the focus is stuck on ${stop.name}`)
    }
    stops.push(stop)
    if (stop.mark) reached.add(stop.mark)
  }
  check.ok(left, `${what}: Tab leaves the page again after ${stops.length} stops (no focus trap)`)

  // Each stop again, unfocused: its look must differ from the focused one, or carry an outline.
  const unfocused = await page.evaluate(() => {
    const looks = window.__kbLooks
    document.activeElement?.blur()
    return [...document.querySelectorAll('[data-kb-stop]')]
      .sort((a, b) => Number(a.getAttribute('data-kb-stop')) - Number(b.getAttribute('data-kb-stop')))
      .map((el) => ({ id: el.getAttribute('data-kb-stop'), looks: el.isConnected ? looks(el) : null }))
  })
  for (const stop of stops) {
    const plain = unfocused.find((u) => u.id === stop.id)?.looks
    const marked = stop.looks.some((l, i) => l.shown && (l.outline ||
      (plain && plain[i] && (plain[i].shadow !== l.shadow || plain[i].border !== l.border))))
    if (!marked) invisible.push(`${stop.name} ${process.env.KB_DEBUG ? JSON.stringify({ f: stop.looks, u: plain }) : ''}`.trim())
  }
  check.equal(invisible, [], `${what}: the focus is visible on every control`)

  const missed = await page.evaluate((seen) => [...document.querySelectorAll('[data-kb]')]
    .filter((el) => !seen.includes(el.getAttribute('data-kb')))
    .map((el) => `${el.tagName.toLowerCase()}${el.getAttribute('data-test') ? `[data-test=${el.getAttribute('data-test')}]` : ''} ` +
      `"${(el.getAttribute('aria-label') || el.innerText || el.value || el.placeholder || '').trim().slice(0, 16)}"`)
    .filter((v, i, a) => a.indexOf(v) === i), [...reached])
  check.equal(missed, [], `${what}: Tab alone reaches every control`)

  // Shift+Tab walks back from the last stop to the one before it.
  if (stops.length > 1) {
    await page.evaluate((id) => document.querySelector(`[data-kb-stop="${id}"]`)?.focus(), stops[stops.length - 1].id)
    await page.keyboard.press('Shift+Tab')
    const back = await page.evaluate(() => document.activeElement?.closest('[data-kb-stop]')?.getAttribute('data-kb-stop'))
    check.equal(back, stops[stops.length - 2].id, `${what}: Shift+Tab goes back`)
  }
  await page.evaluate(() => {
    document.getElementById('kb-start')?.remove()
    for (const el of document.querySelectorAll('[data-kb], [data-kb-stop]')) {
      el.removeAttribute('data-kb')
      el.removeAttribute('data-kb-stop')
    }
  })
  return stops.length
}

export default async function ({ page, base, attempt = 1 }) {
  // The portal's home and the login page, as anyone sees them.
  await page.goto(`${base}/`)
  await page.locator('[data-test="portal-home"], main').first().waitFor()
  await walk(page, 'the portal home')
  await page.goto(`${base}/login`)
  await page.locator('[data-test="username"]').waitFor()
  await walk(page, 'the login page')

  // An applicant's 企业开办 form.
  const applicant = await createApplicant(base, `e2e-keyboard-${attempt}`, citizenId(`33010619800101${String(attempt).padStart(3, '0')}`))
  await loginAs(page, base, applicant.username, applicant.password)
  await page.goto(`${base}/establishment`)
  await page.locator('[data-test="submit-button"]').waitFor()
  await walk(page, 'the 企业开办 form')
  await page.click('[data-test="logout"]').catch(() => {})

  // The workbench's home and a queue, as a registrar.
  await page.evaluate(() => sessionStorage.clear())
  await loginAs(page, base, REGISTRAR, DEMO_PASSWORD)
  await walk(page, 'the workbench home')
  await page.goto(`${base}/workbench/review`)
  await page.locator('h1').first().waitFor()
  await page.waitForLoadState('networkidle')
  await walk(page, 'the review queue')
}
