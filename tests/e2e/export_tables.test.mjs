// SPDX-License-Identifier: MulanPSL-2.0
// "导出 Excel" beyond the search: the inspection library (the leader's) and a draw's result
// (the public page) download as workbooks the server writes from the same list routes, with
// the columns the screens show (department names, not ids; officers' names joined).
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { LEADER, ensureDrawnTask } from './inspection_data.mjs'
import { DEMO_PASSWORD, loginAs } from './run.mjs'

// Saves the download the export button starts; returns the workbook's strings.
async function exportStrings(page, out, check, file, expectedName) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-test="export-button"]'),
  ])
  check.equal(download.suggestedFilename(), expectedName, 'the file name the server gives')
  const path = join(out, file)
  await download.saveAs(path)
  check.equal(readFileSync(path).subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'an .xlsx is a zip')
  return spawnSync('unzip', ['-p', path, 'xl/sharedStrings.xml'], { encoding: 'utf8' }).stdout
}

export default async function ({ page, base, shot, out, check }) {
  const { leader, task } = await ensureDrawnTask(base)
  const draw = await leader('GET', `/public/inspection/tasks/${task.id}/draw`)
  check.ok(draw.selected.length > 0, 'the task drew some entities')

  await loginAs(page, base, LEADER, DEMO_PASSWORD)
  await page.click('[data-test="menu"] .el-menu-item:has-text("检查事项库")')
  await page.locator('[data-test="library-table"] .el-table__row').first().waitFor()
  const items = await exportStrings(page, out, check, 'library-items.xlsx', '抽查事项清单.xlsx')
  check.includes(items, '随机抽查事项清单', 'the title row')
  check.includes(items, '企业公示信息的抽查（测试）', 'an item the screen lists')
  check.includes(items, '重点', 'the category in words')
  check.includes(items, '市场监督管理局', "the department's name rather than its id")
  await page.getByText('已导出').first().waitFor()
  await shot('export-library')

  const officer = (await leader('GET', '/inspection/library/officers')).items
    .find((o) => o.status === 'active')
  await page.click('[data-test="library-tabs"] .el-tabs__item:has-text("执法检查人员名录库")')
  await page.locator(`[data-test="library-table"] .el-table__row:has-text("${officer.code}")`).first().waitFor()
  const officers = await exportStrings(page, out, check, 'library-officers.xlsx', '执法检查人员名录库.xlsx')
  check.includes(officers, officer.name, 'an officer')
  check.includes(officers, '在岗', 'the status in words')

  // The public draw page: anyone may export the result.
  await page.goto(`${base}/inspection/draw/${task.id}`)
  await page.locator('[data-test="public-selected"] .el-table__row').first().waitFor()
  const result = await exportStrings(page, out, check, 'draw-result.xlsx', '抽取结果.xlsx')
  check.includes(result, '双随机抽取结果', 'the title row')
  check.includes(result, draw.selected[0].uscc, 'the first entity drawn')
  const names = draw.selected[0].officers.map((o) => o.name).join('、')
  check.includes(result, names, "the visit's officers, joined")
}
