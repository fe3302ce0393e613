// SPDX-License-Identifier: MulanPSL-2.0
// The county's window clerk finds a company in 市场主体查询, opens 办理变更、歇业,
// changes its address (the 住所申报承诺 is required first), and the public
// profile then shows the change in its history: version 2, before and after.
import { DEMO_PASSWORD, loginAs } from './run.mjs'
import { field } from './establishment_helpers.mjs'
import { chinaDate, registerBusiness } from './lifecycle_helpers.mjs'
import { features } from '../../web/src/modules/lifecycle/features.js'

// Left out while the server of this build has no change routes.
export const skip = features.change ? null : 'the change screens are off (features.js)'

export default async function ({ page, base, shot, check, attempt = 1 }) {
  const zihao = ['鹭汀云帆', '鹭汀云舟'][attempt - 1]
  const before = '浙江省杭州市西湖区文一路 115 号'
  const after = '浙江省杭州市西湖区天目山路 398 号 5 层'
  const biz = await registerBusiness(base, {
    username: `e2e-change-${attempt}`,
    name: `杭州西湖${zihao}科技有限公司`,
    address: before,
  })

  await loginAs(page, base, '330106-hall-01', DEMO_PASSWORD)
  await page.goto(`${base}/workbench/entities/${biz.uscc}`)
  await page.locator('[data-test="entity-profile"]').waitFor()
  await page.click('[data-test="profile-lifecycle"]')
  await page.waitForURL(`**/workbench/lifecycle/${biz.uscc}`)
  await page.locator('[data-test="change-form"]').waitFor()

  await page.click('[data-test="change-item-address"]')
  await page.fill(field('change-address'), after)
  await page.click('[data-test="change-submit"]')
  const error = page.locator('[data-test="change-form"] .el-form-item__error', { hasText: '住所申报承诺' })
  await error.waitFor()
  await page.click('[data-test="change-address-commitment"]')
  await shot('change-address-form')
  const [sent] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/window/entities/${biz.uscc}/changes`)),
    page.click('[data-test="change-submit"]'),
  ])
  check.equal(sent.status(), 201, `the change is accepted (${await sent.text()})`)
  const result = await sent.json()
  check.equal(result.state, 'effective', 'an address change takes effect at once')
  check.includes(await page.locator('[data-test="change-result"]').innerText(), `第 ${result.version} 版`, 'the version')
  await shot('change-address-done')

  // 增资: the company's investors with their new subscriptions; the capital is their sum.
  await page.click('[data-test="change-item-registered_capital"]')
  await page.fill(field('change-investor-name-0'), '张三')
  await page.fill(field('change-investor-code-0'), '11010519491231002X')
  await page.fill(field('change-investor-capital-0'), '60')
  await page.click('[data-test="change-investor-add"]')
  await page.fill(field('change-investor-name-1'), '李四')
  await page.fill(field('change-investor-code-1'), '440524188001010014')
  await page.fill(field('change-investor-capital-1'), '40')
  await page.press(field('change-investor-capital-1'), 'Tab')
  check.equal((await page.locator('[data-test="change-capital-sum"]').innerText()).trim(), '100', 'the capital adds up')
  const [raised] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/window/entities/${biz.uscc}/changes`)),
    page.click('[data-test="change-submit"]'),
  ])
  check.equal(raised.status(), 201, `the capital change is accepted (${await raised.text()})`)
  check.equal((await raised.json()).state, 'effective', 'in effect at once')

  // The public profile: the new address and the history.
  await page.goto(`${base}/disclosure/${biz.uscc}`)
  await page.locator('[data-test="entity-profile"]').waitFor()
  check.includes(await page.locator('[data-test="entity-profile"]').innerText(), after, 'the profile shows the new address')
  await page.locator('[data-test="entity-history"][data-loaded="true"]').waitFor()
  const row = page.locator('[data-test="history-table"] tbody tr', { hasText: after })
  await row.waitFor()
  const text = await row.innerText()
  check.includes(text, before, 'the address before')
  check.includes(text, chinaDate(0), 'effective today')
  check.includes(text, '变更登记', 'as a change')
  check.ok((await page.locator('[data-test="history-table"] tbody tr').count()) >= 2, 'and the registration below it')
  await shot('change-address-history')
}
