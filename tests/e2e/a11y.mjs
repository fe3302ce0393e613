// SPDX-License-Identifier: MulanPSL-2.0
// Checks of a page as it is shown, run by the runner at every screenshot (run.mjs) and by tests
// on pages they do not photograph:
//   - axe-core (web/node_modules/axe-core): no violation of impact serious or critical;
//   - the page never scrolls sideways (document.documentElement.scrollWidth <= window.innerWidth);
//   - no text shown smaller than 14px;
//   - no technical text shown: field paths, identifiers, file names, command lines, programming
//     words (the server's and the UI's messages are Chinese; detail goes to the log).
// Each failure says what was wrong and where, so the message alone is enough to find it.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const webDir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'web')
let axeSource = null
function axe() {
  if (axeSource === null) {
    const require = createRequire(join(webDir, 'package.json'))
    axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  }
  return axeSource
}

// The impacts that fail a page.
const FAILING = ['serious', 'critical']

// Rules left out on one selector each, for a third-party widget the web code cannot fix:
// { rule: 'an axe rule id', selector: 'the widget (CSS)', why: 'what stops the fix' }. A violation
// of that rule inside that widget is not reported; anywhere else it still fails the page.
// None so far: every violation found was fixed in web/src.
export const ALLOWED = []

// Waits for running transitions (a dialog fading in, a tag's colour) to end, so what is
// checked and photographed is the settled page.
export const settled = (page) => page.evaluate(() => Promise.all(document.getAnimations()
  .filter((a) => a.effect?.getTiming().iterations !== Infinity)
  .map((a) => a.finished.catch(() => null))))

// Runs axe-core in the page; throws listing each serious or critical violation with its
// impact and the elements concerned.
export async function axeCheck(page, what) {
  await settled(page)
  // page.evaluate runs outside the page's Content-Security-Policy, which forbids inline scripts.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axe())
  const found = await page.evaluate(async ({ failing, allowed }) => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] })
    const out = []
    for (const v of result.violations) {
      if (!failing.includes(v.impact)) continue
      const nodes = v.nodes.filter((n) => {
        const el = typeof n.target[0] === 'string' ? document.querySelector(n.target[0]) : null
        return !allowed.some((a) => a.rule === v.id && el && el.closest(a.selector))
      })
      if (!nodes.length) continue
      out.push({
        id: v.id, impact: v.impact, help: v.help,
        targets: nodes.map((n) => n.target.join(' ')),
        summary: nodes[0].failureSummary?.split('\n').slice(1, 2).join('').trim(),
      })
    }
    return out
  }, { failing: FAILING, allowed: ALLOWED })
  if (found.length) {
    const lines = found.map((v) =>
      `${v.id} (${v.impact}: ${v.help}) on ${v.targets.length}: ${v.targets.slice(0, 6).join(' | ')}` +
      `${v.targets.length > 6 ? ' …' : ''}${v.summary ? ` — ${v.summary}` : ''}`)
    throw new Error(`axe on ${what} (${page.url()}): ${lines.join('; ')}`)
  }
}

// The page is no wider than the window; the message names the elements that stick out.
export async function noSideScroll(page, what) {
  const { scroll, inner, wide } = await page.evaluate(() => {
    const inner = window.innerWidth
    // The outermost elements whose right edge passes the window's, outside a container that
    // scrolls on its own (a table's body).
    const scrolls = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const s = getComputedStyle(p).overflowX
        if (s === 'auto' || s === 'scroll' || s === 'hidden') return true
      }
      return false
    }
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > inner + 0.5 && !scrolls(el))
      .filter((el, _, all) => !all.includes(el.parentElement))
      .slice(0, 4)
      .map((el) => {
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''
        const test = el.getAttribute('data-test')
        return `${el.tagName.toLowerCase()}${cls}${test ? `[data-test=${test}]` : ''} ` +
          `(right ${Math.round(el.getBoundingClientRect().right)} px)`
      })
    return { scroll: document.documentElement.scrollWidth, inner, wide }
  })
  if (scroll > inner) {
    throw new Error(`${what} (${page.url()}) scrolls sideways: ${scroll} px wide in a window of ` +
      `${inner} px; sticking out: ${wide.join(', ') || 'nothing found'}`)
  }
}

// No text on show is smaller than 14px (the base is 18px; tags, small buttons and hints go down to
// 14px and no further).
export async function noSmallText(page, what) {
  const small = await page.evaluate(() => {
    const out = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.nodeValue.trim()) continue
      const el = n.parentElement
      if (!el || el.closest('[aria-hidden="true"], script, style, noscript')) continue
      const st = getComputedStyle(el)
      if (parseFloat(st.fontSize) >= 14 || st.visibility !== 'visible') continue
      const box = el.getBoundingClientRect()
      if (!box.width || !box.height || !el.checkVisibility({ opacityProperty: true })) continue
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''
      out.push(`${el.tagName.toLowerCase()}${cls} ${st.fontSize} "${n.nodeValue.trim().slice(0, 20)}"`)
    }
    return [...new Set(out)]
  })
  if (small.length) {
    throw new Error(`${what} (${page.url()}) has text under 14px: ${small.slice(0, 6).join(' | ')}` +
      `${small.length > 6 ? ` … (${small.length})` : ''}`)
  }
}

// What a user must never read: a field path (investors[1].uscc), a snake_case identifier
// (citizen_id), a file name, a command line, a programming word.
const TECHNICAL = [
  ['a field path', /\b[a-z_]+\[\d+\]/],
  ['an identifier', /\b[a-z]+_[a-z_]+\b/],
  ['a file name', /\b[\w-]+\.(md|csv|json|jsonl|cc|h|sql|mjs|js|yaml|toml)\b/],
  ['a command line', /\bamr [a-z]+/],
  ['a programming word', /\b(JSON|HTTP|Ed25519|null|undefined|NaN|true|false|Error|Exception|Invalid|object Object)\b/],
]

export async function noTechnicalText(page, what) {
  const texts = await page.evaluate(() => {
    const out = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.nodeValue.trim()
      if (!text) continue
      const el = n.parentElement
      if (!el || el.closest('[aria-hidden="true"], script, style, noscript')) continue
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue
      // What the user typed or chose (a file's name) is theirs, shown back as it is.
      if (el.closest('[data-user-text]')) continue
      out.push(text)
    }
    // Placeholders and the names given to controls are read too.
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      if (!el.checkVisibility()) continue
      for (const a of ['placeholder', 'aria-label', 'title']) if (el.getAttribute(a)) out.push(el.getAttribute(a))
    }
    return out
  })
  const found = []
  for (const text of texts) {
    for (const [kind, re] of TECHNICAL) {
      const m = text.match(re)
      if (m) found.push(`${kind} "${m[0]}" in "${text.slice(0, 60)}"`)
    }
  }
  if (found.length) {
    throw new Error(`${what} (${page.url()}) shows technical text: ${[...new Set(found)].slice(0, 6).join(' | ')}`)
  }
}

// Every check on the page as it is now.
export async function checkPage(page, what) {
  await noSideScroll(page, what)
  await noSmallText(page, what)
  await noTechnicalText(page, what)
  await axeCheck(page, what)
}
