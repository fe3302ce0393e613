// SPDX-License-Identifier: MulanPSL-2.0
// 消息中心 in the store (table user_message, migration 0041): what other
// contexts call, inside their own transaction, to tell a user of an event,
// and the reads and read marks of the recipient's own messages.
//
//   RETURN_IF_ERROR(messages::Post(sql, app.applicant_user_id,
//                                  messages::Kind::kApplicationApproved,
//                                  {{"name", …}, {"how", "秒批"}, {"uscc", …}},
//                                  "/progress?id=42", "establishment.approved:42", clock));
//
// Post writes the message and, when the recipient has a mobile phone (one it
// confirmed by code when it registered itself), an outbox event of topic
// "notify.sms" in the same transaction: {"phone", "template" (the kind's id),
// "params", "text"}. The outbox delivers it only to an active subscription,
// so the texts go out exactly when the operator has subscribed the bureau's
// SMS gateway to "notify.sms" (docs/outbox.md); without one the message is
// in-site only.
//
// Thread-safety: functions are thread-safe; a session is not.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "messages/message.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::messages {

inline constexpr std::string_view kSmsTopic = "notify.sms";
inline constexpr std::size_t kMaxDedupeKeyBytes = 200;

// Tells `recipient` (an app_user id) of an event. `dedupe_key` names the event
// ("establishment.step.returned:17:1"): a second Post of the same key to the
// same recipient writes nothing (no message, no SMS) and is OK, so a retried
// request or a timer run twice never tells anyone twice. Errors:
// InvalidArgument naming "params.<name>" (a fact the text needs is missing),
// "link" (not a path of the UI), "dedupe_key" (empty or over 200 bytes),
// "recipient" (not positive); others from the store.
Status Post(soci::session& sql, int64_t recipient, Kind kind, const nlohmann::json& params,
            std::string_view link, std::string_view dedupe_key, const Clock& clock);
// The same to each of `recipients` (each with the same key).
Status PostToEach(soci::session& sql, const std::vector<int64_t>& recipients, Kind kind,
                  const nlohmann::json& params, std::string_view link, std::string_view dedupe_key,
                  const Clock& clock);

struct Message {
  int64_t id = 0;
  int64_t recipient_user_id = 0;
  std::string kind;  // KindId
  std::string title;
  std::string body;
  std::string link;
  std::string created_at;  // RFC 3339, China time
  std::string read_at;     // "" while unread
  bool unread() const { return read_at.empty(); }
};

struct MessageQuery {
  int64_t recipient = 0;
  bool unread_only = false;
  int limit = 20;
  int offset = 0;
};

struct MessagePage {
  int64_t total = 0;           // of the query (unread only when asked)
  int64_t unread_count = 0;    // of the recipient, whatever the query
  std::vector<Message> items;  // newest first
};

StatusOr<MessagePage> ListMessages(soci::session& sql, const MessageQuery& query);
StatusOr<int64_t> CountUnread(soci::session& sql, int64_t recipient);
// Marks message `id` of `recipient` read (a message read before keeps its
// time). NotFound (field "id") when there is no such message of that
// recipient: another user's message is not found, never forbidden, so that
// nobody learns which ids exist.
StatusOr<Message> MarkRead(soci::session& sql, int64_t recipient, int64_t id, const Clock& clock);
// Marks every unread message of `recipient` read; how many were.
StatusOr<int64_t> MarkAllRead(soci::session& sql, int64_t recipient, const Clock& clock);

nlohmann::json MessageJson(const Message& m);

}  // namespace amr::messages
