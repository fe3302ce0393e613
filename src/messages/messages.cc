// SPDX-License-Identifier: MulanPSL-2.0
#include "messages/messages.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include "accounts/signup_store.h"
#include "outbox/outbox.h"
#include "storage/errors.h"
#include "storage/rows.h"

namespace amr::messages {
namespace {

using nlohmann::json;
using storage::RowInt;
using storage::RowText;

constexpr const char* kColumns =
    "SELECT id, recipient_user_id, kind, title, body, link, created_at, read_at FROM user_message ";

Message FromRow(const soci::row& r) {
  Message m;
  m.id = RowInt(r, 0);
  m.recipient_user_id = RowInt(r, 1);
  m.kind = RowText(r, 2);
  m.title = RowText(r, 3);
  m.body = RowText(r, 4);
  m.link = RowText(r, 5);
  m.created_at = RowText(r, 6);
  m.read_at = RowText(r, 7);
  return m;
}

StatusOr<Message> Find(soci::session& sql, int64_t recipient, int64_t id) {
  const long long rid = recipient, mid = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << kColumns << "WHERE id = :id AND recipient_user_id = :r", soci::use(mid),
       soci::use(rid));
  for (const soci::row& r : rows) return FromRow(r);
  return NotFoundError(fmt::format("没有编号为 {} 的消息", id), "id");
}

}  // namespace

Status Post(soci::session& sql, int64_t recipient, Kind kind, const json& params,
            std::string_view link, std::string_view dedupe_key, const Clock& clock) {
  if (recipient <= 0) return InvalidArgumentError("消息须有收件人", "recipient");
  if (dedupe_key.empty() || dedupe_key.size() > kMaxDedupeKeyBytes) {
    return InvalidArgumentError("消息的去重键须为 1 至 200 字节", "dedupe_key");
  }
  RETURN_IF_ERROR(CheckLink(link));
  ASSIGN_OR_RETURN(Text text, Compose(kind, params));
  const std::string kind_id(KindId(kind)), link_text(link), key(dedupe_key),
      params_text = params.dump(), now = FormatChinaTime(clock.Now());
  const long long to = recipient;
  long long id = 0;
  try {
    sql << "INSERT INTO user_message (recipient_user_id, kind, title, body, link, params, "
           "dedupe_key, created_at) VALUES (:r, :k, :t, :b, :l, :p, :d, :now) "
           "ON CONFLICT (recipient_user_id, dedupe_key) DO NOTHING RETURNING id",
        soci::use(to), soci::use(kind_id), soci::use(text.title), soci::use(text.body),
        soci::use(link_text), soci::use(params_text), soci::use(key), soci::use(now),
        soci::into(id);
    if (!sql.got_data()) return OkStatus();  // told before
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  // The same words by SMS where the recipient has a phone (and the operator
  // subscribed a gateway: the outbox delivers to active subscriptions only).
  ASSIGN_OR_RETURN(std::string phone, accounts::ConfirmedPhoneOf(sql, recipient));
  if (phone.empty()) return OkStatus();
  return outbox::Enqueue(sql, kSmsTopic,
                         json{{"phone", phone},
                              {"template", kind_id},
                              {"params", params},
                              {"text", text.title + "：" + text.body}},
                         fmt::format("notify.sms:message:{}", id), clock);
}

Status PostToEach(soci::session& sql, const std::vector<int64_t>& recipients, Kind kind,
                  const json& params, std::string_view link, std::string_view dedupe_key,
                  const Clock& clock) {
  for (int64_t r : recipients) RETURN_IF_ERROR(Post(sql, r, kind, params, link, dedupe_key, clock));
  return OkStatus();
}

StatusOr<MessagePage> ListMessages(soci::session& sql, const MessageQuery& q) {
  MessagePage page;
  const long long r = q.recipient;
  const std::string unread = q.unread_only ? " AND read_at IS NULL" : "";
  long long total = 0;
  sql << "SELECT COUNT(*) FROM user_message WHERE recipient_user_id = :r" + unread, soci::use(r),
      soci::into(total);
  page.total = total;
  ASSIGN_OR_RETURN(page.unread_count, CountUnread(sql, q.recipient));
  const long long limit = q.limit, offset = q.offset;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kColumns) + "WHERE recipient_user_id = :r" + unread +
                          " ORDER BY id DESC LIMIT :lim OFFSET :off",
       soci::use(r), soci::use(limit), soci::use(offset));
  for (const soci::row& row : rows) page.items.push_back(FromRow(row));
  return page;
}

StatusOr<int64_t> CountUnread(soci::session& sql, int64_t recipient) {
  const long long r = recipient;
  long long n = 0;
  sql << "SELECT COUNT(*) FROM user_message WHERE recipient_user_id = :r AND read_at IS NULL",
      soci::use(r), soci::into(n);
  return static_cast<int64_t>(n);
}

StatusOr<Message> MarkRead(soci::session& sql, int64_t recipient, int64_t id, const Clock& clock) {
  ASSIGN_OR_RETURN(Message m, Find(sql, recipient, id));
  if (!m.unread()) return m;
  const std::string now = FormatChinaTime(clock.Now());
  const long long mid = id;
  sql << "UPDATE user_message SET read_at = :now WHERE id = :id AND read_at IS NULL",
      soci::use(now), soci::use(mid);
  m.read_at = now;
  return m;
}

StatusOr<int64_t> MarkAllRead(soci::session& sql, int64_t recipient, const Clock& clock) {
  ASSIGN_OR_RETURN(int64_t n, CountUnread(sql, recipient));
  if (n == 0) return n;
  const std::string now = FormatChinaTime(clock.Now());
  const long long r = recipient;
  sql << "UPDATE user_message SET read_at = :now WHERE recipient_user_id = :r AND read_at IS NULL",
      soci::use(now), soci::use(r);
  return n;
}

json MessageJson(const Message& m) {
  return {{"id", m.id},
          {"kind", m.kind},
          {"title", m.title},
          {"body", m.body},
          {"link", m.link.empty() ? json(nullptr) : json(m.link)},
          {"created_at", m.created_at},
          {"read_at", m.read_at.empty() ? json(nullptr) : json(m.read_at)},
          {"unread", m.unread()}};
}

}  // namespace amr::messages
