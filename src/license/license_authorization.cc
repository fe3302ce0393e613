// SPDX-License-Identifier: MulanPSL-2.0
// Agent authorisations of a licence (license_store.h, "Agent authorisations").
#include <fmt/format.h>
#include <soci/soci.h>

#include <array>

#include "codes/citizen_id.h"
#include "license/internal/store_support.h"
#include "license/license_store.h"
#include "storage/rows.h"
#include "storage/serial_counter.h"

namespace amr::license {
namespace {

using storage::RowInt;
using storage::RowText;

constexpr std::array<TaskInfo, 8> kTasks = {{
    {"registration", "登记注册"},
    {"change", "变更登记"},
    {"annual_report", "年度报告"},
    {"deregistration", "注销登记"},
    {"tax", "税务办理"},
    {"social_insurance", "社保办理"},
    {"bank_account", "银行开户"},
    {"consumer_disputes", "消费纠纷处理"},
}};

std::vector<std::string> SplitTasks(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string JoinTasks(const std::vector<std::string>& tasks) {
  std::string out;
  for (const std::string& t : tasks) {
    if (!out.empty()) out += ',';
    out += t;
  }
  return out;
}

constexpr std::string_view kAuthorizationColumns =
    "id, uscc, agent_user_id, agent_citizen_id, agent_name, tasks, valid_from, valid_until, "
    "granted_by, granted_at, revoked_at, revoked_by";

StatusOr<Authorization> AuthorizationFromRow(const soci::row& r) {
  Authorization a;
  a.id = RowInt(r, 0);
  a.uscc = RowText(r, 1);
  a.agent_user_id = RowInt(r, 2);
  a.agent_citizen_id = RowText(r, 3);
  a.agent_name = RowText(r, 4);
  a.tasks = SplitTasks(RowText(r, 5));
  ASSIGN_OR_RETURN(a.valid_from, Date::Parse(RowText(r, 6), "valid_from"));
  ASSIGN_OR_RETURN(a.valid_until, Date::Parse(RowText(r, 7), "valid_until"));
  a.granted_by = RowInt(r, 8);
  a.granted_at = RowText(r, 9);
  a.revoked_at = RowText(r, 10);
  a.revoked_by = RowInt(r, 11);
  return a;
}

nlohmann::json AuthorizationAudit(const Authorization& a) {
  return {{"id", a.id},
          {"agent_user_id", a.agent_user_id},
          {"agent_citizen_id", a.agent_citizen_id},
          {"agent_name", a.agent_name},
          {"tasks", a.tasks},
          {"valid_from", a.valid_from.ToString()},
          {"valid_until", a.valid_until.ToString()},
          {"revoked_at", a.revoked_at}};
}

StatusOr<std::optional<Authorization>> FindAuthorization(soci::session& sql, std::string_view uscc,
                                                         int64_t id) {
  const std::string u(uscc);
  long long lid = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kAuthorizationColumns
                   << " FROM license_authorization WHERE uscc = :u AND id = :id",
       soci::use(u), soci::use(lid));
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(Authorization a, AuthorizationFromRow(r));
    return std::optional<Authorization>(std::move(a));
  }
  return std::optional<Authorization>();
}

}  // namespace

// ---- Agent authorisations -----------------------------------------------

std::span<const TaskInfo> AllTasks() { return kTasks; }

StatusOr<std::string> ParseTask(std::string_view text) {
  for (const TaskInfo& t : kTasks) {
    if (text == t.id || text == t.name) return std::string(t.id);
  }
  std::string known;
  for (const TaskInfo& t : kTasks) {
    if (!known.empty()) known += "、";
    known += fmt::format("{}（{}）", t.id, t.name);
  }
  return InvalidArgumentError(fmt::format("未知的授权事项 {}，可选：{}", text, known), "tasks");
}

std::string_view Authorization::StateAt(Clock::TimePoint now) const {
  if (!revoked_at.empty()) return "revoked";
  const Date today = ChinaDate(now);
  if (today < valid_from) return "pending";
  if (today > valid_until) return "expired";
  return "active";
}

