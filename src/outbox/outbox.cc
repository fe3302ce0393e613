// SPDX-License-Identifier: MulanPSL-2.0
#include "outbox/outbox.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "outbox/rules.h"
#include "storage/commit_hooks.h"
#include "storage/errors.h"
#include "storage/query.h"

namespace amr::outbox {

namespace {

struct Pending {
  std::string topic, payload, dedupe_key, created_at;
};

// One event and its deliveries, at once.
void InsertOne(soci::session& sql, const Pending& e) {
  long long event_id = 0;
  sql << "INSERT INTO outbox_event (topic, payload, dedupe_key, created_at) "
         "VALUES (:topic, :payload, :key, :now) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
      soci::use(e.topic), soci::use(e.payload), soci::use(e.dedupe_key), soci::use(e.created_at),
      soci::into(event_id);
  if (!sql.got_data()) return;  // The same fact was already told.
  sql << "INSERT INTO outbox_delivery (event_id, subscription_id, status, attempts, "
         "next_attempt_ms, lease_until_ms, lease_token, last_error, updated_at) "
         "SELECT :event, id, 'pending', 0, 0, 0, '', '', :now FROM outbox_subscription "
         "WHERE topic = :topic AND active = 1",
      soci::use(event_id), soci::use(e.created_at), soci::use(e.topic);
}

// Events per statement: at most 200 (4 values each), and no more payload
// bytes than 8 MiB beyond the first event.
constexpr std::size_t kEventsPerInsert = 200;
constexpr std::size_t kBytesPerInsert = 8 << 20;

// PostgreSQL: many events and their deliveries in one statement each batch;
// an event whose key is already stored (or repeated in the batch) is skipped
// with its deliveries, as InsertOne skips it.
void InsertAll(soci::session& sql, const std::vector<Pending>& events) {
  for (std::size_t from = 0; from < events.size();) {
    storage::Params p;
    std::string values;
    std::size_t bytes = 0, i = from;
    for (; i < events.size() && i - from < kEventsPerInsert && bytes <= kBytesPerInsert; ++i) {
      const Pending& e = events[i];
      bytes += e.payload.size();
      values += fmt::format("{}({}, {}, {}, {})", i == from ? "" : ", ", p.Text(e.topic),
                            p.Text(e.payload), p.Text(e.dedupe_key), p.Text(e.created_at));
    }
    from = i;
    storage::Exec(sql,
                  "WITH event AS (INSERT INTO outbox_event (topic, payload, dedupe_key, "
                  "created_at) VALUES " +
                      values +
                      " ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, topic, created_at) "
                      "INSERT INTO outbox_delivery (event_id, subscription_id, status, attempts, "
                      "next_attempt_ms, lease_until_ms, lease_token, last_error, updated_at) "
                      "SELECT event.id, s.id, 'pending', 0, 0, 0, '', '', event.created_at "
                      "FROM event JOIN outbox_subscription s ON s.topic = event.topic AND "
                      "s.active = 1 ORDER BY event.id, s.id",
                  p);
  }
}

}  // namespace

Status Enqueue(soci::session& sql, std::string_view topic, const nlohmann::json& payload,
               std::string_view dedupe_key) {
  return Enqueue(sql, topic, payload, dedupe_key, Clock::Real());
}

Status Enqueue(soci::session& sql, std::string_view topic, const nlohmann::json& payload,
               std::string_view dedupe_key, const Clock& clock) {
  RETURN_IF_ERROR(ValidateTopic(topic));
  if (!payload.is_object()) return InvalidArgumentError("事件内容必须是 JSON 对象", "payload");
  if (dedupe_key.empty() || dedupe_key.size() > kMaxDedupeKeyBytes || !IsCleanText(dedupe_key)) {
    return InvalidArgumentError("去重键须为 1 至 200 字节的 UTF-8 文本，不含控制字符",
                                "dedupe_key");
  }
  std::string body;
  try {
    body = payload.dump();
  } catch (const nlohmann::json::exception&) {
    return InvalidArgumentError("事件内容含有不是 UTF-8 的文本", "payload");
  }
  if (body.size() > kMaxPayloadBytes) {
    return InvalidArgumentError("事件内容超过 1 MiB", "payload");
  }
  Pending event{std::string(topic), std::move(body), std::string(dedupe_key),
                FormatChinaTime(clock.Now())};
  try {
    // PostgreSQL, inside Database::Transaction: the transaction's events are
    // written together just before its commit, in one statement.
    if (sql.get_backend_name() == "postgresql") {
      if (std::shared_ptr<void>* slot = storage::AttemptSlot(sql, "outbox_event")) {
        if (*slot == nullptr) {
          auto events = std::make_shared<std::vector<Pending>>();
          *slot = events;
          storage::BeforeCommit(sql, "outbox_event", [events](soci::session& s) -> Status {
            try {
              InsertAll(s, *events);
            } catch (const std::exception& e) {
              return storage::StatusFromException(e);
            }
            return OkStatus();
          });
        }
        std::static_pointer_cast<std::vector<Pending>>(*slot)->push_back(std::move(event));
        return OkStatus();
      }
    }
    InsertOne(sql, event);
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return OkStatus();
}

}  // namespace amr::outbox
