// SPDX-License-Identifier: MulanPSL-2.0
// Parsing change and 个转企 requests, and what the public and staff see of them.
#include <algorithm>
#include <tuple>

#include "codes/citizen_id.h"
#include "codes/uscc.h"
#include "common/text.h"
#include "lifecycle/change.h"
#include "lifecycle/change_internal.h"

namespace amr::lifecycle {
namespace {

using nlohmann::json;
constexpr size_t kMaxText = 200;

StatusOr<std::optional<std::string>> OptText(const json& obj, const std::string& key,
                                             const std::string& field) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return InvalidArgumentError(field + " 应为字符串", field);
  std::string v = Trim(it->get<std::string>());
  if (v.empty()) return InvalidArgumentError(field + " 不能为空", field);
  if (v.size() > kMaxText) return InvalidArgumentError(field + " 过长（不超过 200 字节）", field);
  return std::optional<std::string>(std::move(v));
}

StatusOr<std::string> ReqText(const json& obj, const std::string& key, const std::string& field) {
  ASSIGN_OR_RETURN(std::optional<std::string> v, OptText(obj, key, field));
  if (!v) return InvalidArgumentError("缺少必填项 " + field, field);
  return *v;
}

Status CheckId(std::string& id, const std::string& field, const Date& today) {
  codes::CitizenIdCheck check = codes::CheckCitizenId(id, &today);
  if (!check.valid) return InvalidArgumentError(field + "：" + check.problem.message(), field);
  id = FoldText(id);
  std::replace(id.begin(), id.end(), 'x', 'X');
  return OkStatus();
}

StatusOr<establishment::Person> ParsePerson(const json& obj, const std::string& field,
                                            const Date& today) {
  if (!obj.is_object()) return InvalidArgumentError(field + " 应为对象", field);
  establishment::Person p;
  ASSIGN_OR_RETURN(p.name, ReqText(obj, "name", field + ".name"));
  ASSIGN_OR_RETURN(p.citizen_id, ReqText(obj, "citizen_id", field + ".citizen_id"));
  RETURN_IF_ERROR(CheckId(p.citizen_id, field + ".citizen_id", today));
  return p;
}

StatusOr<std::vector<establishment::Investor>> ParseInvestors(const json& list, const Date& today) {
  if (!list.is_array()) return InvalidArgumentError("investors 应为数组", "investors");
  if (list.empty() || list.size() > 200) {
    return InvalidArgumentError("investors 应有 1 至 200 名投资人", "investors");
  }
  std::vector<establishment::Investor> out;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string field = "investors[" + std::to_string(i) + "]";
    const json& item = list[i];
    if (!item.is_object()) return InvalidArgumentError(field + " 应为对象", field);
    establishment::Investor inv;
    ASSIGN_OR_RETURN(inv.name, ReqText(item, "name", field + ".name"));
    ASSIGN_OR_RETURN(auto id, OptText(item, "citizen_id", field + ".citizen_id"));
    ASSIGN_OR_RETURN(auto uscc, OptText(item, "uscc", field + ".uscc"));
    if (id.has_value() == uscc.has_value()) {
      return InvalidArgumentError(field + " 须且只能填写 citizen_id（自然人）或 uscc（单位）之一",
                                  field);
    }
    if (id) {
      inv.citizen_id = *id;
      RETURN_IF_ERROR(CheckId(inv.citizen_id, field + ".citizen_id", today));
    } else {
      codes::UsccCheck check = codes::CheckUscc(*uscc);
      if (!check.valid) {
        return InvalidArgumentError(field + ".uscc：" + check.problem.message(), field + ".uscc");
      }
      inv.uscc = *uscc;
    }
    auto cap = item.find("subscribed_capital");
    const std::string cap_field = field + ".subscribed_capital";
    if (cap == item.end() || !cap->is_number_integer() || cap->get<int64_t>() <= 0 ||
        cap->get<int64_t>() > 1'000'000'000'000'000) {
      return InvalidArgumentError(cap_field + " 应为正整数（元）", cap_field);
    }
    inv.subscribed_capital = cap->get<int64_t>();
    out.push_back(std::move(inv));
  }
  return out;
}

json InvestorsJson(const std::vector<establishment::Investor>& investors) {
  json out = json::array();
  for (const establishment::Investor& i : investors) {
    json item = {{"name", i.name}, {"subscribed_capital", i.subscribed_capital}};
    if (!i.citizen_id.empty()) item["citizen_id"] = i.citizen_id;
    if (!i.uscc.empty()) item["uscc"] = i.uscc;
    out.push_back(std::move(item));
  }
  return out;
}