StatusOr<Authorization> GrantAuthorization(soci::session& sql, std::string_view uscc,
                                           const NewAuthorization& grant, const audit::Actor& actor,
                                           const Clock& clock) {
  Authorization a;
  a.uscc = std::string(uscc);
  const bool by_user = grant.agent_user_id != 0;
  const bool by_person = !grant.agent_citizen_id.empty();
  if (by_user == by_person) {
    return InvalidArgumentError(
        "须且只须指明经办人的用户编号 agent_user_id 或身份证号 "
        "agent_citizen_id 之一",
        "agent_user_id");
  }
  const Date today = ChinaDate(clock.Now());
  if (by_user) {
    if (grant.agent_user_id < 0) {
      return InvalidArgumentError("经办人用户编号应为正整数", "agent_user_id");
    }
    long long uid = grant.agent_user_id;
    std::string name;
    soci::indicator ind = soci::i_null;
    sql << "SELECT display_name FROM app_user WHERE id = :id AND active = 1", soci::into(name, ind),
        soci::use(uid);
    if (!sql.got_data()) {
      return InvalidArgumentError(fmt::format("经办人用户 {} 不存在或已停用", uid),
                                  "agent_user_id");
    }
    a.agent_user_id = grant.agent_user_id;
    a.agent_name = grant.agent_name.empty() ? name : grant.agent_name;
  } else {
    codes::CitizenIdCheck check = codes::CheckCitizenId(grant.agent_citizen_id, &today);
    if (!check.valid) return check.problem.WithField("agent_citizen_id");
    std::string folded = grant.agent_citizen_id;
    folded.erase(std::remove_if(folded.begin(), folded.end(), [](char c) { return c == ' '; }),
                 folded.end());
    std::transform(folded.begin(), folded.end(), folded.begin(),
                   [](char c) { return c == 'x' ? 'X' : c; });
    a.agent_citizen_id = folded;
    if (grant.agent_name.empty()) {
      return InvalidArgumentError("按身份证号授权时须填写经办人姓名", "agent_name");
    }
    a.agent_name = grant.agent_name;
  }
  if (a.agent_name.size() > 200) return InvalidArgumentError("经办人姓名过长", "agent_name");
  if (grant.tasks.empty()) return InvalidArgumentError("授权事项不能为空", "tasks");
  for (const std::string& t : grant.tasks) {
    ASSIGN_OR_RETURN(std::string id, ParseTask(t));
    if (std::find(a.tasks.begin(), a.tasks.end(), id) != a.tasks.end()) {
      return InvalidArgumentError(fmt::format("授权事项 {} 重复", t), "tasks");
    }
    a.tasks.push_back(id);
  }
  if (grant.valid_until < grant.valid_from) {
    return InvalidArgumentError("授权截止日期不能早于起始日期", "valid_until");
  }
  if (grant.valid_until < today) {
    return InvalidArgumentError(fmt::format("授权截止日期 {} 已过（今天是 {}）",
                                            grant.valid_until.ToString(), today.ToString()),
                                "valid_until");
  }
  if (grant.valid_until.DaysSince(grant.valid_from) > 3 * 366) {
    return InvalidArgumentError("单次授权期限不能超过三年", "valid_until");
  }
  a.valid_from = grant.valid_from;
  a.valid_until = grant.valid_until;
  RETURN_IF_ERROR(internal::RequireLicense(sql, uscc));
  ASSIGN_OR_RETURN(a.id, storage::NextSerial(sql, "license_authorization"));
  a.granted_by = actor.user_id;
  a.granted_at = FormatChinaTime(clock.Now());
  long long id = a.id;
  long long agent = a.agent_user_id;
  soci::indicator agent_ind = a.agent_user_id != 0 ? soci::i_ok : soci::i_null;
  const std::string tasks = JoinTasks(a.tasks);
  const std::string from = a.valid_from.ToString();
  const std::string until = a.valid_until.ToString();
  long long by = a.granted_by;
  sql << "INSERT INTO license_authorization (id, uscc, agent_user_id, agent_citizen_id, "
         "agent_name, tasks, valid_from, valid_until, granted_by, granted_at, revoked_at, "
         "revoked_by) VALUES (:id, :u, :agent, :cid, :name, :tasks, :from, :until, :by, :at, "
         "NULL, NULL)",
      soci::use(id), soci::use(a.uscc), soci::use(agent, agent_ind), soci::use(a.agent_citizen_id),
      soci::use(a.agent_name), soci::use(tasks), soci::use(from), soci::use(until), soci::use(by),
      soci::use(a.granted_at);
  RETURN_IF_ERROR(audit::Append(sql,
                                {actor, "license.authorize", "license_authorization",
                                 std::to_string(a.id), nullptr, AuthorizationAudit(a)},
                                clock));
  return a;
}

