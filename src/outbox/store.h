// SPDX-License-Identifier: MulanPSL-2.0
// The outbox's tables (migrations 0008): subscriptions an administrator
// manages, deliveries (one event to one subscription) and their attempts, the
// dead-letter list, and the claim/record steps the delivery worker uses.
//
// Subscriptions and deliveries belong to no org unit (no data scope).
//
// Thread-safety: functions are thread-safe; sessions belong to the caller.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/status.h"
#include "outbox/rules.h"
#include "storage/database.h"

namespace amr::outbox {

// Where events of a topic go. The secret is never part of this value.
struct Subscription {
  int64_t id = 0;
  std::string topic;
  std::string endpoint_url;
  std::string description;
  bool active = true;
  std::string created_at;
  std::string updated_at;
};

struct NewSubscription {
  std::string topic;
  std::string endpoint_url;
  std::string secret;  // 16..256 bytes of printable ASCII
  std::string description;
  bool active = true;
};

// Fields to change; absent ones stay.
struct SubscriptionChange {
  std::optional<std::string> endpoint_url;
  std::optional<std::string> secret;
  std::optional<std::string> description;
  std::optional<bool> active;
};

// InvalidArgument naming "topic", "endpoint_url", "secret" or "description".
Status ValidateNewSubscription(const NewSubscription& s);
Status ValidateSubscriptionChange(const SubscriptionChange& c);

// Each writes its audit record ("outbox.subscription_create" /
// "outbox.subscription_update", the secret never in it). A subscription
// receives events enqueued while it is active.
StatusOr<Subscription> CreateSubscription(soci::session& sql, const audit::Actor& actor,
                                          const NewSubscription& s, const Clock& clock);
// NotFound for an unknown id.
StatusOr<Subscription> UpdateSubscription(soci::session& sql, const audit::Actor& actor, int64_t id,
                                          const SubscriptionChange& c, const Clock& clock);
StatusOr<Subscription> GetSubscription(soci::session& sql, int64_t id);
StatusOr<std::vector<Subscription>> ListSubscriptions(soci::session& sql);
// {"id","topic","endpoint_url","description","active","created_at","updated_at"}; no secret.
nlohmann::json SubscriptionJson(const Subscription& s);

// One event to one subscription.
struct Delivery {
  int64_t id = 0;
  int64_t event_id = 0;
  int64_t subscription_id = 0;
  std::string topic;
  std::string dedupe_key;
  std::string endpoint_url;
  std::string status;           // "pending", "delivered", "dead"
  int attempts = 0;             // attempts since it was last (re)queued
  int64_t next_attempt_ms = 0;  // epoch milliseconds; 0 = at once
  std::string last_error;
  std::string delivered_at;  // "" until delivered
  std::string event_created_at;
  std::string updated_at;
};

struct Attempt {
  int attempt = 0;  // 1, 2, … over the delivery's whole life
  std::string attempted_at;
  int http_status = 0;  // 0 when no answer came back
  std::string error;
  int64_t duration_ms = 0;
};

StatusOr<Delivery> GetDelivery(soci::session& sql, int64_t id);
// Deliveries of one status, oldest first.
StatusOr<std::vector<Delivery>> ListDeliveries(soci::session& sql, std::string_view status,
                                               int limit, int offset);
StatusOr<int64_t> CountDeliveries(soci::session& sql, std::string_view status);
StatusOr<std::vector<Attempt>> ListAttempts(soci::session& sql, int64_t delivery_id);
// The deliveries of the event with `dedupe_key` (empty if none).
StatusOr<std::vector<Delivery>> DeliveriesOfEvent(soci::session& sql, std::string_view dedupe_key);
// {"id","event_id","subscription_id","topic","dedupe_key","endpoint_url","status",
//  "attempts","next_attempt_at","last_error","delivered_at","created_at","updated_at"}.
nlohmann::json DeliveryJson(const Delivery& d);
nlohmann::json AttemptJson(const Attempt& a);

// Puts a dead-lettered delivery back in the queue, due at once with a fresh
// attempt budget; audited "outbox.retry". NotFound for an unknown id;
// FailedPrecondition unless it is dead.
StatusOr<Delivery> RetryDeadLetter(soci::session& sql, const audit::Actor& actor, int64_t id,
                                   const Clock& clock);

// ---- The worker's steps ----------------------------------------------------

// A delivery a worker has leased, with what it needs to POST it.
struct Claimed {
  int64_t delivery_id = 0;
  int64_t event_id = 0;
  std::string topic;
  std::string payload;
  std::string endpoint_url;
  std::string secret;
  int attempts = 0;  // before this one
  std::string lease_token;
};

// Leases up to `limit` pending deliveries due at `now` (next_attempt_ms and
// any earlier lease expired) to `lease_token` until now + lease, in one
// transaction. On PostgreSQL the rows are picked with FOR UPDATE SKIP LOCKED
// under READ COMMITTED, so several servers share the queue without taking the
// same row; on SQLite one process holds the store.
StatusOr<std::vector<Claimed>> ClaimDue(storage::Database& db, Clock::TimePoint now,
                                        std::chrono::milliseconds lease, int limit,
                                        const std::string& lease_token);

// Gives back the leases `lease_token` still holds on pending deliveries (a
// worker stopping before it POSTed them), so they are due again at once.
Status ReleaseLeases(storage::Database& db, const std::string& lease_token);

// What one POST gave.
struct AttemptResult {
  int http_status = 0;  // 0: no answer
  std::string error;    // "" on 2xx
  Clock::TimePoint started;
  std::chrono::milliseconds duration{0};
};

// Records the attempt and moves the delivery: 2xx → delivered (audited
// "outbox.delivered"); otherwise pending again at now + BackoffDelay(policy,
// attempts, u), or dead once `policy.max_attempts` attempts failed (audited
// "outbox.dead_letter"). Does nothing but record the attempt if the lease was
// lost (another worker took the row after the lease ran out). Returns the new
// status.
StatusOr<std::string> RecordAttempt(storage::Database& db, const Claimed& claimed,
                                    const AttemptResult& result, const RetryPolicy& policy,
                                    double u, const Clock& clock);

}  // namespace amr::outbox
