// SPDX-License-Identifier: MulanPSL-2.0
// The search results download as an Excel file the server writes.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export default async function ({ page, base, shot, out, check }) {
  await page.goto(`${base}/disclosure?kind=individual_business`)
  const first = page.locator('[data-test="result-table"] .el-table__row').first()
  await first.waitFor()
  const firstName = (await first.locator('a').textContent()).trim()

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-test="export-button"]'),
  ])
  check.equal(download.suggestedFilename(), '市场主体.xlsx', 'the file name')
  const file = join(out, 'export.xlsx')
  await download.saveAs(file)
  await page.getByText('已导出').waitFor()
  await shot('export')

  const bytes = readFileSync(file)
  check.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'an .xlsx is a zip')
  const list = spawnSync('unzip', ['-l', file], { encoding: 'utf8' }).stdout
  check.includes(list, 'xl/worksheets/sheet1.xml', 'the workbook parts')
  const strings = spawnSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' }).stdout
  check.includes(strings, '统一社会信用代码', 'the header row')
  check.includes(strings, firstName, 'the first entity shown on the page')
  check.ok(!strings.includes('有限责任公司'), 'only individual businesses (the filter applies)')
}
