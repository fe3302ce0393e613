// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/beneficial_owner.h"

#include <soci/soci.h>

#include <algorithm>
#include <cmath>

#include "codes/citizen_id.h"
#include "common/text.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "license/license_store.h"
#include "lifecycle/access.h"
#include "lifecycle/change_internal.h"
#include "registry/entity_store.h"
#include "storage/rows.h"

namespace amr::lifecycle {
namespace {

using nlohmann::json;
namespace perm = identity::perm;

constexpr std::string_view kControlTypes[] = {"shareholding", "control", "other"};

std::string_view ControlTypeName(std::string_view id) {
  if (id == "shareholding") return "持股";
  if (id == "control") return "控制";
  return "其他";
}

StatusOr<std::string> Text(const json& obj, const std::string& key, const std::string& field) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return InvalidArgumentError("缺少必填项 " + field, field);
  if (!it->is_string()) return InvalidArgumentError(field + " 应为字符串", field);
  std::string v = Trim(it->get<std::string>());
  if (v.empty()) return InvalidArgumentError(field + " 不能为空", field);
  if (v.size() > 200) return InvalidArgumentError(field + " 过长（不超过 200 字节）", field);
  return v;
}

json OwnerJson(const BeneficialOwner& o, bool masked) {
  return {{"name", o.name},
          {"citizen_id", masked ? MaskCitizenId(o.citizen_id) : o.citizen_id},
          {"nationality", o.nationality},
          {"control_type", o.control_type},
          {"control_type_name", ControlTypeName(o.control_type)},
          {"ownership_share", o.ownership_share ? json(*o.ownership_share) : json(nullptr)},
          {"from_date", o.from_date.ToString()}};
}

StatusOr<BeneficialOwnerFiling> Latest(soci::session& sql, const std::string& uscc) {
  BeneficialOwnerFiling f;
  f.uscc = uscc;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT version, owners_json, channel, filed_by, filed_at FROM "
                      "beneficial_owner_filing WHERE uscc = :u ORDER BY version DESC",
       soci::use(uscc));
  for (const soci::row& r : rows) {
    if (f.version != 0) break;
    f.version = static_cast<int>(storage::RowInt(r, 0));
    json owners = json::parse(storage::RowText(r, 1), nullptr, false);
    f.channel = storage::RowText(r, 2);
    f.filed_by = storage::RowText(r, 3);
    f.filed_at = storage::RowText(r, 4);
    if (!owners.is_array()) return InternalError("受益所有人备案数据损坏");
    for (const json& o : owners) {
      BeneficialOwner b;
      b.name = o.value("name", "");
      b.citizen_id = o.value("citizen_id", "");
      b.nationality = o.value("nationality", "");
      b.control_type = o.value("control_type", "");
      if (o.contains("ownership_share") && o["ownership_share"].is_number()) {
        b.ownership_share = o["ownership_share"].get<double>();
      }
      ASSIGN_OR_RETURN(b.from_date, Date::Parse(o.value("from_date", ""), "from_date"));
      f.owners.push_back(std::move(b));
    }
  }
  return f;
}

}  // namespace

StatusOr<std::vector<BeneficialOwner>> ParseBeneficialOwners(const json& body, const Date& today) {
  if (!body.is_object()) return InvalidArgumentError("请求体应为 JSON 对象", "body");
  auto list = body.find("owners");
  if (list == body.end() || !list->is_array() || list->empty() || list->size() > 100) {
    return InvalidArgumentError("owners 应为 1 至 100 名受益所有人（自然人）的数组", "owners");
  }
  std::vector<BeneficialOwner> out;
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string field = "owners[" + std::to_string(i) + "]";
    const json& item = (*list)[i];
    if (!item.is_object()) return InvalidArgumentError(field + " 应为对象", field);
    BeneficialOwner o;
    ASSIGN_OR_RETURN(o.name, Text(item, "name", field + ".name"));
    ASSIGN_OR_RETURN(o.citizen_id, Text(item, "citizen_id", field + ".citizen_id"));
    codes::CitizenIdCheck check = codes::CheckCitizenId(o.citizen_id, &today);
    if (!check.valid) {
      return InvalidArgumentError(field + ".citizen_id：" + check.problem.message(),
                                  field + ".citizen_id");
    }
    o.citizen_id = FoldText(o.citizen_id);
    std::replace(o.citizen_id.begin(), o.citizen_id.end(), 'x', 'X');
    for (const BeneficialOwner& earlier : out) {
      if (earlier.citizen_id == o.citizen_id) {
        return InvalidArgumentError(field + ".citizen_id 与前面的受益所有人重复",
                                    field + ".citizen_id");
      }
    }
    ASSIGN_OR_RETURN(o.nationality, Text(item, "nationality", field + ".nationality"));
    ASSIGN_OR_RETURN(o.control_type, Text(item, "control_type", field + ".control_type"));
    if (o.control_type == "持股") o.control_type = "shareholding";
    if (o.control_type == "控制") o.control_type = "control";
    if (o.control_type == "其他") o.control_type = "other";
    if (std::find(std::begin(kControlTypes), std::end(kControlTypes), o.control_type) ==
        std::end(kControlTypes)) {
      return InvalidArgumentError(field +
                                      ".control_type 应为 shareholding（持股）、control（控制）"
                                      "或 other（其他）",
                                  field + ".control_type");
    }
    auto share = item.find("ownership_share");
    const std::string share_field = field + ".ownership_share";
    if (share != item.end() && !share->is_null()) {
      if (!share->is_number() || !std::isfinite(share->get<double>()) ||
          share->get<double>() <= 0 || share->get<double>() > 100) {
        return InvalidArgumentError(share_field + " 应为大于 0、不超过 100 的百分比", share_field);
      }
      o.ownership_share = share->get<double>();
    } else if (o.control_type == "shareholding") {
      return InvalidArgumentError("持股的受益所有人须填写持股比例 " + share_field, share_field);
    }
    ASSIGN_OR_RETURN(std::string from, Text(item, "from_date", field + ".from_date"));
    ASSIGN_OR_RETURN(o.from_date, Date::Parse(from, field + ".from_date"));
    if (today < o.from_date) {
      return InvalidArgumentError(field + ".from_date 不能晚于今天", field + ".from_date");
    }
    out.push_back(std::move(o));
  }
  return out;
}

