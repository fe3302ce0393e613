// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/restriction.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "codes/data_dir.h"
#include "common/csv.h"
#include "identity/scope.h"
#include "registry/entity_store.h"
#include "storage/rows.h"

namespace amr::lifecycle {
namespace {

using nlohmann::json;
using storage::RowInt;
using storage::RowIsNull;
using storage::RowText;

constexpr const char* kColumns =
    "id, uscc, kind, document_number, issued_by, effective_on, note, recorded_by, recorded_at, "
    "lifted_on, lift_document_number, lift_note, lifted_by, lifted_at";

Restriction FromRow(const soci::row& r, const RestrictionKinds& kinds) {
  Restriction x;
  x.id = RowInt(r, 0);
  x.uscc = RowText(r, 1);
  x.kind = RowText(r, 2);
  x.kind_name = kinds.NameOf(x.kind);
  x.document_number = RowText(r, 3);
  x.issued_by = RowText(r, 4);
  x.effective_on = RowText(r, 5);
  x.note = RowText(r, 6);
  x.recorded_by = RowText(r, 7);
  x.recorded_at = RowText(r, 8);
  x.lifted_on = RowIsNull(r, 9) ? "" : RowText(r, 9);
  x.lift_document_number = RowText(r, 10);
  x.lift_note = RowText(r, 11);
  x.lifted_by = RowText(r, 12);
  x.lifted_at = RowIsNull(r, 13) ? "" : RowText(r, 13);
  return x;
}

std::vector<Restriction> Query(soci::session& sql, std::string_view uscc, bool in_force_only,
                               const RestrictionKinds& kinds) {
  const std::string u(uscc);
  std::vector<Restriction> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kColumns +
                          " FROM entity_restriction WHERE uscc = :u" +
                          (in_force_only ? " AND lifted_on IS NULL" : "") +
                          " ORDER BY CASE WHEN lifted_on IS NULL THEN 0 ELSE 1 END, id DESC",
       soci::use(u));
  for (const soci::row& r : rows) out.push_back(FromRow(r, kinds));
  return out;
}

std::optional<Restriction> LoadOne(soci::session& sql, int64_t id, const RestrictionKinds& kinds) {
  long long lid = id;
  std::optional<Restriction> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kColumns + " FROM entity_restriction WHERE id = :id",
       soci::use(lid));
  for (const soci::row& r : rows) out = FromRow(r, kinds);
  return out;
}

json RestrictionAuditJson(const Restriction& r) {
  return json{{"uscc", r.uscc},
              {"kind", r.kind},
              {"document_number", r.document_number},
              {"effective_on", r.effective_on},
              {"lifted_on", r.lifted_on.empty() ? json() : json(r.lifted_on)}};
}

// "330106" → "330106", "330100" → "3301", "330000" → "33", "000000"/"" → "".
std::string RegionPrefix(std::string code) {
  while (code.size() >= 2 && code.ends_with("00")) code.resize(code.size() - 2);
  return code;
}

Status CheckText(std::string_view value, std::string_view field, size_t max, bool required,
                 std::string_view what) {
  if (required && value.empty()) {
    return InvalidArgumentError(fmt::format("须填写{}", what), std::string(field));
  }
  if (value.size() > max) {
    return InvalidArgumentError(fmt::format("{}过长（不超过 {} 字节）", what, max),
                                std::string(field));
  }
  return OkStatus();
}

}  // namespace

StatusOr<RestrictionKinds> RestrictionKinds::LoadCsv(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return InvalidArgumentError("无法打开 " + path.string(), "path");
  CsvReader reader(in);
  std::vector<std::string> fields;
  RestrictionKinds out;
  bool header = true;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.Next(fields));
    if (!more) break;
    if (header) {
      header = false;
      if (fields.size() < 2 || fields[0] != "kind" || fields[1] != "name") {
        return InvalidArgumentError(path.string() + " 第 1 行应为 kind,name,description", "path");
      }
      continue;
    }
    if (fields.size() < 2 || fields[0].empty() || fields[1].empty()) {
      return InvalidArgumentError(
          fmt::format("{} 第 {} 行：须有 kind 和 name", path.string(), reader.line()), "path");
    }
    if (out.Find(fields[0]) != nullptr) {
      return InvalidArgumentError(
          fmt::format("{} 第 {} 行：重复的 {}", path.string(), reader.line(), fields[0]), "path");
    }
    out.kinds_.push_back({fields[0], fields[1], fields.size() > 2 ? fields[2] : ""});
  }
  if (out.kinds_.empty()) return InvalidArgumentError(path.string() + " 没有任何限制情形", "path");
  return out;
}

