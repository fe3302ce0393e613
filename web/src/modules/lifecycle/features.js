// SPDX-License-Identifier: MulanPSL-2.0
// Which lifecycle services this build's server offers; a screen or button of a
// service that is not offered is left out rather than shown dead.
export const features = {
  change: true, // 变更登记, history, 个转企 (/entities/{uscc}/changes, /conversions)
  suspension: true, // 歇业 (/entities/{uscc}/suspensions, /notices/suspensions)
  liquidation: true, // 一般注销 (/liquidations, /notices/liquidations)
  simplified: true, // 简易注销, its notice board and objections, 一屏注销, the department queue
}
