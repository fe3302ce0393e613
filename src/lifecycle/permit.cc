// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/permit.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "codes/data_dir.h"
#include "common/csv.h"
#include "common/text.h"
#include "registry/entity_store.h"
#include "storage/change_log.h"
#include "storage/rows.h"

namespace amr::lifecycle {
namespace {

using nlohmann::json;
using storage::RowInt;
using storage::RowIsNull;
using storage::RowText;

constexpr const char* kColumns =
    "id, uscc, kind, number, issuer_org_unit_id, issued_on, valid_until, state, cancelled_on, "
    "cancel_reason";

Permit FromRow(const soci::row& r, const PermitKinds& kinds) {
  Permit p;
  p.id = RowInt(r, 0);
  p.uscc = RowText(r, 1);
  p.kind = RowText(r, 2);
  const PermitKind* kind = kinds.Find(p.kind);
  p.kind_name = kind != nullptr ? kind->name : p.kind;
  p.number = RowText(r, 3);
  p.issuer_org_unit_id = RowInt(r, 4);
  p.issued_on = RowText(r, 5);
  p.valid_until = RowText(r, 6);
  p.state = RowText(r, 7);
  p.cancelled_on = RowIsNull(r, 8) ? "" : RowText(r, 8);
  p.cancel_reason = RowText(r, 9);
  return p;
}

json ToAuditJson(const Permit& p) {
  return json{{"uscc", p.uscc},           {"kind", p.kind},   {"number", p.number},
              {"issued_on", p.issued_on}, {"state", p.state}, {"cancelled_on", p.cancelled_on}};
}

Status CheckNumber(std::string_view number) {
  if (number.empty()) return InvalidArgumentError("须填写许可证编号", "number");
  if (number.size() > 64 || !IsValidUtf8(number)) {
    return InvalidArgumentError("许可证编号过长（不超过 64 字节）", "number");
  }
  for (unsigned char c : number) {
    if (c < 0x20) return InvalidArgumentError("许可证编号含有控制字符", "number");
  }
  return OkStatus();
}

}  // namespace

StatusOr<PermitKinds> PermitKinds::Load(const std::filesystem::path& dir) {
  const std::filesystem::path path = dir / "permit_kinds.csv";
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("无法打开数据文件 " + path.string(), "data");
  CsvReader reader(in);
  std::vector<std::string> fields;
  ASSIGN_OR_RETURN(bool any, reader.Next(fields));
  if (!any || fields != std::vector<std::string>{"code", "name", "legal_basis"}) {
    return InvalidArgumentError(path.string() + " 第 1 行：表头应为 code,name,legal_basis", "data");
  }
  PermitKinds out;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.Next(fields));
    if (!more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != 3 || fields[0].empty() || fields[1].empty()) {
      return InvalidArgumentError(
          fmt::format("{} 第 {} 行：应有 code、name、legal_basis 三列且前两列不空", path.string(),
                      reader.line()),
          "data");
    }
    if (out.Find(fields[0]) != nullptr) {
      return InvalidArgumentError(
          fmt::format("{} 第 {} 行：许可证种类 {} 重复", path.string(), reader.line(), fields[0]),
          "data");
    }
    out.kinds_.push_back(PermitKind{fields[0], fields[1], fields[2]});
  }
  return out;
}

const PermitKinds& PermitKinds::Default() {
  static const PermitKinds kinds = [] {
    StatusOr<PermitKinds> loaded = Load(codes::DataDir() / "lifecycle");
    if (!loaded.ok()) {
      std::fprintf(stderr, "许可证种类数据无法读取：%s\n", loaded.status().message().c_str());
      std::abort();
    }
    return *std::move(loaded);
  }();
  return kinds;
}

const PermitKind* PermitKinds::Find(std::string_view code) const {
  for (const PermitKind& k : kinds_) {
    if (k.code == code) return &k;
  }
  return nullptr;
}