const RestrictionKinds& RestrictionKinds::Default() {
  static const RestrictionKinds* kinds = [] {
    const auto path = codes::DataDir() / "lifecycle" / "restrictions.csv";
    auto loaded = LoadCsv(path);
    if (!loaded.ok()) {
      std::fprintf(stderr, "无法读取限制情形 %s：%s\n", path.string().c_str(),
                   loaded.status().message().c_str());
      std::abort();
    }
    return new RestrictionKinds(std::move(*loaded));
  }();
  return *kinds;
}

const RestrictionKind* RestrictionKinds::Find(std::string_view kind) const {
  for (const RestrictionKind& k : kinds_) {
    if (k.kind == kind) return &k;
  }
  return nullptr;
}

std::string RestrictionKinds::NameOf(std::string_view kind) const {
  const RestrictionKind* k = Find(kind);
  return k != nullptr ? k->name : std::string(kind);
}

StatusOr<bool> StaffCoversEntity(soci::session& sql, const identity::Caller& caller,
                                 std::string_view permission, const EntityAccess& access) {
  const identity::Principal* p = caller.principal;
  if (p == nullptr) return true;
  if (p->InScope(permission, access.authority_path)) return true;
  for (const identity::RoleGrant* g : p->ScopesFor(permission)) {
    long long unit = g->org_unit.id;
    std::string region;
    soci::indicator ind = soci::i_ok;
    sql << "SELECT region_code FROM org_unit WHERE id = :id", soci::use(unit),
        soci::into(region, ind);
    if (ind != soci::i_ok || !sql.got_data()) continue;
    const std::string prefix = RegionPrefix(region);
    if (access.entity.region_code.starts_with(prefix)) return true;
  }
  return false;
}

StatusOr<EntityAccess> AuthorizeStaff(soci::session& sql, const identity::Caller& caller,
                                      std::string_view uscc,
                                      const std::vector<std::string_view>& permissions) {
  EntityAccess access;
  ASSIGN_OR_RETURN(access.entity, registry::GetEntity(sql, uscc));
  ASSIGN_OR_RETURN(Authority authority, AuthorityOfRegion(sql, access.entity.region_code));
  access.authority_org_unit_id = authority.id;
  access.authority_path = authority.path;
  for (std::string_view permission : permissions) {
    ASSIGN_OR_RETURN(bool covered, StaffCoversEntity(sql, caller, permission, access));
    if (covered) return access;
  }
  return identity::OutOfScopeError();
}

StatusOr<Restriction> RecordRestriction(soci::session& sql, const identity::Caller& caller,
                                        std::string_view uscc, const NewRestriction& r,
                                        const RestrictionKinds& kinds, const Clock& clock) {
  if (kinds.Find(r.kind) == nullptr) {
    std::string known;
    for (const RestrictionKind& k : kinds.all()) {
      known += fmt::format("{}{}（{}）", known.empty() ? "" : "、", k.kind, k.name);
    }
    return InvalidArgumentError(
        fmt::format("未知的限制情形“{}”，可用：{}", r.kind.substr(0, 40), known), "kind");
  }
  RETURN_IF_ERROR(CheckText(r.document_number, "document_number", 200, true, "文书号"));
  RETURN_IF_ERROR(CheckText(r.issued_by, "issued_by", 200, false, "作出决定的机关"));
  RETURN_IF_ERROR(CheckText(r.note, "note", 2000, false, "说明"));
  const Date today = ChinaDate(clock.Now());
  if (today < r.effective_on) {
    return InvalidArgumentError("生效日期不能晚于今天", "effective_on");
  }
  ASSIGN_OR_RETURN(EntityAccess access,
                   AuthorizeStaff(sql, caller, uscc, {identity::perm::kRestrictionsWrite}));
  if (access.entity.status == registry::EntityStatus::kDeregistered) {
    return FailedPreconditionError("该主体已注销，不能再登记限制情形", "uscc");
  }
  const audit::Actor actor =
      identity::ActorFor(caller, identity::perm::kRestrictionsWrite, access.authority_path);
  const std::string now = FormatChinaTime(clock.Now());
  const std::string u(uscc), effective = r.effective_on.ToString();
  long long id = 0;
  sql << "INSERT INTO entity_restriction (uscc, kind, document_number, issued_by, effective_on, "
         "note, recorded_by, recorded_at) VALUES (:u, :k, :d, :i, :e, :n, :by, :at) RETURNING id",
      soci::use(u), soci::use(r.kind), soci::use(r.document_number), soci::use(r.issued_by),
      soci::use(effective), soci::use(r.note), soci::use(actor.username), soci::use(now),
      soci::into(id);
  std::optional<Restriction> out = LoadOne(sql, id, kinds);
  if (!out) return InternalError("限制情形写入后读取失败");
  audit::AuditEntry e;
  e.actor = actor;
  e.action = "restriction.record";
  e.target_type = "entity_restriction";
  e.target_id = std::to_string(id);
  e.after = RestrictionAuditJson(*out);
  RETURN_IF_ERROR(audit::Append(sql, e, clock));
  return *out;
}

