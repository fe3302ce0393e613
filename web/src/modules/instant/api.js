// SPDX-License-Identifier: MulanPSL-2.0
// Instant information (即时信息) and the order to publish (责令公示) (src/credit/instant_routes.cc,
// docs/credit.md "Instant information (即时信息) and the order to publish").
import { get, post } from '../../api/client.js'

const enc = encodeURIComponent

// Public. {kinds: [{id, name, basis}], publish_within: "20 个工作日", order_within: "10 日"}: the kinds
// and the periods of the rules in force today, as words. The screens never write a period themselves.
export const instantInfoRules = () => get('/credit/instant-info-rules')

// Public. {items: [{id, kind, kind_name, event_on, summary, published_on, due, late}],
//          orders: [{id, kind, kind_name, what, ordered_on, due, authority,
//                    state: open | fulfilled | listed, state_name, fulfilled_on}]}, newest first.
export const instantInfo = (uscc) => get(`/entities/${enc(uscc)}/instant-info`)

// credit.file (the licence's administrator or agent; a window clerk of the county).
// body {kind, event_on, summary} → the item with fulfilled_orders: [order ids] (201; 200 and nothing
// new for the same item again). Errors name the field (kind, event_on, summary; uscc for an
// individual business or an entity deregistered).
export const publishInstantInfo = (uscc, body, idempotencyKey) =>
  post(`/entities/${enc(uscc)}/instant-info`, body, { idempotencyKey })

// credit.decide (注册官 of the entity's county). body {kind, what} → the order (201) with its due.
// Errors name the field (kind: none chosen or one of the kind still open; what; uscc).
export const orderPublication = (uscc, body, idempotencyKey) =>
  post(`/entities/${enc(uscc)}/publish-orders`, body, { idempotencyKey })
