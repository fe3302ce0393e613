// SPDX-License-Identifier: MulanPSL-2.0
// Which lifecycle services this build's server offers; a screen or button of a
// service that is not offered is left out rather than shown dead.
export const features = {
  change: false, // 变更登记, history, 个转企 (/entities/{uscc}/changes, /conversions)
  suspension: false, // 歇业 (/entities/{uscc}/suspensions, /notices/suspensions)
  liquidation: false, // 一般注销 (/liquidations, /notices/liquidations)
  simplified: false, // 简易注销, its notice board and objections, 一屏注销, the department queue
}