StatusOr<std::vector<Authorization>> ListAuthorizations(soci::session& sql, std::string_view uscc) {
  RETURN_IF_ERROR(internal::RequireLicense(sql, uscc));
  const std::string u(uscc);
  std::vector<Authorization> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kAuthorizationColumns
                   << " FROM license_authorization WHERE uscc = :u ORDER BY id DESC",
       soci::use(u));
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(Authorization a, AuthorizationFromRow(r));
    out.push_back(std::move(a));
  }
  return out;
}

StatusOr<Authorization> RevokeAuthorization(soci::session& sql, std::string_view uscc, int64_t id,
                                            const audit::Actor& actor, const Clock& clock) {
  ASSIGN_OR_RETURN(std::optional<Authorization> found, FindAuthorization(sql, uscc, id));
  if (!found) return NotFoundError(fmt::format("授权 {} 不存在", id), "id");
  if (!found->revoked_at.empty()) {
    return FailedPreconditionError(fmt::format("授权 {} 已于 {} 撤销", id, found->revoked_at),
                                   "id");
  }
  const Authorization before = *found;
  found->revoked_at = FormatChinaTime(clock.Now());
  found->revoked_by = actor.user_id;
  long long lid = id;
  long long by = actor.user_id;
  const std::string u(uscc);
  sql << "UPDATE license_authorization SET revoked_at = :at, revoked_by = :by WHERE id = :id AND "
         "uscc = :u",
      soci::use(found->revoked_at), soci::use(by), soci::use(lid), soci::use(u);
  RETURN_IF_ERROR(
      audit::Append(sql,
                    {actor, "license.authorization_revoke", "license_authorization",
                     std::to_string(id), AuthorizationAudit(before), AuthorizationAudit(*found)},
                    clock));
  return *found;
}

StatusOr<bool> HasAnyAuthorization(soci::session& sql, std::string_view uscc, int64_t user_id,
                                   Clock::TimePoint now) {
  const std::string u(uscc);
  long long uid = user_id;
  long long uid2 = user_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kAuthorizationColumns
                   << " FROM license_authorization WHERE uscc = :u AND revoked_at IS NULL AND "
                      "(agent_user_id = :uid OR (agent_citizen_id <> '' AND agent_citizen_id = "
                      "(SELECT citizen_id FROM app_user WHERE id = :uid2 AND active = 1)))",
       soci::use(u), soci::use(uid), soci::use(uid2));
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(Authorization a, AuthorizationFromRow(r));
    if (a.StateAt(now) == "active") return true;
  }
  return false;
}

StatusOr<bool> IsAuthorized(soci::session& sql, std::string_view uscc, int64_t user_id,
                            std::string_view task, Clock::TimePoint now) {
  ASSIGN_OR_RETURN(std::string task_id, ParseTask(task));
  if (user_id <= 0) return false;
  ASSIGN_OR_RETURN(bool admin, IsLicenseAdmin(sql, uscc, user_id));
  if (admin) return true;
  const std::string u(uscc);
  long long uid = user_id;
  long long uid2 = user_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kAuthorizationColumns
                   << " FROM license_authorization WHERE uscc = :u AND revoked_at IS NULL AND "
                      "(agent_user_id = :uid OR (agent_citizen_id <> '' AND agent_citizen_id = "
                      "(SELECT citizen_id FROM app_user WHERE id = :uid2 AND active = 1)))",
       soci::use(u), soci::use(uid), soci::use(uid2));
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(Authorization a, AuthorizationFromRow(r));
    if (a.StateAt(now) != "active") continue;
    if (std::find(a.tasks.begin(), a.tasks.end(), task_id) != a.tasks.end()) return true;
  }
  return false;
}

StatusOr<bool> IsAuthorized(storage::Database& db, std::string_view uscc, int64_t user_id,
                            std::string_view task, Clock::TimePoint now) {
  bool result = false;
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(result, IsAuthorized(sql, uscc, user_id, task, now));
    return OkStatus();
  }));
  return result;
}

}  // namespace amr::license
