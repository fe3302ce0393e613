// SPDX-License-Identifier: MulanPSL-2.0
// An inspector in the field, on a phone: the task list from the drawer menu,
// a result entered with a photo from the camera (a large picture the page
// makes smaller before sending), the thumbnail shown, the result saved with
// the photo as its attachment, and the photo kept on the visit.
import { ensureDrawnTask, loginApi, visitsByInspector } from './inspection_data.mjs'
import { DEMO_PASSWORD, loginAs, menuTo } from './run.mjs'

export default async function ({ page, base, shot, check }) {
  await ensureDrawnTask(base)
  const all = await visitsByInspector(base)
  const me = all.find((x) => x.visits.some((v) => !v.entered_at))
  check.ok(me, 'an inspector with a visit to enter')
  const visit = me.visits.find((v) => !v.entered_at)

  await page.setViewportSize({ width: 390, height: 844 })
  await loginAs(page, base, me.username, DEMO_PASSWORD)
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/inspection/visits') && r.ok()),
    menuTo(page, '检查任务'),
  ])
  const item = page.locator('[data-test="visit-item"]', { hasText: visit.uscc }).first()
  await item.waitFor()
  await item.locator('[data-test="enter-result"]').click()
  await page.locator('[data-test="result-state"] .el-radio', { hasText: '未发现问题' }).click()
  await page.fill('[data-test="result-notes"] textarea, textarea[data-test="result-notes"]', '现场检查，证照齐全。')

  // A camera-sized picture (4000 × 3000), made in the browser as a PNG.
  const picture = await page.evaluate(async () => {
    const c = document.createElement('canvas')
    c.width = 4000
    c.height = 3000
    const g = c.getContext('2d')
    const grad = g.createLinearGradient(0, 0, 4000, 3000)
    grad.addColorStop(0, '#2a6f97')
    grad.addColorStop(1, '#f4a261')
    g.fillStyle = grad
    g.fillRect(0, 0, 4000, 3000)
    g.fillStyle = '#fff'
    g.font = '300px sans-serif'
    g.fillText('营业执照 现场', 400, 1600)
    return c.toDataURL('image/png').split(',')[1]
  })
  const png = Buffer.from(picture, 'base64')
  const [uploaded] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/inspection/visits/${visit.id}/photos`) &&
      r.request().method() === 'POST'),
    page.setInputFiles('[data-test="photo-input"]',
      { name: 'IMG_20261207_101500.png', mimeType: 'image/png', buffer: png }),
  ])
  check.equal(uploaded.status(), 201, 'the photo is stored')
  const photo = await uploaded.json()
  check.equal(photo.media_type, 'image/jpeg', 'sent as a smaller JPEG')
  check.ok(photo.size_bytes < png.length, `smaller than the picture taken (${photo.size_bytes} < ${png.length})`)
  await page.locator('[data-test="photo-0"] img').waitFor()
  const width = await page.locator('[data-test="photo-0"] img').evaluate((img) => img.naturalWidth)
  check.equal(width, 1600, 'the thumbnail is the stored photo, 1600 px wide')
  await shot('inspection-phone-photo')

  const [saved] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/inspection/visits/${visit.id}/result`)),
    page.click('[data-test="result-save"]'),
  ])
  check.equal(saved.status(), 200, 'the result is saved')
  check.ok((await saved.json()).published_at, 'a completed result is published')

  // The visit keeps the photo.
  const call = await loginApi(base, me.username)
  const listed = await call('GET', `/inspection/visits/${visit.id}/photos`)
  check.equal(listed.items.map((p) => p.sha256), [photo.sha256], 'the visit has the photo')
}