std::string FieldName(std::string_view field) {
  if (field == "name") return "名称";
  if (field == "address") return "住所";
  if (field == "scope") return "经营范围";
  if (field == "legal_rep") return "法定代表人（经营者）";
  if (field == "registered_capital") return "注册资本";
  if (field == "investors") return "投资人";
  if (field == "license_admin") return "电子营业执照管理员";
  if (field == "license") return "电子营业执照";
  if (field == "predecessor") return "个转企（原个体工商户）";
  if (field == "successor") return "个转企（转为企业）";
  return std::string(field);
}

std::string KindName(std::string_view kind) {
  if (kind == "registration") return "设立登记";
  if (kind == "change") return "变更登记";
  if (kind == "operator_change") return "变更经营者";
  if (kind == "conversion") return "个转企设立";
  return std::string(kind);
}

// A value of `field` as the public may see it.
json PublicValue(std::string_view field, const json& value, const establishment::Rules& rules) {
  if (value.is_null()) return nullptr;
  if (field == "legal_rep")
    return value.is_object() ? json(value.value("name", "")) : json(nullptr);
  if (field == "scope" && value.is_array()) {
    json out = json::array();
    for (const json& code : value) {
      if (!code.is_string()) continue;
      const establishment::ScopeItem* item = rules.FindScope(code.get<std::string>());
      out.push_back({{"code", code}, {"name", item != nullptr ? item->name : ""}});
    }
    return out;
  }
  if (field == "investors" && value.is_array()) {
    json out = json::array();
    for (const json& inv : value) {
      if (!inv.is_object()) continue;
      const bool person = inv.contains("citizen_id");
      json item = {{"investor_kind", person ? "natural_person" : "organisation"},
                   {"name", person ? MaskPersonName(inv.value("name", "")) : inv.value("name", "")},
                   {"subscribed_capital", inv.value("subscribed_capital", json(nullptr))}};
      if (!person) item["uscc"] = inv.value("uscc", "");
      out.push_back(std::move(item));
    }
    return out;
  }
  if (field == "license_admin") return value.is_string() ? value : json("已移交");
  return value;
}

// The same with citizen IDs masked (staff views, audit records).
json MaskedValue(const json& value) {
  if (value.is_object()) {
    json out = json::object();
    for (auto it = value.begin(); it != value.end(); ++it) {
      out[it.key()] = it.key() == "citizen_id" && it->is_string()
                          ? json(MaskCitizenId(it->get<std::string>()))
                          : MaskedValue(*it);
    }
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const json& v : value) out.push_back(MaskedValue(v));
    return out;
  }
  return value;
}

json ConversionJson(const Conversion& c) {
  return {{"from_uscc", c.from_uscc},
          {"to_uscc", c.to_uscc},
          {"target_kind", c.target_kind},
          {"converted_on", c.converted_on}};
}

}  // namespace

std::string MaskPersonName(std::string_view name) {
  std::vector<char32_t> cps = DecodeUtf8(name);
  if (cps.empty()) return "";
  std::string out;
  AppendUtf8(cps[0], out);
  for (size_t i = 1; i < cps.size(); ++i) out += "*";
  if (cps.size() == 1) out += "*";
  return out;
}

std::string MaskCitizenId(std::string_view id) {
  if (id.empty()) return "";
  if (id.size() < 10) return std::string(id.size(), '*');
  return std::string(id.substr(0, 6)) + std::string(id.size() - 10, '*') +
         std::string(id.substr(id.size() - 4));
}

namespace internal {
json MaskPrivate(const json& value) { return MaskedValue(value); }
json InvestorListJson(const std::vector<establishment::Investor>& investors) {
  return InvestorsJson(investors);
}
}  // namespace internal

