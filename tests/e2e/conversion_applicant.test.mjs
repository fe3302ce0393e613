// SPDX-License-Identifier: MulanPSL-2.0
// An applicant who administers a 个体工商户 opens 我的企业, 个转企, converts it to a
// 有限责任公司 keeping its 字号, confirms, and sees the new enterprise's USCC with a
// link to its public profile, which shows the new name.
import { loginAs } from './run.mjs'
import { field } from './establishment_helpers.mjs'
import { registerBusiness } from './lifecycle_helpers.mjs'
import { features } from '../../web/src/modules/lifecycle/features.js'

// Left out while the server of this build has no change routes.
export const skip = features.change ? null : 'the change screens are off (features.js)'

export default async function ({ page, base, shot, check, attempt = 1 }) {
  const zihao = ['澹汀', '澹澜'][attempt - 1]
  const biz = await registerBusiness(base, {
    username: `e2e-conversion-${attempt}`,
    name: `杭州${zihao}茶叶店`,
    kind: '个体工商户',
    address: '浙江省杭州市西湖区龙井路 18 号',
  })
  const newName = `杭州${zihao}茶叶有限公司`

  await loginAs(page, base, biz.username, biz.password)
  await page.click('[data-test="menu"] .el-menu-item:has-text("我的企业")')
  await page.fill(field('lifecycle-uscc'), biz.uscc)
  await page.press(field('lifecycle-uscc'), 'Enter')
  await page.waitForURL(`**/workbench/my-entity/${biz.uscc}`)
  await page.locator('[data-test="lifecycle-entity"]').waitFor()
  await page.click('[data-test="lifecycle-tabs"] .el-tabs__item:has-text("个转企")')
  await page.locator('[data-test="conversion-form"]').waitFor()

  // Sent empty: the form names what is missing.
  await page.click('[data-test="conversion-submit"]')
  const missing = page.locator('[data-test="conversion-form"] .el-form-item__error', { hasText: '请填写新企业名称' })
  await missing.waitFor()

  await page.click('[data-test="conversion-kind-limited_company"]')
  await page.fill(field('conversion-name'), newName)
  await page.fill(field('conversion-capital'), '30')
  await page.click('[data-test="conversion-debts"]')
  await page.click('[data-test="conversion-taxes"]')
  await shot('conversion-form')
  await page.click('[data-test="conversion-submit"]')
  const [sent] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/entities/${biz.uscc}/conversions`)),
    page.click('.el-message-box__btns .el-button--primary'),
  ])
  check.equal(sent.status(), 201, `converted (${await sent.text()})`)
  const { to_uscc: newUscc } = await sent.json()
  const result = page.locator('[data-test="conversion-result"]')
  await result.waitFor()
  check.equal(await page.locator('[data-test="conversion-new-uscc"]').innerText(), newUscc, 'the new USCC is shown')
  check.ok(/^[0-9A-Z]{18}$/.test(newUscc) && newUscc !== biz.uscc, 'a new 18-character USCC')
  await page.locator('[data-test="lifecycle-status"]', { hasText: '注销' }).waitFor()
  await shot('conversion-done')

  // The link opens the new enterprise's public profile.
  await page.click('[data-test="conversion-profile"]')
  await page.waitForURL(`**/disclosure/${newUscc}`)
  const profile = page.locator('[data-test="entity-profile"]')
  await profile.waitFor()
  await profile.filter({ hasText: newName }).waitFor()
  check.includes(await profile.innerText(), newUscc, 'the profile of the new enterprise')
}
