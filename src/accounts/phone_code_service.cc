// SPDX-License-Identifier: MulanPSL-2.0
#include "accounts/phone_code_service.h"

#include <fmt/format.h>
#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>

#include "audit/audit_log.h"
#include "common/text.h"
#include "outbox/outbox.h"
#include "storage/rows.h"

namespace amr::accounts {
namespace {

using nlohmann::json;

Status CheckPurpose(std::string_view purpose) {
  if (purpose != kObjectionPurpose) return InvalidArgumentError("验证码用途不明", "purpose");
  return OkStatus();
}

StatusOr<std::optional<PhoneCode>> Find(soci::session& sql, std::string_view purpose,
                                        std::string_view phone) {
  const std::string p(purpose), n(phone);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, code_salt, code_digest, code_sent_at, attempts, send_day, "
                      "sends_that_day, confirmed_at FROM phone_code WHERE purpose = :p AND phone "
                      "= :n",
       soci::use(p), soci::use(n));
  for (const soci::row& r : rows) {
    PhoneCode c;
    c.id = storage::RowInt(r, 0);
    c.purpose = p;
    c.phone = n;
    c.code_salt = storage::RowText(r, 1);
    c.code_digest = storage::RowText(r, 2);
    ASSIGN_OR_RETURN(c.code_sent_at, ParseTime(storage::RowText(r, 3), "code_sent_at"));
    c.attempts = static_cast<int>(storage::RowInt(r, 4));
    ASSIGN_OR_RETURN(c.send_day, Date::Parse(storage::RowText(r, 5), "send_day"));
    c.sends_that_day = static_cast<int>(storage::RowInt(r, 6));
    c.confirmed_at = storage::RowText(r, 7);
    return std::optional<PhoneCode>(std::move(c));
  }
  return std::optional<PhoneCode>();
}

Status Save(soci::session& sql, PhoneCode& c) {
  const std::string sent = FormatChinaTime(c.code_sent_at), day = c.send_day.ToString();
  const int attempts = c.attempts, sends = c.sends_that_day;
  if (c.id == 0) {
    long long id = 0;
    sql << "INSERT INTO phone_code (purpose, phone, code_salt, code_digest, code_sent_at, "
           "attempts, send_day, sends_that_day, confirmed_at) VALUES (:p, :n, :s, :d, :t, :a, "
           ":y, :k, :c) RETURNING id",
        soci::use(c.purpose), soci::use(c.phone), soci::use(c.code_salt), soci::use(c.code_digest),
        soci::use(sent), soci::use(attempts), soci::use(day), soci::use(sends),
        soci::use(c.confirmed_at), soci::into(id);
    c.id = id;
    return OkStatus();
  }
  const long long id = c.id;
  sql << "UPDATE phone_code SET code_salt = :s, code_digest = :d, code_sent_at = :t, attempts = "
         ":a, send_day = :y, sends_that_day = :k, confirmed_at = :c WHERE id = :id",
      soci::use(c.code_salt), soci::use(c.code_digest), soci::use(sent), soci::use(attempts),
      soci::use(day), soci::use(sends), soci::use(c.confirmed_at), soci::use(id);
  return OkStatus();
}

}  // namespace

StatusOr<SignupReceipt> PhoneCodeService::Send(std::string_view purpose, std::string phone,
                                               const identity::Caller& caller) {
  RETURN_IF_ERROR(CheckPurpose(purpose));
  phone = Trim(FullWidthToHalfWidth(phone));
  if (!IsMobilePhone(phone)) {
    return InvalidArgumentError("请填写本人的手机号码（11 位数字，以 13 至 19 开头）", "phone");
  }
  const Clock::TimePoint now = clock_.Now();
  const std::string code = NewCode();
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(std::optional<PhoneCode> found, Find(sql, purpose, phone));
    PhoneCode c = found.value_or(PhoneCode{});
    if (found) RETURN_IF_ERROR(c.CanSend(now, rules_));
    c.purpose = std::string(purpose);
    c.phone = phone;
    std::string salt = NewSalt();
    std::string digest = CodeDigest(salt, code);
    c.Sent(std::move(salt), std::move(digest), now);
    RETURN_IF_ERROR(Save(sql, c));
    RETURN_IF_ERROR(outbox::Enqueue(
        sql, "notify.sms",
        json{{"phone", phone},
             {"template", std::string(purpose) + "_code"},
             {"params", {{"code", code}, {"minutes", rules_.lifetime.count() / 60}}},
             {"text", PhoneCodeMessage(code, purpose, rules_)}},
        fmt::format("notify.sms:{}:{}:{}", purpose, c.id, FormatChinaTime(now)), clock_));
    audit::Actor actor;
    actor.username = caller.name;
    actor.ip = caller.ip;
    actor.request_id = caller.request_id;
    return audit::Append(sql,
                         {actor, "phone_code.send", "phone_code", std::to_string(c.id), nullptr,
                          json{{"purpose", purpose}, {"phone", MaskPhone(phone)}}},
                         clock_);
  }));
  if (log_codes_ && log_codes_->load()) {
    spdlog::info("演示环境：手机 {} 的验证码 {}（{}；正式部署由短信网关发送，不写入日志）", phone,
                 code, purpose);
  }
  return SignupReceipt{.phone_masked = MaskPhone(phone),
                       .code_sent = true,
                       .resend_after_seconds = rules_.resend_after.count(),
                       .code_lifetime_seconds = rules_.lifetime.count()};
}

Status PhoneCodeService::Confirm(std::string_view purpose, std::string phone, std::string code) {
  RETURN_IF_ERROR(CheckPurpose(purpose));
  phone = Trim(FullWidthToHalfWidth(phone));
  code = Trim(FullWidthToHalfWidth(code));
  if (code.empty()) return InvalidArgumentError("请填写短信验证码", "code");
  if (code.size() != 6 || !std::all_of(code.begin(), code.end(), [](char ch) {
        return std::isdigit(static_cast<unsigned char>(ch)) != 0;
      })) {
    return InvalidArgumentError("验证码为短信中的 6 位数字", "code");
  }
  const Clock::TimePoint now = clock_.Now();
  CodeCheck check = CodeCheck::kWrong;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(std::optional<PhoneCode> found, Find(sql, purpose, phone));
    if (!found) return InvalidArgumentError("请先获取短信验证码", "code");
    check = found->Try(CodeMatchesDigest(found->code_salt, found->code_digest, code), now, rules_);
    if (check == CodeCheck::kAlreadyVerified && !found->ConfirmedAt(now)) {
      check = CodeCheck::kExpired;  // confirmed long ago: a new code is needed
    }
    if (check == CodeCheck::kAccepted || check == CodeCheck::kWrong) return Save(sql, *found);
    return OkStatus();
  }));
  return CodeCheckStatus(check);
}

}  // namespace amr::accounts