StatusOr<ChangeRequest> ParseChangeRequest(const json& body, const establishment::Rules& rules,
                                           const Date& today) {
  if (!body.is_object()) return InvalidArgumentError("请求体应为 JSON 对象", "body");
  static const std::vector<std::string> kKnown = {"name",
                                                  "name_source",
                                                  "address",
                                                  "address_commitment",
                                                  "scope",
                                                  "legal_rep",
                                                  "registered_capital",
                                                  "investors",
                                                  "note"};
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (std::find(kKnown.begin(), kKnown.end(), it.key()) == kKnown.end()) {
      return InvalidArgumentError("不能变更的事项：" + it.key(), it.key());
    }
  }
  ChangeRequest r;
  ASSIGN_OR_RETURN(r.name, OptText(body, "name", "name"));
  if (auto s = body.find("name_source"); s != body.end() && !s->is_null()) {
    if (!r.name) return InvalidArgumentError("名称来源只随名称变更填写", "name_source");
    ASSIGN_OR_RETURN(r.name_source, establishment::ParseNameSource(*s));
  }
  ASSIGN_OR_RETURN(r.address, OptText(body, "address", "address"));
  if (r.address) {
    auto c = body.find("address_commitment");
    if (c == body.end() || !c->is_boolean() || !c->get<bool>()) {
      return InvalidArgumentError("住所申报承诺制：变更住所须承诺所申报住所（经营场所）真实有效",
                                  "address_commitment");
    }
  }
  if (auto s = body.find("scope"); s != body.end() && !s->is_null()) {
    if (!s->is_array() || s->empty()) {
      return InvalidArgumentError("scope 应为经营范围目录代码的非空数组", "scope");
    }
    std::vector<std::string> scope;
    for (size_t i = 0; i < s->size(); ++i) {
      const std::string field = "scope[" + std::to_string(i) + "]";
      if (!(*s)[i].is_string()) return InvalidArgumentError(field + " 应为字符串", field);
      std::string code = (*s)[i].get<std::string>();
      if (rules.FindScope(code) == nullptr) {
        return InvalidArgumentError("经营范围须从经营范围规范表述目录中选择，目录中没有 " + code,
                                    field);
      }
      if (std::find(scope.begin(), scope.end(), code) != scope.end()) {
        return InvalidArgumentError(field + " 与前面的项目重复：" + code, field);
      }
      scope.push_back(std::move(code));
    }
    r.scope = std::move(scope);
  }
  if (auto p = body.find("legal_rep"); p != body.end() && !p->is_null()) {
    ASSIGN_OR_RETURN(r.legal_rep, ParsePerson(*p, "legal_rep", today));
  }
  if (auto c = body.find("registered_capital"); c != body.end() && !c->is_null()) {
    if (!c->is_number_integer() || c->get<int64_t>() <= 0 ||
        c->get<int64_t>() > 1'000'000'000'000'000) {
      return InvalidArgumentError("registered_capital 应为正整数（元）", "registered_capital");
    }
    r.registered_capital = c->get<int64_t>();
  }
  if (auto i = body.find("investors"); i != body.end() && !i->is_null()) {
    ASSIGN_OR_RETURN(r.investors, ParseInvestors(*i, today));
    int64_t sum = 0;
    for (const auto& inv : *r.investors) sum += inv.subscribed_capital;
    if (r.registered_capital && *r.registered_capital != sum) {
      return InvalidArgumentError(
          "registered_capital 应等于各投资人认缴出资之和 " + std::to_string(sum) + " 元",
          "registered_capital");
    }
  }
  if (auto n = body.find("note"); n != body.end() && !n->is_null()) {
    if (!n->is_string() || n->get<std::string>().size() > 1000) {
      return InvalidArgumentError("note 应为不超过 1000 字节的字符串", "note");
    }
    r.note = n->get<std::string>();
  }
  if (r.empty()) {
    return InvalidArgumentError(
        "请至少填写一项变更事项（name、address、scope、legal_rep、registered_capital、investors）",
        "body");
  }
  return r;
}

json ChangeRequestJson(const ChangeRequest& r) {
  json out = json::object();
  if (r.name) out["name"] = *r.name;
  if (r.name_source) out["name_source"] = establishment::NameSourceJson(*r.name_source);
  if (r.address) {
    out["address"] = *r.address;
    out["address_commitment"] = true;
  }
  if (r.scope) out["scope"] = *r.scope;
  if (r.legal_rep) {
    out["legal_rep"] = {{"name", r.legal_rep->name}, {"citizen_id", r.legal_rep->citizen_id}};
  }
  if (r.registered_capital) out["registered_capital"] = *r.registered_capital;
  if (r.investors) out["investors"] = InvestorsJson(*r.investors);
  if (!r.note.empty()) out["note"] = r.note;
  return out;
}

