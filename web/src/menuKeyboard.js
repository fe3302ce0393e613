// SPDX-License-Identifier: MulanPSL-2.0
// Element Plus renders a vertical el-menu's items with tabindex="-1" and wires no keys to them
// (its keyboard support is for horizontal menus only), so Tab never reaches the workbench menu.
// Here every item of a vertical menu is made a stop of the tab order, and Enter or Space on one
// opens it as a click would. Installed once for the whole app; the menus themselves stay as they
// are written.
const ITEM = '.el-menu--vertical .el-menu-item, .el-menu--vertical .el-sub-menu__title'

function reachable(root) {
  for (const item of root.querySelectorAll(ITEM)) {
    if (item.getAttribute('tabindex') !== '0' && !item.classList.contains('is-disabled')) {
      item.setAttribute('tabindex', '0')
    }
  }
}

export function installMenuKeyboard(doc = document) {
  reachable(doc)
  new MutationObserver(() => reachable(doc)).observe(doc.body, {
    childList: true, subtree: true, attributes: true, attributeFilter: ['tabindex'],
  })
  doc.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return
    const item = e.target.closest?.(ITEM)
    if (!item || item !== e.target) return
    e.preventDefault()
    item.click()
  })
}