StatusOr<Restriction> LiftRestriction(soci::session& sql, const identity::Caller& caller,
                                      std::string_view uscc, int64_t id,
                                      const RestrictionLift& lift, const RestrictionKinds& kinds,
                                      const Clock& clock) {
  RETURN_IF_ERROR(CheckText(lift.document_number, "document_number", 200, true, "解除文书号"));
  RETURN_IF_ERROR(CheckText(lift.note, "note", 2000, false, "说明"));
  ASSIGN_OR_RETURN(EntityAccess access,
                   AuthorizeStaff(sql, caller, uscc, {identity::perm::kRestrictionsWrite}));
  std::optional<Restriction> before = LoadOne(sql, id, kinds);
  if (!before || before->uscc != uscc) {
    return NotFoundError(fmt::format("{} 没有编号为 {} 的限制情形", uscc, id), "id");
  }
  if (!before->in_force()) {
    return FailedPreconditionError(fmt::format("该限制情形已于 {} 解除", before->lifted_on), "id");
  }
  if (ChinaDate(clock.Now()) < lift.lifted_on) {
    return InvalidArgumentError("解除日期不能晚于今天", "lifted_on");
  }
  if (lift.lifted_on.ToString() < before->effective_on) {
    return InvalidArgumentError("解除日期不能早于生效日期 " + before->effective_on, "lifted_on");
  }
  const audit::Actor actor =
      identity::ActorFor(caller, identity::perm::kRestrictionsWrite, access.authority_path);
  const std::string now = FormatChinaTime(clock.Now());
  const std::string on = lift.lifted_on.ToString();
  long long lid = id;
  sql << "UPDATE entity_restriction SET lifted_on = :on, lift_document_number = :d, lift_note = "
         ":n, lifted_by = :by, lifted_at = :at WHERE id = :id AND lifted_on IS NULL",
      soci::use(on), soci::use(lift.document_number), soci::use(lift.note),
      soci::use(actor.username), soci::use(now), soci::use(lid);
  std::optional<Restriction> after = LoadOne(sql, id, kinds);
  if (!after) return InternalError("限制情形解除后读取失败");
  audit::AuditEntry e;
  e.actor = actor;
  e.action = "restriction.lift";
  e.target_type = "entity_restriction";
  e.target_id = std::to_string(id);
  e.before = RestrictionAuditJson(*before);
  e.after = RestrictionAuditJson(*after);
  RETURN_IF_ERROR(audit::Append(sql, e, clock));
  return *after;
}

StatusOr<std::vector<Restriction>> ListRestrictions(soci::session& sql,
                                                    const identity::Caller& caller,
                                                    std::string_view uscc,
                                                    const RestrictionKinds& kinds) {
  RETURN_IF_ERROR(
      AuthorizeStaff(sql, caller, uscc,
                     {identity::perm::kEntitiesReadPrivate, identity::perm::kRestrictionsWrite})
          .status());
  return Query(sql, uscc, false, kinds);
}

std::vector<Restriction> RestrictionsInForce(soci::session& sql, std::string_view uscc,
                                             const RestrictionKinds& kinds) {
  return Query(sql, uscc, true, kinds);
}

}  // namespace amr::lifecycle
