// SPDX-License-Identifier: MulanPSL-2.0
// The transactional outbox: a business change that other systems must hear of
// (a department step dispatched to tax, seals, social insurance, the bank …)
// writes an event in the same transaction as the change, so the event exists
// exactly when the change committed. The delivery worker (delivery_worker.h)
// later POSTs it, signed, to every subscribed endpoint (docs/outbox.md).
//
// Thread-safety: functions are thread-safe; the session belongs to the caller.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"
#include "storage/database.h"

namespace amr::outbox {

// Limits Enqueue enforces.
inline constexpr std::size_t kMaxTopicBytes = 64;         // [a-z0-9_.-], 1..64
inline constexpr std::size_t kMaxDedupeKeyBytes = 200;    // 1..200 bytes, UTF-8
inline constexpr std::size_t kMaxPayloadBytes = 1 << 20;  // the payload's compact JSON text

// Writes one event inside the caller's transaction (call it from inside
// Database::Transaction: it commits or rolls back with the business change),
// and one pending delivery per subscription active for `topic` at that moment.
// `payload` must be a JSON object; it is sent as the request body verbatim
// (compact). `dedupe_key` names the business fact (e.g.
// "establishment.step.dispatched:42:tax"): a second Enqueue with a key already
// stored is a no-op returning OK (whatever its topic or payload), so a rerun
// body or a retried request never sends an event twice. New events are due at
// once; the worker's clock does not delay them.
//
// Errors: InvalidArgument naming "topic", "payload" or "dedupe_key" for input
// breaking the limits above (nothing written); others from the store.
Status Enqueue(soci::session& sql, std::string_view topic, const nlohmann::json& payload,
               std::string_view dedupe_key);
// The same, with created_at taken from `clock` instead of the real clock.
Status Enqueue(soci::session& sql, std::string_view topic, const nlohmann::json& payload,
               std::string_view dedupe_key, const Clock& clock);

}  // namespace amr::outbox