json BeneficialOwnerFilingJson(const BeneficialOwnerFiling& f) {
  json owners = json::array();
  for (const BeneficialOwner& o : f.owners) owners.push_back(OwnerJson(o, false));
  return {{"uscc", f.uscc},
          {"version", f.version},
          {"owners", owners},
          {"channel", f.channel},
          {"filed_by", f.filed_by},
          {"filed_at", f.filed_at.empty() ? json(nullptr) : json(f.filed_at)}};
}

StatusOr<BeneficialOwnerFiling> FileBeneficialOwners(soci::session& sql,
                                                     const identity::Caller& caller,
                                                     ChangeChannel channel, std::string_view uscc,
                                                     const std::vector<BeneficialOwner>& owners,
                                                     const Clock& clock) {
  ASSIGN_OR_RETURN(
      EntityAccess access,
      AuthorizeEntityAction(sql, caller, uscc, perm::kRegistrationAccept, "change", clock.Now()));
  const registry::Entity& e = access.entity;
  if (e.status == registry::EntityStatus::kDeregistered ||
      e.status == registry::EntityStatus::kRevoked) {
    return FailedPreconditionError(
        "市场主体已" + std::string(registry::StatusName(e.status)) + "，不能办理受益所有人备案",
        "uscc");
  }
  ASSIGN_OR_RETURN(BeneficialOwnerFiling before, Latest(sql, e.uscc));
  BeneficialOwnerFiling f;
  f.uscc = e.uscc;
  f.version = before.version + 1;
  f.owners = owners;
  f.channel = internal::ChannelId(channel);
  f.filed_by = caller.principal != nullptr ? caller.principal->username : caller.name;
  f.filed_at = FormatChinaTime(clock.Now());
  json stored = json::array(), masked = json::array(), masked_before = json::array();
  for (const BeneficialOwner& o : owners) {
    json item = OwnerJson(o, false);
    item.erase("control_type_name");
    stored.push_back(std::move(item));
    masked.push_back(OwnerJson(o, true));
  }
  for (const BeneficialOwner& o : before.owners) masked_before.push_back(OwnerJson(o, true));
  const std::string text = stored.dump();
  sql << "INSERT INTO beneficial_owner_filing (uscc, version, owners_json, channel, filed_by, "
         "filed_at) VALUES (:u, :v, :o, :c, :by, :at)",
      soci::use(f.uscc), soci::use(f.version), soci::use(text), soci::use(f.channel),
      soci::use(f.filed_by), soci::use(f.filed_at);
  RETURN_IF_ERROR(audit::Append(
      sql,
      {ActorForEntity(caller, access, perm::kRegistrationAccept), "beneficial_owner.file", "entity",
       e.uscc,
       before.version == 0 ? json(nullptr)
                           : json{{"version", before.version}, {"owners", masked_before}},
       json{{"version", f.version}, {"owners", masked}}},
      clock));
  return f;
}

StatusOr<BeneficialOwnerFiling> GetBeneficialOwners(soci::session& sql,
                                                    const identity::Caller& caller,
                                                    std::string_view uscc, const Clock& clock) {
  ASSIGN_OR_RETURN(registry::Entity e, registry::GetEntity(sql, uscc));
  ASSIGN_OR_RETURN(Authority authority, AuthorityOfRegion(sql, e.region_code));
  const identity::Principal* p = caller.principal;
  if (p != nullptr && !p->InScope(perm::kBeneficialOwnerRead, authority.path)) {
    // The entity's own licence administrator may read its filing.
    bool own = false;
    if (p->kind == identity::UserKind::kApplicant) {
      ASSIGN_OR_RETURN(own, license::IsLicenseAdmin(sql, e.uscc, p->user_id));
    }
    if (!own) return identity::OutOfScopeError();
  }
  ASSIGN_OR_RETURN(BeneficialOwnerFiling f, Latest(sql, e.uscc));
  // Who read whose beneficial owners is recorded (the IDs themselves are not).
  RETURN_IF_ERROR(
      audit::Append(sql,
                    {identity::ActorFor(caller, perm::kBeneficialOwnerRead, authority.path),
                     "beneficial_owner.read", "entity", e.uscc, json(nullptr),
                     json{{"version", f.version}, {"owners", f.owners.size()}}},
                    clock));
  return f;
}

}  // namespace amr::lifecycle
