// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/affiliation.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "audit/audit_log.h"
#include "codes/uscc.h"
#include "identity/roles.h"
#include "lifecycle/restriction.h"
#include "registry/entity_store.h"
#include "storage/rows.h"

namespace amr::lifecycle {
namespace {

using nlohmann::json;
using storage::RowInt;
using storage::RowIsNull;
using storage::RowText;

// The other entity's status comes from the entity table when it is registered here.
constexpr const char* kSelect =
    "SELECT a.id, a.uscc, a.kind, a.other_uscc, a.other_name, a.started_on, a.document, "
    "a.recorded_by, a.recorded_at, a.ended_on, a.ended_by, a.ended_at, o.status, o.name "
    "FROM entity_affiliation a LEFT JOIN entity o ON o.uscc = a.other_uscc ";

Affiliation FromRow(const soci::row& r) {
  Affiliation a;
  a.id = RowInt(r, 0);
  a.uscc = RowText(r, 1);
  a.kind = RowText(r, 2);
  a.other_uscc = RowText(r, 3);
  a.other_name = RowText(r, 4);
  a.started_on = RowText(r, 5);
  a.document = RowText(r, 6);
  a.recorded_by = RowText(r, 7);
  a.recorded_at = RowText(r, 8);
  a.ended_on = RowIsNull(r, 9) ? "" : RowText(r, 9);
  a.ended_by = RowText(r, 10);
  a.ended_at = RowIsNull(r, 11) ? "" : RowText(r, 11);
  a.other_status = RowIsNull(r, 12) ? "" : RowText(r, 12);
  if (!RowIsNull(r, 13)) a.other_name = RowText(r, 13);
  return a;
}

constexpr const char* kOrder =
    " ORDER BY CASE WHEN a.ended_on IS NULL THEN 0 ELSE 1 END, a.id DESC";

std::vector<Affiliation> OfEntity(soci::session& sql, std::string_view uscc, bool lasting_only) {
  const std::string u(uscc);
  std::vector<Affiliation> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSelect) + "WHERE a.uscc = :u" +
                          (lasting_only ? " AND a.ended_on IS NULL" : "") + kOrder,
       soci::use(u));
  for (const soci::row& r : rows) out.push_back(FromRow(r));
  return out;
}

std::optional<Affiliation> LoadOne(soci::session& sql, int64_t id) {
  long long lid = id;
  std::optional<Affiliation> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSelect) + "WHERE a.id = :id", soci::use(lid));
  for (const soci::row& r : rows) out = FromRow(r);
  return out;
}

json AuditJson(const Affiliation& a) {
  return json{{"uscc", a.uscc},
              {"kind", a.kind},
              {"other_uscc", a.other_uscc},
              {"other_name", a.other_name},
              {"started_on", a.started_on},
              {"ended_on", a.ended_on.empty() ? json() : json(a.ended_on)}};
}

Status Audit(soci::session& sql, const audit::Actor& actor, const char* action,
             const std::optional<Affiliation>& before, const Affiliation& after,
             const Clock& clock) {
  audit::AuditEntry e;
  e.actor = actor;
  e.action = action;
  e.target_type = "entity_affiliation";
  e.target_id = std::to_string(after.id);
  if (before) e.before = AuditJson(*before);
  e.after = AuditJson(after);
  return audit::Append(sql, e, clock);
}

StatusOr<Affiliation> Insert(soci::session& sql, const std::string& uscc, const NewAffiliation& a,
                             const std::string& other_name, const audit::Actor& actor,
                             const Clock& clock) {
  const std::string now = FormatChinaTime(clock.Now()), started = a.started_on.ToString();
  long long id = 0;
  sql << "INSERT INTO entity_affiliation (uscc, kind, other_uscc, other_name, started_on, "
         "document, recorded_by, recorded_at) VALUES (:u, :k, :o, :n, :s, :d, :by, :at) "
         "RETURNING id",
      soci::use(uscc), soci::use(a.kind), soci::use(a.other_uscc), soci::use(other_name),
      soci::use(started), soci::use(a.document), soci::use(actor.username), soci::use(now),
      soci::into(id);
  std::optional<Affiliation> out = LoadOne(sql, id);
  if (!out) return InternalError("关系写入后读取失败");
  RETURN_IF_ERROR(Audit(sql, actor, "affiliation.record", std::nullopt, *out, clock));
  return *out;
}

}  // namespace

