// SPDX-License-Identifier: MulanPSL-2.0
#include "outbox/outbox.h"

#include <soci/soci.h>

#include <string>

#include "outbox/rules.h"
#include "storage/errors.h"

namespace amr::outbox {

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
  const std::string topic_text(topic), key(dedupe_key), now = FormatChinaTime(clock.Now());
  try {
    long long event_id = 0;
    sql << "INSERT INTO outbox_event (topic, payload, dedupe_key, created_at) "
           "VALUES (:topic, :payload, :key, :now) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
        soci::use(topic_text), soci::use(body), soci::use(key), soci::use(now),
        soci::into(event_id);
    if (!sql.got_data()) return OkStatus();  // The same fact was already told.
    sql << "INSERT INTO outbox_delivery (event_id, subscription_id, status, attempts, "
           "next_attempt_ms, lease_until_ms, lease_token, last_error, updated_at) "
           "SELECT :event, id, 'pending', 0, 0, 0, '', '', :now FROM outbox_subscription "
           "WHERE topic = :topic AND active = 1",
        soci::use(event_id), soci::use(now), soci::use(topic_text);
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return OkStatus();
}

}  // namespace amr::outbox
