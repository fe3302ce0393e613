// SPDX-License-Identifier: MulanPSL-2.0
#include "outbox/store.h"

#include <soci/soci.h>

#include "storage/errors.h"
#include "storage/rows.h"

namespace amr::outbox {
namespace {

int64_t Ms(Clock::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::string MsText(int64_t ms) {
  if (ms <= 0) return "";
  return FormatChinaTime(Clock::TimePoint(std::chrono::milliseconds(ms)));
}

// Short names for the store's row readers (storage/rows.h).
int64_t Int(const soci::row& row, std::size_t i) { return storage::RowInt(row, i); }
std::string Text(const soci::row& row, std::size_t i) { return storage::RowText(row, i); }

constexpr const char* kSubscriptionColumns =
    "id, topic, endpoint_url, description, active, created_at, updated_at";

Subscription SubscriptionFromRow(const soci::row& r) {
  Subscription s;
  s.id = Int(r, 0);
  s.topic = Text(r, 1);
  s.endpoint_url = Text(r, 2);
  s.description = Text(r, 3);
  s.active = Int(r, 4) != 0;
  s.created_at = Text(r, 5);
  s.updated_at = Text(r, 6);
  return s;
}

constexpr const char* kDeliveryQuery =
    "SELECT d.id, d.event_id, d.subscription_id, e.topic, e.dedupe_key, s.endpoint_url, d.status, "
    "d.attempts, d.next_attempt_ms, d.last_error, d.delivered_at, e.created_at, d.updated_at "
    "FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id "
    "JOIN outbox_subscription s ON s.id = d.subscription_id ";

Delivery DeliveryFromRow(const soci::row& r) {
  Delivery d;
  d.id = Int(r, 0);
  d.event_id = Int(r, 1);
  d.subscription_id = Int(r, 2);
  d.topic = Text(r, 3);
  d.dedupe_key = Text(r, 4);
  d.endpoint_url = Text(r, 5);
  d.status = Text(r, 6);
  d.attempts = static_cast<int>(Int(r, 7));
  d.next_attempt_ms = Int(r, 8);
  d.last_error = Text(r, 9);
  d.delivered_at = Text(r, 10);
  d.event_created_at = Text(r, 11);
  d.updated_at = Text(r, 12);
  return d;
}

Status ValidateSecret(std::string_view secret) {
  bool ok = secret.size() >= 16 && secret.size() <= 256;
  for (char c : secret) ok = ok && c > 0x20 && c < 0x7f;
  if (!ok) {
    return InvalidArgumentError("签名密钥须为 16 至 256 个可打印 ASCII 字符（不含空格）", "secret");
  }
  return OkStatus();
}

Status ValidateDescription(std::string_view description) {
  if (description.size() > 500 || !IsCleanText(description)) {
    return InvalidArgumentError("说明不超过 500 字节，不含控制字符", "description");
  }
  return OkStatus();
}

// Keeps a message within what a column and an audit record should hold.
std::string Clip(std::string text, std::size_t max = 1000) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
  text.resize(cut);
  return text + "…";
}

}  // namespace

Status ValidateNewSubscription(const NewSubscription& s) {
  RETURN_IF_ERROR(ValidateTopic(s.topic));
  RETURN_IF_ERROR(ValidateEndpointUrl(s.endpoint_url));
  RETURN_IF_ERROR(ValidateSecret(s.secret));
  return ValidateDescription(s.description);
}

Status ValidateSubscriptionChange(const SubscriptionChange& c) {
  if (c.endpoint_url) RETURN_IF_ERROR(ValidateEndpointUrl(*c.endpoint_url));
  if (c.secret) RETURN_IF_ERROR(ValidateSecret(*c.secret));
  if (c.description) RETURN_IF_ERROR(ValidateDescription(*c.description));
  return OkStatus();
}

nlohmann::json SubscriptionJson(const Subscription& s) {
  return {{"id", s.id},
          {"topic", s.topic},
          {"endpoint_url", s.endpoint_url},
          {"description", s.description},
          {"active", s.active},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

StatusOr<Subscription> GetSubscription(soci::session& sql, int64_t id) {
  try {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT " << kSubscriptionColumns
                                                << " FROM outbox_subscription WHERE id = :id",
                                    soci::use(static_cast<long long>(id)));
    for (const soci::row& r : rows) return SubscriptionFromRow(r);
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return NotFoundError("推送订阅 " + std::to_string(id) + " 不存在");
}

StatusOr<std::vector<Subscription>> ListSubscriptions(soci::session& sql) {
  std::vector<Subscription> out;
  try {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT " << kSubscriptionColumns
                                                << " FROM outbox_subscription ORDER BY topic, id");
    for (const soci::row& r : rows) out.push_back(SubscriptionFromRow(r));
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return out;
}

StatusOr<Subscription> CreateSubscription(soci::session& sql, const audit::Actor& actor,
                                          const NewSubscription& s, const Clock& clock) {
  RETURN_IF_ERROR(ValidateNewSubscription(s));
  const std::string now = FormatChinaTime(clock.Now());
  const long long active = s.active ? 1 : 0;
  long long id = 0;
  try {
    sql << "INSERT INTO outbox_subscription (topic, endpoint_url, secret, description, active, "
           "created_at, updated_at) VALUES (:topic, :url, :secret, :description, :active, :now, "
           ":now2) RETURNING id",
        soci::use(s.topic), soci::use(s.endpoint_url), soci::use(s.secret),
        soci::use(s.description), soci::use(active), soci::use(now), soci::use(now), soci::into(id);
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  ASSIGN_OR_RETURN(Subscription created, GetSubscription(sql, id));
  RETURN_IF_ERROR(audit::Append(sql,
                                {actor, "outbox.subscription_create", "outbox_subscription",
                                 std::to_string(id), nullptr, SubscriptionJson(created)},
                                clock));
  return created;
}

StatusOr<Subscription> UpdateSubscription(soci::session& sql, const audit::Actor& actor, int64_t id,
                                          const SubscriptionChange& c, const Clock& clock) {
  RETURN_IF_ERROR(ValidateSubscriptionChange(c));
  ASSIGN_OR_RETURN(Subscription before, GetSubscription(sql, id));
  Subscription after = before;
  if (c.endpoint_url) after.endpoint_url = *c.endpoint_url;
  if (c.description) after.description = *c.description;
  if (c.active) after.active = *c.active;
  after.updated_at = FormatChinaTime(clock.Now());
  const long long active = after.active ? 1 : 0, key = id;
  try {
    sql << "UPDATE outbox_subscription SET endpoint_url = :url, description = :description, "
           "active = :active, updated_at = :now WHERE id = :id",
        soci::use(after.endpoint_url), soci::use(after.description), soci::use(active),
        soci::use(after.updated_at), soci::use(key);
    if (c.secret) {
      sql << "UPDATE outbox_subscription SET secret = :secret WHERE id = :id", soci::use(*c.secret),
          soci::use(key);
    }
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  nlohmann::json after_json = SubscriptionJson(after);
  after_json["secret_changed"] = c.secret.has_value();
  RETURN_IF_ERROR(audit::Append(sql,
                                {actor, "outbox.subscription_update", "outbox_subscription",
                                 std::to_string(id), SubscriptionJson(before), after_json},
                                clock));
  return after;
}

nlohmann::json DeliveryJson(const Delivery& d) {
  auto or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::json() : nlohmann::json(s);
  };
  return {{"id", d.id},
          {"event_id", d.event_id},
          {"subscription_id", d.subscription_id},
          {"topic", d.topic},
          {"dedupe_key", d.dedupe_key},
          {"endpoint_url", d.endpoint_url},
          {"status", d.status},
          {"attempts", d.attempts},
          {"next_attempt_at",
           d.status == "pending" ? or_null(MsText(d.next_attempt_ms)) : nlohmann::json()},
          {"last_error", d.last_error},
          {"delivered_at", or_null(d.delivered_at)},
          {"created_at", d.event_created_at},
          {"updated_at", d.updated_at}};
}

nlohmann::json AttemptJson(const Attempt& a) {
  return {{"attempt", a.attempt},
          {"attempted_at", a.attempted_at},
          {"http_status", a.http_status},
          {"error", a.error},
          {"duration_ms", a.duration_ms}};
}

StatusOr<Delivery> GetDelivery(soci::session& sql, int64_t id) {
  try {
    soci::rowset<soci::row> rows = (sql.prepare << kDeliveryQuery << "WHERE d.id = :id",
                                    soci::use(static_cast<long long>(id)));
    for (const soci::row& r : rows) return DeliveryFromRow(r);
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return NotFoundError("推送记录 " + std::to_string(id) + " 不存在");
}

StatusOr<std::vector<Delivery>> ListDeliveries(soci::session& sql, std::string_view status,
                                               int limit, int offset) {
  std::vector<Delivery> out;
  const std::string s(status);
  try {
    soci::rowset<soci::row> rows =
        (sql.prepare << kDeliveryQuery
                     << "WHERE d.status = :status ORDER BY d.id LIMIT :limit OFFSET :offset",
         soci::use(s), soci::use(limit), soci::use(offset));
    for (const soci::row& r : rows) out.push_back(DeliveryFromRow(r));
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return out;
}

StatusOr<int64_t> CountDeliveries(soci::session& sql, std::string_view status) {
  long long n = 0;
  const std::string s(status);
  try {
    sql << "SELECT COUNT(*) FROM outbox_delivery WHERE status = :status", soci::use(s),
        soci::into(n);
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return static_cast<int64_t>(n);
}

StatusOr<std::vector<Delivery>> DeliveriesOfEvent(soci::session& sql, std::string_view dedupe_key) {
  std::vector<Delivery> out;
  const std::string key(dedupe_key);
  try {
    soci::rowset<soci::row> rows =
        (sql.prepare << kDeliveryQuery << "WHERE e.dedupe_key = :key ORDER BY d.id",
         soci::use(key));
    for (const soci::row& r : rows) out.push_back(DeliveryFromRow(r));
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return out;
}

StatusOr<std::vector<Attempt>> ListAttempts(soci::session& sql, int64_t delivery_id) {
  std::vector<Attempt> out;
  try {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT attempt, attempted_at, http_status, error, duration_ms "
                        "FROM outbox_attempt WHERE delivery_id = :id ORDER BY attempt",
         soci::use(static_cast<long long>(delivery_id)));
    for (const soci::row& r : rows) {
      out.push_back({static_cast<int>(Int(r, 0)), Text(r, 1), static_cast<int>(Int(r, 2)),
                     Text(r, 3), Int(r, 4)});
    }
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return out;
}

StatusOr<Delivery> RetryDeadLetter(soci::session& sql, const audit::Actor& actor, int64_t id,
                                   const Clock& clock) {
  ASSIGN_OR_RETURN(Delivery before, GetDelivery(sql, id));
  if (before.status != "dead") {
    return FailedPreconditionError("只有失败队列中的推送（状态 dead）可以重新推送，此记录状态为 " +
                                   before.status);
  }
  const std::string now = FormatChinaTime(clock.Now());
  try {
    sql << "UPDATE outbox_delivery SET status = 'pending', attempts = 0, next_attempt_ms = 0, "
           "lease_until_ms = 0, lease_token = '', updated_at = :now WHERE id = :id",
        soci::use(now), soci::use(static_cast<long long>(id));
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  ASSIGN_OR_RETURN(Delivery after, GetDelivery(sql, id));
  RETURN_IF_ERROR(audit::Append(sql,
                                {actor, "outbox.retry", "outbox_delivery", std::to_string(id),
                                 DeliveryJson(before), DeliveryJson(after)},
                                clock));
  return after;
}

StatusOr<std::vector<Claimed>> ClaimDue(storage::Database& db, Clock::TimePoint now,
                                        std::chrono::milliseconds lease, int limit,
                                        const std::string& lease_token) {
  const long long now_ms = Ms(now), until_ms = now_ms + lease.count();
  const bool pg = db.backend() == storage::Backend::kPostgresql;
  std::vector<Claimed> out;
  Status s = db.Transaction([&](soci::session& sql) -> Status {
    out.clear();
    if (pg) sql << "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
    std::vector<long long> ids;
    {
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT id FROM outbox_delivery WHERE status = 'pending' AND "
                          "next_attempt_ms <= :now AND lease_until_ms <= :now2 "
                          "ORDER BY next_attempt_ms, id LIMIT :limit"
                       << (pg ? " FOR UPDATE SKIP LOCKED" : ""),
           soci::use(now_ms), soci::use(now_ms), soci::use(limit));
      for (const soci::row& r : rows) ids.push_back(Int(r, 0));
    }
    for (long long id : ids) {
      sql << "UPDATE outbox_delivery SET lease_until_ms = :until, lease_token = :token "
             "WHERE id = :id",
          soci::use(until_ms), soci::use(lease_token), soci::use(id);
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT d.id, d.event_id, e.topic, e.payload, s.endpoint_url, s.secret, "
                          "d.attempts FROM outbox_delivery d "
                          "JOIN outbox_event e ON e.id = d.event_id "
                          "JOIN outbox_subscription s ON s.id = d.subscription_id WHERE d.id = :id",
           soci::use(id));
      for (const soci::row& r : rows) {
        out.push_back({Int(r, 0), Int(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5),
                       static_cast<int>(Int(r, 6)), lease_token});
      }
    }
    return OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

Status ReleaseLeases(storage::Database& db, const std::string& lease_token) {
  return db.Transaction([&](soci::session& sql) -> Status {
    sql << "UPDATE outbox_delivery SET lease_until_ms = 0, lease_token = '' "
           "WHERE lease_token = :token AND status = 'pending'",
        soci::use(lease_token);
    return OkStatus();
  });
}

StatusOr<std::string> RecordAttempt(storage::Database& db, const Claimed& claimed,
                                    const AttemptResult& result, const RetryPolicy& policy,
                                    double u, const Clock& clock) {
  const bool ok = result.http_status >= 200 && result.http_status < 300;
  const std::string error =
      ok ? std::string()
         : Clip(result.error.empty() ? "HTTP " + std::to_string(result.http_status) : result.error);
  std::string new_status;
  const bool pg = db.backend() == storage::Backend::kPostgresql;
  Status s = db.Transaction([&](soci::session& sql) -> Status {
    const long long id = claimed.delivery_id;
    const std::string now = FormatChinaTime(clock.Now());
    const std::string started = FormatChinaTime(result.started);
    // PostgreSQL: READ COMMITTED with the row locked first. This transaction
    // touches one delivery (its lease proves it ours) and the audit chain
    // (serialised by its own lock), so SERIALIZABLE would only add
    // false conflicts between workers recording different deliveries.
    if (pg) sql << "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
    std::string token, status;
    long long attempts = 0;
    sql << "SELECT lease_token, status, attempts FROM outbox_delivery WHERE id = :id"
        << (pg ? " FOR UPDATE" : ""),
        soci::use(id), soci::into(token), soci::into(status), soci::into(attempts);
    long long seq = 0;
    sql << "SELECT COUNT(*) FROM outbox_attempt WHERE delivery_id = :id", soci::use(id),
        soci::into(seq);
    const long long status_code = result.http_status, duration = result.duration.count(),
                    attempt_no = seq + 1;
    sql << "INSERT INTO outbox_attempt (delivery_id, attempt, attempted_at, http_status, error, "
           "duration_ms) VALUES (:id, :n, :at, :status, :error, :duration)",
        soci::use(id), soci::use(attempt_no), soci::use(started), soci::use(status_code),
        soci::use(error), soci::use(duration);

    if (token != claimed.lease_token || status != "pending") {
      new_status = status;  // Lease lost: the row is another worker's now.
      return OkStatus();
    }
    ASSIGN_OR_RETURN(Delivery before, GetDelivery(sql, id));
    attempts += 1;
    if (ok) {
      new_status = "delivered";
      sql << "UPDATE outbox_delivery SET status = 'delivered', attempts = :attempts, "
             "lease_until_ms = 0, lease_token = '', last_error = '', delivered_at = :now, "
             "updated_at = :now2 WHERE id = :id",
          soci::use(attempts), soci::use(now), soci::use(now), soci::use(id);
    } else if (attempts >= policy.max_attempts) {
      new_status = "dead";
      sql << "UPDATE outbox_delivery SET status = 'dead', attempts = :attempts, "
             "lease_until_ms = 0, lease_token = '', last_error = :error, updated_at = :now "
             "WHERE id = :id",
          soci::use(attempts), soci::use(error), soci::use(now), soci::use(id);
    } else {
      new_status = "pending";
      const long long next =
          Ms(clock.Now()) + BackoffDelay(policy, static_cast<int>(attempts), u).count();
      sql << "UPDATE outbox_delivery SET attempts = :attempts, next_attempt_ms = :next, "
             "lease_until_ms = 0, lease_token = '', last_error = :error, updated_at = :now "
             "WHERE id = :id",
          soci::use(attempts), soci::use(next), soci::use(error), soci::use(now), soci::use(id);
    }
    if (new_status != "pending") {
      ASSIGN_OR_RETURN(Delivery after, GetDelivery(sql, id));
      RETURN_IF_ERROR(audit::Append(
          sql,
          {audit::Actor{}, new_status == "delivered" ? "outbox.delivered" : "outbox.dead_letter",
           "outbox_delivery", std::to_string(id), DeliveryJson(before), DeliveryJson(after)},
          clock));
    }
    return OkStatus();
  });
  if (!s.ok()) return s;
  return new_status;
}

}  // namespace amr::outbox