StatusOr<Permit> RecordPermit(soci::session& sql, std::string_view uscc, int64_t issuer_org_unit_id,
                              const NewPermit& permit, const PermitKinds& kinds,
                              const audit::Actor& actor, const Clock& clock) {
  if (kinds.Find(permit.kind) == nullptr) {
    std::string known;
    for (const PermitKind& k : kinds.all()) {
      if (!known.empty()) known += "、";
      known += fmt::format("{}（{}）", k.code, k.name);
    }
    return InvalidArgumentError(fmt::format("未知的许可证种类 {}，可选：{}", permit.kind, known),
                                "kind");
  }
  RETURN_IF_ERROR(CheckNumber(permit.number));
  ASSIGN_OR_RETURN(Date issued, Date::Parse(permit.issued_on, "issued_on"));
  ASSIGN_OR_RETURN(Date until, Date::Parse(permit.valid_until, "valid_until"));
  if (until < issued) {
    return InvalidArgumentError("有效期至不能早于发证日期", "valid_until");
  }
  ASSIGN_OR_RETURN(registry::Entity entity, registry::GetEntity(sql, uscc));
  if (entity.status == registry::EntityStatus::kDeregistered ||
      entity.status == registry::EntityStatus::kRevoked) {
    return FailedPreconditionError(
        fmt::format("{} 已{}，不能再登记许可证", uscc, registry::StatusName(entity.status)),
        "uscc");
  }
  {
    int taken = 0;
    sql << "SELECT COUNT(*) FROM permit WHERE number = :n", soci::into(taken),
        soci::use(permit.number);
    if (taken > 0) {
      return AlreadyExistsError(fmt::format("许可证编号 {} 已登记", permit.number), "number");
    }
  }
  const std::string now = FormatChinaTime(clock.Now());
  const std::string code(uscc);
  const long long issuer = issuer_org_unit_id;
  const std::string issued_text = issued.ToString();
  const std::string until_text = until.ToString();
  long long id = 0;
  sql << "INSERT INTO permit (uscc, kind, number, issuer_org_unit_id, issued_on, valid_until, "
         "state, cancel_reason, created_at, updated_at) VALUES (:u, :k, :n, :i, :on, :until, "
         "'valid', '', :now, :now2) RETURNING id",
      soci::use(code), soci::use(permit.kind), soci::use(permit.number), soci::use(issuer),
      soci::use(issued_text), soci::use(until_text), soci::use(now), soci::use(now), soci::into(id);
  ASSIGN_OR_RETURN(Permit saved, GetPermit(sql, id, kinds));
  RETURN_IF_ERROR(
      storage::AppendChange(sql, "permit", std::to_string(id), "insert", entity.region_code, now));
  audit::AuditEntry e{actor,   "permit.record",   "permit", std::to_string(id),
                      nullptr, ToAuditJson(saved)};
  RETURN_IF_ERROR(audit::Append(sql, e, clock));
  return saved;
}

StatusOr<std::vector<Permit>> ListPermits(soci::session& sql, std::string_view uscc,
                                          const PermitKinds& kinds) {
  const std::string code(uscc);
  std::vector<Permit> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns << " FROM permit WHERE uscc = :u ORDER BY id",
       soci::use(code));
  for (const soci::row& r : rows) out.push_back(FromRow(r, kinds));
  return out;
}

StatusOr<Permit> GetPermit(soci::session& sql, int64_t id, const PermitKinds& kinds) {
  const long long key = id;
  std::optional<Permit> found;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns << " FROM permit WHERE id = :id", soci::use(key));
  for (const soci::row& r : rows) found = FromRow(r, kinds);
  if (!found) return NotFoundError(fmt::format("未找到许可证记录 {}", id), "id");
  return *std::move(found);
}

StatusOr<Permit> CancelPermit(soci::session& sql, int64_t id, std::string_view reason,
                              const Date& on, const PermitKinds& kinds, const audit::Actor& actor,
                              const Clock& clock) {
  if (reason.empty()) return InvalidArgumentError("须写明注销许可证的理由", "reason");
  if (reason.size() > 1000 || !IsValidUtf8(reason)) {
    return InvalidArgumentError("理由过长（不超过 1000 字节）", "reason");
  }
  ASSIGN_OR_RETURN(Permit before, GetPermit(sql, id, kinds));
  if (before.state != "valid") {
    return FailedPreconditionError(
        fmt::format("许可证 {} 已于 {} 注销", before.number, before.cancelled_on), "id");
  }
  const std::string now = FormatChinaTime(clock.Now());
  const std::string day = on.ToString();
  const std::string why(reason);
  const long long key = id;
  sql << "UPDATE permit SET state = 'cancelled', cancelled_on = :d, cancel_reason = :r, "
         "updated_at = :now WHERE id = :id",
      soci::use(day), soci::use(why), soci::use(now), soci::use(key);
  ASSIGN_OR_RETURN(Permit after, GetPermit(sql, id, kinds));
  ASSIGN_OR_RETURN(registry::Entity entity, registry::GetEntity(sql, after.uscc));
  RETURN_IF_ERROR(
      storage::AppendChange(sql, "permit", std::to_string(id), "update", entity.region_code, now));
  audit::AuditEntry e{actor,
                      "permit.cancel",
                      "permit",
                      std::to_string(id),
                      ToAuditJson(before),
                      ToAuditJson(after)};
  RETURN_IF_ERROR(audit::Append(sql, e, clock));
  return after;
}

}  // namespace amr::lifecycle
