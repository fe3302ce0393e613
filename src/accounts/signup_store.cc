// SPDX-License-Identifier: MulanPSL-2.0
#include "accounts/signup_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <string>

#include "storage/rows.h"

namespace amr::accounts {
namespace {

using storage::RowInt;
using storage::RowText;

constexpr const char* kColumns =
    "SELECT id, phone, name, citizen_id, password_hash, code_salt, code_digest, code_sent_at, "
    "attempts, send_day, sends_that_day, state, user_id, created_at, verified_at "
    "FROM applicant_signup ";

StatusOr<Signup> FromRow(const soci::row& r) {
  Signup s;
  s.id = RowInt(r, 0);
  s.phone = RowText(r, 1);
  s.name = RowText(r, 2);
  s.citizen_id = RowText(r, 3);
  s.password_hash = RowText(r, 4);
  s.code_salt = RowText(r, 5);
  s.code_digest = RowText(r, 6);
  ASSIGN_OR_RETURN(s.code_sent_at, ParseTime(RowText(r, 7), "code_sent_at"));
  s.attempts = static_cast<int>(RowInt(r, 8));
  ASSIGN_OR_RETURN(s.send_day, Date::Parse(RowText(r, 9), "send_day"));
  s.sends_that_day = static_cast<int>(RowInt(r, 10));
  ASSIGN_OR_RETURN(s.state, ParseSignupState(RowText(r, 11)));
  s.user_id = r.get_indicator(12) == soci::i_null ? 0 : RowInt(r, 12);
  s.created_at = RowText(r, 13);
  s.verified_at = RowText(r, 14);
  return s;
}

}  // namespace

StatusOr<std::optional<Signup>> FindSignup(soci::session& sql, std::string_view phone) {
  const std::string key(phone);
  soci::rowset<soci::row> rows = (sql.prepare << kColumns << "WHERE phone = :p", soci::use(key));
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(Signup s, FromRow(r));
    return std::optional<Signup>(std::move(s));
  }
  return std::optional<Signup>();
}

StatusOr<Signup> InsertSignup(soci::session& sql, Signup signup, std::string_view now) {
  const std::string sent = FormatChinaTime(signup.code_sent_at), day = signup.send_day.ToString(),
                    state(SignupStateId(signup.state)), created(now);
  const int attempts = signup.attempts, sends = signup.sends_that_day;
  long long id = 0;
  sql << "INSERT INTO applicant_signup (phone, name, citizen_id, password_hash, code_salt, "
         "code_digest, code_sent_at, attempts, send_day, sends_that_day, state, created_at) "
         "VALUES (:p, :n, :c, :h, :s, :d, :t, :a, :y, :k, :st, :cr) RETURNING id",
      soci::use(signup.phone), soci::use(signup.name), soci::use(signup.citizen_id),
      soci::use(signup.password_hash), soci::use(signup.code_salt), soci::use(signup.code_digest),
      soci::use(sent), soci::use(attempts), soci::use(day), soci::use(sends), soci::use(state),
      soci::use(created), soci::into(id);
  signup.id = id;
  signup.created_at = created;
  return signup;
}

Status UpdateSignup(soci::session& sql, const Signup& signup) {
  const std::string sent = FormatChinaTime(signup.code_sent_at), day = signup.send_day.ToString(),
                    state(SignupStateId(signup.state));
  const int attempts = signup.attempts, sends = signup.sends_that_day;
  const long long id = signup.id, user = signup.user_id;
  soci::indicator user_ind = signup.user_id == 0 ? soci::i_null : soci::i_ok;
  sql << "UPDATE applicant_signup SET name = :n, citizen_id = :c, password_hash = :h, "
         "code_salt = :s, code_digest = :d, code_sent_at = :t, attempts = :a, send_day = :y, "
         "sends_that_day = :k, state = :st, user_id = :u, verified_at = :v WHERE id = :id",
      soci::use(signup.name), soci::use(signup.citizen_id), soci::use(signup.password_hash),
      soci::use(signup.code_salt), soci::use(signup.code_digest), soci::use(sent),
      soci::use(attempts), soci::use(day), soci::use(sends), soci::use(state),
      soci::use(user, user_ind), soci::use(signup.verified_at), soci::use(id);
  return OkStatus();
}

StatusOr<bool> CitizenHasAccount(soci::session& sql, std::string_view citizen_id) {
  const std::string key(citizen_id);
  long long n = 0;
  sql << "SELECT COUNT(*) FROM app_user WHERE citizen_id = :c AND kind = 'applicant'",
      soci::use(key), soci::into(n);
  return n > 0;
}

StatusOr<bool> UsernameTaken(soci::session& sql, std::string_view username) {
  const std::string key(username);
  long long n = 0;
  sql << "SELECT COUNT(*) FROM app_user WHERE username = :u", soci::use(key), soci::into(n);
  return n > 0;
}

StatusOr<std::string> ConfirmedPhoneOf(soci::session& sql, int64_t user_id) {
  const long long id = user_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT phone FROM applicant_signup WHERE user_id = :u AND state = "
                      "'verified' ORDER BY id DESC",
       soci::use(id));
  for (const soci::row& r : rows) return RowText(r, 0);
  return std::string();
}

}  // namespace amr::accounts