StatusOr<Affiliation> RecordAffiliation(soci::session& sql, const identity::Caller& caller,
                                        std::string_view uscc, const NewAffiliation& a,
                                        const Clock& clock) {
  if (a.kind != "branch" && a.kind != "investment") {
    return InvalidArgumentError("kind 应为 branch（分支机构）或 investment（对外投资）", "kind");
  }
  if (!codes::CheckUscc(a.other_uscc).valid) {
    return InvalidArgumentError("对方的统一社会信用代码无效", "other_uscc");
  }
  if (a.other_uscc == uscc) {
    return InvalidArgumentError("不能登记与本主体自身的关系", "other_uscc");
  }
  if (a.other_name.size() > 300) return InvalidArgumentError("名称过长", "other_name");
  if (a.document.size() > 200) return InvalidArgumentError("依据过长", "document");
  if (ChinaDate(clock.Now()) < a.started_on) {
    return InvalidArgumentError("开始日期不能晚于今天", "started_on");
  }
  ASSIGN_OR_RETURN(EntityAccess access,
                   AuthorizeStaff(sql, caller, uscc, {identity::perm::kRestrictionsWrite}));
  if (access.entity.status == registry::EntityStatus::kDeregistered) {
    return FailedPreconditionError("该主体已注销", "uscc");
  }
  std::string other_name = a.other_name;
  {
    std::string registered;
    soci::indicator ind = soci::i_null;
    sql << "SELECT name FROM entity WHERE uscc = :u", soci::use(a.other_uscc),
        soci::into(registered, ind);
    if (sql.got_data() && ind == soci::i_ok) other_name = registered;
  }
  if (other_name.empty()) {
    return InvalidArgumentError("对方不在本系统登记，须写明其名称", "other_name");
  }
  const std::string u(uscc);
  long long lasting = 0;
  sql << "SELECT COUNT(*) FROM entity_affiliation WHERE uscc = :u AND kind = :k AND other_uscc "
         "= :o AND ended_on IS NULL",
      soci::use(u), soci::use(a.kind), soci::use(a.other_uscc), soci::into(lasting);
  if (lasting > 0) {
    return AlreadyExistsError(fmt::format("已登记与 {} 的这一关系", a.other_uscc), "other_uscc");
  }
  const audit::Actor actor =
      identity::ActorFor(caller, identity::perm::kRestrictionsWrite, access.authority_path);
  return Insert(sql, u, a, other_name, actor, clock);
}

Status RecordLinksAtRegistration(soci::session& sql, const registry::Entity& entity,
                                 std::string_view parent_uscc,
                                 const std::vector<std::string>& investor_usccs,
                                 const std::string& document, const audit::Actor& actor,
                                 const Clock& clock) {
  auto link = [&](const std::string& from, const char* kind) -> Status {
    long long here = 0;
    sql << "SELECT COUNT(*) FROM entity WHERE uscc = :u", soci::use(from), soci::into(here);
    if (here == 0 || from == entity.uscc) return OkStatus();  // registered elsewhere
    NewAffiliation a;
    a.kind = kind;
    a.other_uscc = entity.uscc;
    a.started_on = ChinaDate(clock.Now());
    a.document = document;
    return Insert(sql, from, a, entity.name, actor, clock).status();
  };
  if (!parent_uscc.empty()) RETURN_IF_ERROR(link(std::string(parent_uscc), "branch"));
  std::set<std::string> linked;
  for (const std::string& investor : investor_usccs) {
    if (!investor.empty() && linked.insert(investor).second) {
      RETURN_IF_ERROR(link(investor, "investment"));
    }
  }
  return OkStatus();
}

StatusOr<Affiliation> EndAffiliation(soci::session& sql, const identity::Caller& caller,
                                     std::string_view uscc, int64_t id, const Date& ended_on,
                                     const Clock& clock) {
  ASSIGN_OR_RETURN(EntityAccess access,
                   AuthorizeStaff(sql, caller, uscc, {identity::perm::kRestrictionsWrite}));
  std::optional<Affiliation> before = LoadOne(sql, id);
  if (!before || before->uscc != uscc) {
    return NotFoundError(fmt::format("{} 没有编号为 {} 的关系", uscc, id), "id");
  }
  if (!before->ended_on.empty()) {
    return FailedPreconditionError(fmt::format("该关系已于 {} 终止", before->ended_on), "id");
  }
  if (ChinaDate(clock.Now()) < ended_on) {
    return InvalidArgumentError("终止日期不能晚于今天", "ended_on");
  }
  if (ended_on.ToString() < before->started_on) {
    return InvalidArgumentError("终止日期不能早于开始日期 " + before->started_on, "ended_on");
  }
  const audit::Actor actor =
      identity::ActorFor(caller, identity::perm::kRestrictionsWrite, access.authority_path);
  const std::string now = FormatChinaTime(clock.Now()), on = ended_on.ToString();
  long long lid = id;
  sql << "UPDATE entity_affiliation SET ended_on = :on, ended_by = :by, ended_at = :at WHERE id "
         "= :id AND ended_on IS NULL",
      soci::use(on), soci::use(actor.username), soci::use(now), soci::use(lid);
  std::optional<Affiliation> after = LoadOne(sql, id);
  if (!after) return InternalError("关系终止后读取失败");
  RETURN_IF_ERROR(Audit(sql, actor, "affiliation.end", before, *after, clock));
  return *after;
}

StatusOr<std::vector<Affiliation>> ListAffiliations(soci::session& sql,
                                                    const identity::Caller& caller,
                                                    std::string_view uscc) {
  RETURN_IF_ERROR(
      AuthorizeStaff(sql, caller, uscc,
                     {identity::perm::kEntitiesReadPrivate, identity::perm::kRestrictionsWrite})
          .status());
  return OfEntity(sql, uscc, false);
}

std::vector<Affiliation> OpenAffiliations(soci::session& sql, std::string_view uscc) {
  std::vector<Affiliation> out;
  for (Affiliation& a : OfEntity(sql, uscc, true)) {
    if (a.open()) out.push_back(std::move(a));
  }
  return out;
}

std::vector<LinkedEntity> LinkedEntities(soci::session& sql, std::string_view uscc_view) {
  std::vector<LinkedEntity> out;
  for (const Affiliation& a : OpenAffiliations(sql, uscc_view)) {
    out.push_back({a.other_uscc, a.kind});
  }
  const std::string uscc(uscc_view);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT uscc, kind FROM entity_affiliation WHERE other_uscc = :u AND "
                      "ended_on IS NULL",
       soci::use(uscc));
  for (const soci::row& r : rows) out.push_back({r.get<std::string>(0), r.get<std::string>(1)});
  return out;
}

}  // namespace amr::lifecycle