StatusOr<ConversionRequest> ParseConversionRequest(const json& body, const Date& today) {
  if (!body.is_object()) return InvalidArgumentError("请求体应为 JSON 对象", "body");
  ConversionRequest r;
  ASSIGN_OR_RETURN(std::string kind, ReqText(body, "kind", "kind"));
  ASSIGN_OR_RETURN(r.kind, establishment::ParseFormKind(kind));
  if (r.kind != establishment::FormKind::kLimitedCompany &&
      r.kind != establishment::FormKind::kSoleProprietorship) {
    return InvalidArgumentError(
        "个转企可转为有限责任公司（limited_company）或个人独资企业"
        "（sole_proprietorship）",
        "kind");
  }
  ASSIGN_OR_RETURN(r.name, ReqText(body, "name", "name"));
  if (auto p = body.find("legal_rep"); p != body.end() && !p->is_null()) {
    ASSIGN_OR_RETURN(r.legal_rep, ParsePerson(*p, "legal_rep", today));
  }
  if (auto c = body.find("registered_capital"); c != body.end() && !c->is_null()) {
    if (!c->is_number_integer() || c->get<int64_t>() <= 0) {
      return InvalidArgumentError("registered_capital 应为正整数（元）", "registered_capital");
    }
    r.registered_capital = c->get<int64_t>();
  }
  if (auto i = body.find("investors"); i != body.end() && !i->is_null()) {
    ASSIGN_OR_RETURN(r.investors, ParseInvestors(*i, today));
  }
  // 个转企: the debts carried over and the taxes settled or declared.
  {
    auto d = body.find("declarations");
    if (d == body.end() || !d->is_object()) {
      return InvalidArgumentError(
          "须声明债权债务由新企业承继、税款已结清或已向税务机关申报（declarations）",
          "declarations");
    }
    for (auto [key, text, member] :
         {std::tuple{"debts_assumed", "原个体工商户的债权债务由转型后的企业承继",
                     &ConversionRequest::debts_assumed},
          std::tuple{"taxes_declared", "应纳税款已结清或已向税务机关申报",
                     &ConversionRequest::taxes_declared}}) {
      auto it = d->find(key);
      if (it == d->end() || !it->is_boolean() || !it->get<bool>()) {
        return InvalidArgumentError(std::string("须声明“") + text + "”",
                                    std::string("declarations.") + key);
      }
      r.*member = true;
    }
  }
  if (r.kind == establishment::FormKind::kSoleProprietorship) {
    if (r.investors.size() > 1 || (r.investors.size() == 1 && r.investors[0].citizen_id.empty())) {
      return InvalidArgumentError("个人独资企业的投资人应为一名自然人", "investors");
    }
  }
  if (!r.investors.empty()) {
    int64_t sum = 0;
    for (const auto& inv : r.investors) sum += inv.subscribed_capital;
    if (r.registered_capital && *r.registered_capital != sum) {
      return InvalidArgumentError(
          "registered_capital 应等于各投资人认缴出资之和 " + std::to_string(sum) + " 元",
          "registered_capital");
    }
    r.registered_capital = sum;
  } else if (!r.registered_capital) {
    return InvalidArgumentError("须填写投资人（investors）或注册资本（registered_capital）",
                                "registered_capital");
  }
  return r;
}

json PublicHistoryJson(const History& h, const establishment::Rules& rules) {
  json versions = json::array();
  for (const Version& v : h.versions) {
    json changes = json::array();
    for (const FieldChange& c : v.changes) {
      changes.push_back({{"field", c.field},
                         {"field_name", FieldName(c.field)},
                         {"before", PublicValue(c.field, c.before, rules)},
                         {"after", PublicValue(c.field, c.after, rules)}});
    }
    versions.push_back({{"version", v.version},
                        {"effective_on", v.effective_on},
                        {"kind", v.kind},
                        {"kind_name", KindName(v.kind)},
                        {"channel", v.channel},
                        {"changes", changes}});
  }
  json out = {{"versions", versions}, {"predecessor", nullptr}, {"successor", nullptr}};
  if (h.predecessor) {
    out["predecessor"] = ConversionJson(*h.predecessor);
    out["predecessor"]["history"] = "/api/v1/entities/" + h.predecessor->from_uscc + "/changes";
  }
  if (h.successor) {
    out["successor"] = ConversionJson(*h.successor);
    out["successor"]["history"] = "/api/v1/entities/" + h.successor->to_uscc + "/changes";
  }
  return out;
}

json ChangeJson(const Change& c, const establishment::Rules& /*rules*/) {
  json out = {{"id", c.id},
              {"uscc", c.uscc},
              {"kind", c.kind},
              {"kind_name", KindName(c.kind)},
              {"channel", c.channel},
              {"submitted_by", c.submitted_by},
              {"request", MaskedValue(ChangeRequestJson(c.request))},
              {"state", c.state},
              {"name_verdict", c.name_verdict},
              {"name_message", c.name_message},
              {"reject_reason", c.reject_reason},
              {"version", c.version == 0 ? json(nullptr) : json(c.version)},
              {"submitted_at", c.submitted_at},
              {"decided_at", c.decided_at.empty() ? json(nullptr) : json(c.decided_at)},
              {"notices", c.notices}};
  return out;
}

}  // namespace amr::lifecycle
