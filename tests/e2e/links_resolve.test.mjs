// SPDX-License-Identifier: MulanPSL-2.0
// Every link the UI renders leads somewhere: for the public and for each kind
// of user, the pages reachable from the start page (two clicks deep) are
// opened, every internal link on them is collected, and each distinct route
// is opened in turn; none may be 页面不存在. A route is one path with its
// numbers and codes taken out (/workbench/license/:code), opened once.
import { DEMO_PASSWORD, loginAs } from './run.mjs'

const MAX_ROUTES = 60

// "/workbench/license/92330106MA0000015G?x=1" → "/workbench/license/:code"
function routeOf(href) {
  const path = href.split(/[?#]/)[0]
  return path.split('/').map((seg) => (/^\d+$/.test(seg) ? ':n' : /^[0-9A-Z]{15,20}$/.test(seg) ? ':code' : seg))
    .join('/')
}

async function internalLinks(page, base) {
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')))
  return hrefs.filter((h) => h && h.startsWith('/') && !h.startsWith('/api/') && !h.startsWith('//'))
    .concat(hrefs.filter((h) => h && h.startsWith(base)).map((h) => h.slice(base.length) || '/'))
}

async function walk(page, base, check, start, who) {
  const seen = new Map()  // route → the first href seen for it
  const from = new Map()  // href → the page it was found on
  let frontier = [start]
  for (let depth = 0; depth <= 2 && frontier.length; depth++) {
    const next = []
    for (const href of frontier) {
      const route = routeOf(href)
      if (seen.has(route)) continue
      if (seen.size >= MAX_ROUTES) break
      seen.set(route, href)
      await page.goto(`${base}${href}`)
      // The router names every page in the title once it has chosen the route.
      await page.waitForFunction(() => document.title.includes(' - '))
      const title = await page.title()
      const missing = title.includes('页面不存在') ||
        (await page.locator('h1', { hasText: '页面不存在' }).count()) > 0
      check.ok(!missing, `${who}: ${href} (linked from ${from.get(href) ?? 'the start'}) is 页面不存在`)
      for (const link of await internalLinks(page, base)) {
        if (!from.has(link)) from.set(link, href)
        next.push(link)
      }
    }
    frontier = next
  }
  return seen.size
}

export default async function ({ page, base, check }) {
  const counts = {}
  counts.public = await walk(page, base, check, '/', '公众')
  for (const [who, user] of [
    ['申请人', 'demo-applicant-04'],
    ['注册官', '330106-amr-03'],
    ['执法人员', '330106-beishan-02'],
    ['领导', '330106-amr-01'],
  ]) {
    await page.evaluate(() => sessionStorage.clear())
    await loginAs(page, base, user, DEMO_PASSWORD)
    counts[who] = await walk(page, base, check, '/workbench', who)
  }
  for (const [who, n] of Object.entries(counts)) check.ok(n >= 5, `${who}: only ${n} routes reached`)
  console.log(`  routes opened: ${JSON.stringify(counts)}`)
}
