// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/beneficial_owner.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "codes/citizen_id.h"
#include "codes/data_dir.h"
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

// 受益所有人信息管理办法 Art. 6.
constexpr std::string_view kControlTypes[] = {"shareholding", "benefit", "voting", "control",
                                              "manager"};
constexpr std::string_view kIdTypes[] = {
    "citizen_id",    "passport",         "hk_macao_permit",
    "taiwan_permit", "residence_permit", "foreign_permanent_residence",
    "other"};

std::string_view ControlTypeName(std::string_view id) {
  if (id == "shareholding") return "持有股权、股份或合伙权益";
  if (id == "benefit") return "享有收益权";
  if (id == "voting") return "享有表决权";
  if (id == "control") return "实际控制";
  if (id == "manager") return "负责日常经营管理";
  return "其他";
}

bool NeedsShare(std::string_view control_type) {
  return control_type == "shareholding" || control_type == "benefit" || control_type == "voting";
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
          {"id_type", o.id_type},
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
      (sql.prepare << "SELECT version, owners_json, channel, filed_by, filed_at, exempt FROM "
                      "beneficial_owner_filing WHERE uscc = :u ORDER BY version DESC",
       soci::use(uscc));
  for (const soci::row& r : rows) {
    if (f.version != 0) break;
    f.version = static_cast<int>(storage::RowInt(r, 0));
    json owners = json::parse(storage::RowText(r, 1), nullptr, false);
    f.channel = storage::RowText(r, 2);
    f.filed_by = storage::RowText(r, 3);
    f.filed_at = storage::RowText(r, 4);
    f.exempt = storage::RowInt(r, 5) != 0;
    if (!owners.is_array()) return InternalError("受益所有人备案数据损坏");
    for (const json& o : owners) {
      BeneficialOwner b;
      b.name = o.value("name", "");
      b.id_type = o.value("id_type", "citizen_id");
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
    if (auto t = item.find("id_type"); t != item.end() && !t->is_null()) {
      ASSIGN_OR_RETURN(o.id_type, Text(item, "id_type", field + ".id_type"));
      if (std::find(std::begin(kIdTypes), std::end(kIdTypes), o.id_type) == std::end(kIdTypes)) {
        return InvalidArgumentError(field +
                                        ".id_type 应为 citizen_id、passport、hk_macao_permit、"
                                        "taiwan_permit、residence_permit、"
                                        "foreign_permanent_residence 或 other",
                                    field + ".id_type");
      }
    }
    ASSIGN_OR_RETURN(o.citizen_id, Text(item, "citizen_id", field + ".citizen_id"));
    o.citizen_id = FoldText(o.citizen_id);
    if (o.id_type == "citizen_id") {
      codes::CitizenIdCheck check = codes::CheckCitizenId(o.citizen_id, &today);
      if (!check.valid) {
        return InvalidArgumentError(field + ".citizen_id：" + check.problem.message(),
                                    field + ".citizen_id");
      }
      std::replace(o.citizen_id.begin(), o.citizen_id.end(), 'x', 'X');
    } else {
      // Passports and the other documents: letters, digits and '-' (the
      // numbering is the issuing authority's, not checked further).
      const bool plain = o.citizen_id.size() >= 5 && o.citizen_id.size() <= 40 &&
                         std::all_of(o.citizen_id.begin(), o.citizen_id.end(), [](char c) {
                           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
                         });
      if (!plain) {
        return InvalidArgumentError(field + ".citizen_id：证件号码应为 5–40 位字母、数字",
                                    field + ".citizen_id");
      }
      std::transform(o.citizen_id.begin(), o.citizen_id.end(), o.citizen_id.begin(),
                     [](char c) { return static_cast<char>(std::toupper(c)); });
    }
    for (const BeneficialOwner& earlier : out) {
      if (earlier.citizen_id == o.citizen_id && earlier.id_type == o.id_type) {
        return InvalidArgumentError(field + ".citizen_id 与前面的受益所有人重复",
                                    field + ".citizen_id");
      }
    }
    ASSIGN_OR_RETURN(o.nationality, Text(item, "nationality", field + ".nationality"));
    ASSIGN_OR_RETURN(o.control_type, Text(item, "control_type", field + ".control_type"));
    if (o.control_type == "持股") o.control_type = "shareholding";
    if (o.control_type == "收益权") o.control_type = "benefit";
    if (o.control_type == "表决权") o.control_type = "voting";
    if (o.control_type == "控制" || o.control_type == "实际控制") o.control_type = "control";
    if (o.control_type == "日常经营管理") o.control_type = "manager";
    if (std::find(std::begin(kControlTypes), std::end(kControlTypes), o.control_type) ==
        std::end(kControlTypes)) {
      return InvalidArgumentError(field +
                                      ".control_type 应为 shareholding（股权）、benefit（收益权）、"
                                      "voting（表决权）、control（实际控制）或 manager"
                                      "（负责日常经营管理的人员）",
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
    } else if (NeedsShare(o.control_type)) {
      return InvalidArgumentError("须填写所占比例 " + share_field, share_field);
    }
    // Art. 6: 25% or more (the threshold is data).
    const double threshold = BeneficialOwnerRules::Default().threshold_percent();
    if (NeedsShare(o.control_type) && *o.ownership_share < threshold) {
      return InvalidArgumentError(
          fmt::format("{} 为 {}%，不足 {}% 的不是受益所有人（可按实际控制备案）", share_field,
                      *o.ownership_share, threshold),
          share_field);
    }
    ASSIGN_OR_RETURN(std::string from, Text(item, "from_date", field + ".from_date"));
    ASSIGN_OR_RETURN(o.from_date, Date::Parse(from, field + ".from_date"));
    if (today < o.from_date) {
      return InvalidArgumentError(field + ".from_date 不能晚于今天", field + ".from_date");
    }
    out.push_back(std::move(o));
  }
  // Art. 6: the person in charge of daily management only when no one else
  // is a beneficial owner.
  const bool others = std::any_of(out.begin(), out.end(),
                                  [](const auto& o) { return o.control_type != "manager"; });
  if (others) {
    for (size_t i = 0; i < out.size(); ++i) {
      if (out[i].control_type == "manager") {
        return InvalidArgumentError(
            "已有其他受益所有人，不再将负责日常经营管理的人员作为受益所有人备案",
            "owners[" + std::to_string(i) + "].control_type");
      }
    }
  }
  return out;
}

StatusOr<BeneficialOwnerRules> BeneficialOwnerRules::FromJson(const json& root) {
  auto value = [&](const char* key) -> StatusOr<json> {
    if (!root.is_object() || !root.contains(key) || !root[key].is_object() ||
        !root[key].contains("value")) {
      return InvalidArgumentError(fmt::format("beneficial_owner.json 须有 {}.value", key),
                                  "beneficial_owner");
    }
    return root[key]["value"];
  };
  BeneficialOwnerRules r;
  ASSIGN_OR_RETURN(json threshold, value("threshold_percent"));
  ASSIGN_OR_RETURN(json capital, value("exemption_capital_max_yuan"));
  ASSIGN_OR_RETURN(json days, value("change_days"));
  ASSIGN_OR_RETURN(json due, value("existing_entities_due"));
  if (!threshold.is_number() || !capital.is_number_integer() || !days.is_number_integer() ||
      !due.is_string()) {
    return InvalidArgumentError("beneficial_owner.json 的取值类型不正确", "beneficial_owner");
  }
  r.threshold_percent_ = threshold.get<double>();
  r.exemption_capital_max_ = capital.get<int64_t>();
  r.change_days_ = days.get<int>();
  ASSIGN_OR_RETURN(r.existing_due_, Date::Parse(due.get<std::string>(), "existing_entities_due"));
  ASSIGN_OR_RETURN(r.registered_before_,
                   Date::Parse(root["existing_entities_due"].value("registered_before", ""),
                               "registered_before"));
  return r;
}

const BeneficialOwnerRules& BeneficialOwnerRules::Default() {
  static const BeneficialOwnerRules* rules = [] {
    const auto path = codes::DataDir() / "lifecycle" / "beneficial_owner.json";
    std::ifstream in(path);
    json root = json::parse(in, nullptr, false);
    StatusOr<BeneficialOwnerRules> loaded =
        in ? FromJson(root) : InvalidArgumentError("无法打开", "path");
    if (!loaded.ok()) {
      std::fprintf(stderr, "无法读取 %s：%s\n", path.string().c_str(),
                   loaded.status().message().c_str());
      std::abort();
    }
    return new BeneficialOwnerRules(std::move(*loaded));
  }();
  return *rules;
}

bool MustFileBeneficialOwners(const registry::Entity& e) {
  if (e.kind != registry::EntityKind::kEnterprise) return false;
  const std::string& form = e.org_form;
  auto has = [&](const char* word) { return form.find(word) != std::string::npos; };
  if (has("外国")) return true;  // 外国公司分支机构 (and a foreign company's own forms)
  if (has("合伙")) return true;
  if (has("个人独资")) return false;
  if (has("分公司") || has("分支机构")) return false;  // a domestic company's branch
  return has("公司") || form.empty();
}

json BeneficialOwnerFilingJson(const BeneficialOwnerFiling& f) {
  json owners = json::array();
  for (const BeneficialOwner& o : f.owners) owners.push_back(OwnerJson(o, false));
  return {{"uscc", f.uscc},
          {"version", f.version},
          {"owners", owners},
          {"exempt", f.exempt},
          {"channel", f.channel},
          {"filed_by", f.filed_by},
          {"filed_at", f.filed_at.empty() ? json(nullptr) : json(f.filed_at)},
          {"filing_due", f.due ? codes::CountedDateJson(f.due->due) : json(nullptr)},
          {"filing_overdue", f.due && f.due->overdue}};
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
  if (!MustFileBeneficialOwners(e)) {
    return FailedPreconditionError(
        fmt::format("{}（{}）不是受益所有人备案主体（受益所有人信息管理办法第二条：公司、"
                    "合伙企业、外国公司分支机构）",
                    e.name, e.org_form.empty() ? registry::KindName(e.kind) : e.org_form),
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
  RETURN_IF_ERROR(MeetBeneficialOwnerFiling(sql, e.uscc, clock));
  return f;
}

StatusOr<BeneficialOwnerFiling> FileBeneficialOwnerExemption(soci::session& sql,
                                                             const identity::Caller& caller,
                                                             ChangeChannel channel,
                                                             std::string_view uscc,
                                                             const Clock& clock) {
  ASSIGN_OR_RETURN(
      EntityAccess access,
      AuthorizeEntityAction(sql, caller, uscc, perm::kRegistrationAccept, "change", clock.Now()));
  const registry::Entity& e = access.entity;
  if (e.status == registry::EntityStatus::kDeregistered ||
      e.status == registry::EntityStatus::kRevoked || !MustFileBeneficialOwners(e)) {
    return FailedPreconditionError("该主体无需办理受益所有人备案", "uscc");
  }
  const BeneficialOwnerRules& rules = BeneficialOwnerRules::Default();
  if (!e.registered_capital || *e.registered_capital > rules.exemption_capital_max()) {
    return FailedPreconditionError(fmt::format("注册资本（出资额）超过 {} 万元的，不能承诺免报",
                                               rules.exemption_capital_max() / 10'000),
                                   "registered_capital");
  }
  ASSIGN_OR_RETURN(json detail, internal::LoadDetail(sql, e.uscc));
  const json investors = detail.value("investors", json::array());
  if (!investors.is_array() || investors.empty()) {
    return FailedPreconditionError("未登记股东（合伙人），不能承诺免报", "investors");
  }
  for (const json& i : investors) {
    const bool person = i.is_object() && !i.value("citizen_id", std::string()).empty() &&
                        i.value("uscc", std::string()).empty();
    if (!person) {
      return FailedPreconditionError(
          fmt::format("股东（合伙人）{} 不是自然人，不能承诺免报",
                      i.is_object() ? i.value("name", std::string()) : std::string()),
          "investors");
    }
  }
  ASSIGN_OR_RETURN(BeneficialOwnerFiling before, Latest(sql, e.uscc));
  BeneficialOwnerFiling f;
  f.uscc = e.uscc;
  f.version = before.version + 1;
  f.exempt = true;
  f.channel = internal::ChannelId(channel);
  f.filed_by = caller.principal != nullptr ? caller.principal->username : caller.name;
  f.filed_at = FormatChinaTime(clock.Now());
  sql << "INSERT INTO beneficial_owner_filing (uscc, version, owners_json, channel, filed_by, "
         "filed_at, exempt) VALUES (:u, :v, '[]', :c, :by, :at, 1)",
      soci::use(f.uscc), soci::use(f.version), soci::use(f.channel), soci::use(f.filed_by),
      soci::use(f.filed_at);
  RETURN_IF_ERROR(audit::Append(
      sql,
      {ActorForEntity(caller, access, perm::kRegistrationAccept), "beneficial_owner.exempt",
       "entity", e.uscc, before.version == 0 ? json(nullptr) : json{{"version", before.version}},
       json{{"version", f.version}, {"exempt", true}}},
      clock));
  RETURN_IF_ERROR(MeetBeneficialOwnerFiling(sql, e.uscc, clock));
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
  const Date today = ChinaDate(clock.Now());
  ASSIGN_OR_RETURN(f.due, OpenBeneficialOwnerDue(sql, e.uscc, today));
  const BeneficialOwnerRules& rules = BeneficialOwnerRules::Default();
  if (!f.due && f.version == 0 && MustFileBeneficialOwners(e) &&
      e.established_on < rules.registered_before()) {
    // Registered before the measures took effect: due by the fixed date (data).
    f.due = BeneficialOwnerDue{{rules.existing_due(), false}, rules.existing_due() < today};
  }
  return f;
}

}  // namespace amr::lifecycle
