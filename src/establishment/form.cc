// SPDX-License-Identifier: MulanPSL-2.0
#include "establishment/form.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <set>

#include "codes/citizen_id.h"
#include "codes/industries.h"
#include "codes/regions.h"
#include "codes/uscc.h"
#include "common/text.h"

namespace amr::establishment {
namespace {

using nlohmann::json;

struct KindRow {
  FormKind kind;
  std::string_view id;
  std::string_view name;
};
constexpr std::array<KindRow, 7> kKinds = {{
    {FormKind::kLimitedCompany, "limited_company", "有限责任公司"},
    {FormKind::kJointStockCompany, "joint_stock_company", "股份有限公司"},
    {FormKind::kSoleProprietorship, "sole_proprietorship", "个人独资企业"},
    {FormKind::kPartnership, "partnership", "合伙企业"},
    {FormKind::kBranch, "branch", "分公司"},
    {FormKind::kIndividualBusiness, "individual_business", "个体工商户"},
    {FormKind::kCooperative, "cooperative", "农民专业合作社"},
}};

constexpr size_t kMaxText = 200;

StatusOr<std::string> Text(const json& obj, const std::string& key, const std::string& field,
                           bool required) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) return InvalidArgumentError("请填写" + FieldLabel(field), field);
    return std::string();
  }
  if (!it->is_string()) return InvalidArgumentError(FieldLabel(field) + "应为文字", field);
  std::string value = it->get<std::string>();
  if (required && value.empty()) return InvalidArgumentError("请填写" + FieldLabel(field), field);
  if (Utf8Length(value) > kMaxText) {
    return InvalidArgumentError(
        FieldLabel(field) + "过长（不超过 " + std::to_string(kMaxText) + " 个字）", field);
  }
  return value;
}

StatusOr<bool> Flag(const json& obj, const std::string& key, const std::string& field) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return false;
  if (!it->is_boolean()) return InvalidArgumentError("请选择是或否", field);
  return it->get<bool>();
}

StatusOr<std::vector<std::string>> TextList(const json& obj, const std::string& key,
                                            const std::string& field) {
  std::vector<std::string> out;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_array()) return InvalidArgumentError(FieldLabel(field) + "应为一组文字", field);
  for (size_t i = 0; i < it->size(); ++i) {
    const std::string f = field + "[" + std::to_string(i) + "]";
    if (!(*it)[i].is_string()) return InvalidArgumentError(FieldLabel(f) + "应为文字", f);
    std::string v = (*it)[i].get<std::string>();
    if (std::find(out.begin(), out.end(), v) != out.end()) {
      return InvalidArgumentError(FieldLabel(f) + "与前面的项目重复：" + v, f);
    }
    out.push_back(std::move(v));
  }
  return out;
}

StatusOr<json> Object(const json& obj, const std::string& key, const std::string& field,
                      bool required) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) return InvalidArgumentError("请填写" + FieldLabel(field), field);
    return json();
  }
  if (!it->is_object()) return InvalidArgumentError(FieldLabel(field) + "的格式不对", field);
  return *it;
}

Status CheckId(const std::string& id, const std::string& field, const Date& today) {
  codes::CitizenIdCheck check = codes::CheckCitizenId(id, &today);
  if (!check.valid) {
    return InvalidArgumentError(FieldLabel(field) + "：" + check.problem.message(), field);
  }
  return OkStatus();
}

StatusOr<Person> ParsePerson(const json& body, const std::string& key, const Date& today) {
  ASSIGN_OR_RETURN(json obj, Object(body, key, key, true));
  Person p;
  ASSIGN_OR_RETURN(p.name, Text(obj, "name", key + ".name", true));
  ASSIGN_OR_RETURN(p.citizen_id, Text(obj, "citizen_id", key + ".citizen_id", true));
  RETURN_IF_ERROR(CheckId(p.citizen_id, key + ".citizen_id", today));
  return p;
}

// The suffix a name of each kind must carry (组织形式, 企业名称登记管理规定 Art. 11);
// individual businesses may use any suitable form (店, 馆, 部 …).
std::vector<std::string_view> NameForms(FormKind k) {
  switch (k) {
    case FormKind::kLimitedCompany:
      return {"有限公司", "有限责任公司"};
    case FormKind::kJointStockCompany:
      return {"股份有限公司", "股份公司"};
    case FormKind::kSoleProprietorship:
      return {"个人独资企业", "厂", "店", "部", "中心", "工作室", "商行", "场"};
    case FormKind::kPartnership:
      return {"（普通合伙）", "（有限合伙）", "（特殊普通合伙）"};
    case FormKind::kBranch:
      return {"分公司"};
    case FormKind::kCooperative:
      return {"农民专业合作社", "专业合作社", "股份合作社", "合作社"};
    case FormKind::kIndividualBusiness:
      return {};
  }
  return {};
}

Status ParseOptions(const json& body, const Rules& rules, Options& out) {
  ASSIGN_OR_RETURN(json options, Object(body, "options", "options", false));
  if (options.is_null()) return OkStatus();
  for (auto it = options.begin(); it != options.end(); ++it) {
    static const std::set<std::string> kKnown = {
        "seal", "tax", "social_insurance", "medical_insurance", "housing_fund", "bank_account"};
    if (!kKnown.contains(it.key())) {
      return InvalidArgumentError("没有这项可一并办理的事项：" + it.key(), "options." + it.key());
    }
  }
  ASSIGN_OR_RETURN(json seal, Object(options, "seal", "options.seal", false));
  if (!seal.is_null()) {
    SealOption s;
    ASSIGN_OR_RETURN(s.kinds, TextList(seal, "kinds", "options.seal.kinds"));
    if (s.kinds.empty()) {
      return InvalidArgumentError("刻制印章须至少选择一种印章", "options.seal.kinds");
    }
    for (size_t i = 0; i < s.kinds.size(); ++i) {
      if (!rules.SealKindKnown(s.kinds[i])) {
        const std::string f = "options.seal.kinds[" + std::to_string(i) + "]";
        return InvalidArgumentError("不可刻制的印章种类：" + s.kinds[i], f);
      }
    }
    out.seal = std::move(s);
  }
  ASSIGN_OR_RETURN(json tax, Object(options, "tax", "options.tax", false));
  if (!tax.is_null()) {
    TaxOption t;
    ASSIGN_OR_RETURN(t.invoice_kinds, TextList(tax, "invoice_kinds", "options.tax.invoice_kinds"));
    for (size_t i = 0; i < t.invoice_kinds.size(); ++i) {
      if (!rules.InvoiceKindKnown(t.invoice_kinds[i])) {
        const std::string f = "options.tax.invoice_kinds[" + std::to_string(i) + "]";
        return InvalidArgumentError("不能申领的发票种类：" + t.invoice_kinds[i], f);
      }
    }
    ASSIGN_OR_RETURN(t.tax_ukey, Flag(tax, "tax_ukey", "options.tax.tax_ukey"));
    out.tax = std::move(t);
  }
  ASSIGN_OR_RETURN(out.social_insurance,
                   Flag(options, "social_insurance", "options.social_insurance"));
  ASSIGN_OR_RETURN(out.medical_insurance,
                   Flag(options, "medical_insurance", "options.medical_insurance"));
  ASSIGN_OR_RETURN(out.housing_fund, Flag(options, "housing_fund", "options.housing_fund"));
  ASSIGN_OR_RETURN(json bank, Object(options, "bank_account", "options.bank_account", false));
  if (!bank.is_null()) {
    BankOption b;
    ASSIGN_OR_RETURN(b.bank, Text(bank, "bank", "options.bank_account.bank", true));
    ASSIGN_OR_RETURN(b.branch, Text(bank, "branch", "options.bank_account.branch", true));
    out.bank_account = std::move(b);
  }
  return OkStatus();
}

}  // namespace

std::string_view FormKindId(FormKind kind) {
  for (const KindRow& r : kKinds) {
    if (r.kind == kind) return r.id;
  }
  return "";
}

std::string_view FormKindName(FormKind kind) {
  for (const KindRow& r : kKinds) {
    if (r.kind == kind) return r.name;
  }
  return "";
}

StatusOr<FormKind> ParseFormKind(std::string_view text) {
  for (const KindRow& r : kKinds) {
    if (r.id == text || r.name == text) return r.kind;
  }
  return InvalidArgumentError(
      "主体类型应为 有限责任公司、股份有限公司、个人独资企业、合伙企业、分公司、个体工商户 或 "
      "农民专业合作社",
      "kind");
}

Status CheckNameForm(FormKind kind, std::string_view name) {
  // 个人独资企业登记管理办法 Art. 6: no 有限, 有限责任 or 公司 in the name of a
  // sole proprietorship (its investor answers with everything he has).
  if (kind == FormKind::kSoleProprietorship && (name.find("有限") != std::string_view::npos ||
                                                name.find("公司") != std::string_view::npos)) {
    return InvalidArgumentError("个人独资企业的名称不得使用“有限”“有限责任”或者“公司”字样", "name");
  }
  const std::vector<std::string_view> forms = NameForms(kind);
  if (forms.empty() || std::any_of(forms.begin(), forms.end(), [&](std::string_view suffix) {
        return name.ends_with(suffix);
      })) {
    return OkStatus();
  }
  std::string list;
  for (std::string_view s : forms) list += (list.empty() ? "" : "、") + std::string(s);
  return InvalidArgumentError(
      "名称的组织形式与主体类型" + std::string(FormKindName(kind)) + "不符，应以 " + list + " 结尾",
      "name");
}

registry::EntityKind EntityKindOf(FormKind kind) {
  switch (kind) {
    case FormKind::kIndividualBusiness:
      return registry::EntityKind::kIndividualBusiness;
    case FormKind::kCooperative:
      return registry::EntityKind::kCooperative;
    default:
      return registry::EntityKind::kEnterprise;
  }
}

bool HasOperatingTerm(FormKind kind) {
  switch (kind) {
    case FormKind::kLimitedCompany:
    case FormKind::kJointStockCompany:
    case FormKind::kBranch:
    case FormKind::kPartnership:
      return true;
    case FormKind::kSoleProprietorship:
    case FormKind::kIndividualBusiness:
    case FormKind::kCooperative:
      return false;
  }
  return false;
}

std::optional<registry::OperatingTerm> OperatingTermOf(const Form& form) {
  if (!HasOperatingTerm(form.kind)) return std::nullopt;
  return registry::OperatingTerm{form.operating_until};
}

bool Options::Requested(std::string_view name) const {
  if (name == "always") return true;
  if (name == "seal") return seal.has_value();
  if (name == "tax") return tax.has_value();
  if (name == "social_insurance") return social_insurance;
  if (name == "medical_insurance") return medical_insurance;
  if (name == "housing_fund") return housing_fund;
  if (name == "bank_account") return bank_account.has_value();
  return false;
}

StatusOr<NameSource> ParseNameSource(const json& obj) {
  if (!obj.is_object()) {
    return InvalidArgumentError("名称来源应写明对方企业、关系和依据文件", "name_source");
  }
  NameSource source;
  ASSIGN_OR_RETURN(source.uscc, Text(obj, "uscc", "name_source.uscc", true));
  if (codes::UsccCheck check = codes::CheckUscc(source.uscc); !check.valid) {
    return InvalidArgumentError("名称来源企业的统一社会信用代码无效：" + check.problem.message(),
                                "name_source.uscc");
  }
  ASSIGN_OR_RETURN(source.relation, Text(obj, "relation", "name_source.relation", true));
  if (source.relation != "authorised" && source.relation != "transferred") {
    return InvalidArgumentError("名称来源的关系应为经授权使用或受让", "name_source.relation");
  }
  ASSIGN_OR_RETURN(source.document, Text(obj, "document", "name_source.document", true));
  return source;
}

json NameSourceJson(const NameSource& source) {
  return {{"uscc", source.uscc}, {"relation", source.relation}, {"document", source.document}};
}

StatusOr<Form> ParseForm(const json& body, const Rules& rules, const Date& today) {
  if (!body.is_object()) return InvalidArgumentError("申请表的格式不对", "body");
  Form f;
  ASSIGN_OR_RETURN(std::string kind, Text(body, "kind", "kind", true));
  ASSIGN_OR_RETURN(f.kind, ParseFormKind(kind));
  ASSIGN_OR_RETURN(f.family_farm, Flag(body, "family_farm", "family_farm"));
  if (f.family_farm && (f.kind == FormKind::kBranch || f.kind == FormKind::kJointStockCompany)) {
    return InvalidArgumentError(
        "家庭农场只能登记为个体工商户、个人独资企业、合伙企业、有限责任公司或"
        "农民专业合作社",
        "family_farm");
  }

  ASSIGN_OR_RETURN(f.name, Text(body, "name", "name", true));
  RETURN_IF_ERROR(CheckNameForm(f.kind, f.name));
  ASSIGN_OR_RETURN(f.name_reservation_id,
                   Text(body, "name_reservation_id", "name_reservation_id", false));
  ASSIGN_OR_RETURN(f.name_approval_document,
                   Text(body, "name_approval_document", "name_approval_document", false));
  if (auto it = body.find("name_source"); it != body.end() && !it->is_null()) {
    ASSIGN_OR_RETURN(f.name_source, ParseNameSource(*it));
  }

  ASSIGN_OR_RETURN(f.legal_rep, ParsePerson(body, "legal_rep", today));

  ASSIGN_OR_RETURN(f.parent_uscc, Text(body, "parent_uscc", "parent_uscc", false));
  if (f.kind == FormKind::kBranch) {
    if (f.parent_uscc.empty()) {
      return InvalidArgumentError("分公司须填写隶属公司的统一社会信用代码", "parent_uscc");
    }
    codes::UsccCheck check = codes::CheckUscc(f.parent_uscc);
    if (!check.valid) {
      return InvalidArgumentError(FieldLabel("parent_uscc") + "：" + check.problem.message(),
                                  "parent_uscc");
    }
  } else if (!f.parent_uscc.empty()) {
    return InvalidArgumentError("只有分公司填写隶属企业", "parent_uscc");
  }

  // Investors and subscribed capital.
  auto inv = body.find("investors");
  if (inv != body.end() && !inv->is_null()) {
    if (!inv->is_array()) return InvalidArgumentError("投资人的格式不对", "investors");
    for (size_t i = 0; i < inv->size(); ++i) {
      const std::string field = "investors[" + std::to_string(i) + "]";
      const json& item = (*inv)[i];
      if (!item.is_object()) return InvalidArgumentError(FieldLabel(field) + "的格式不对", field);
      Investor investor;
      ASSIGN_OR_RETURN(investor.name, Text(item, "name", field + ".name", true));
      ASSIGN_OR_RETURN(investor.citizen_id, Text(item, "citizen_id", field + ".citizen_id", false));
      ASSIGN_OR_RETURN(investor.uscc, Text(item, "uscc", field + ".uscc", false));
      if (investor.citizen_id.empty() == investor.uscc.empty()) {
        return InvalidArgumentError(
            FieldLabel(field) +
                "须填写身份证号码（自然人）或统一社会信用代码（单位），二者只填其一",
            field);
      }
      if (!investor.citizen_id.empty()) {
        RETURN_IF_ERROR(CheckId(investor.citizen_id, field + ".citizen_id", today));
      } else {
        codes::UsccCheck check = codes::CheckUscc(investor.uscc);
        if (!check.valid) {
          return InvalidArgumentError(FieldLabel(field + ".uscc") + "：" + check.problem.message(),
                                      field + ".uscc");
        }
      }
      // One entry per investor: the same person or organisation twice is one
      // subscription written twice.
      for (const Investor& before : f.investors) {
        if ((!investor.uscc.empty() && before.uscc == investor.uscc) ||
            (!investor.citizen_id.empty() && before.citizen_id == investor.citizen_id)) {
          return InvalidArgumentError(
              "投资人与前面的投资人重复，请合并为一项出资",
              investor.uscc.empty() ? field + ".citizen_id" : field + ".uscc");
        }
      }
      auto cap = item.find("subscribed_capital");
      const std::string cap_field = field + ".subscribed_capital";
      if (cap == item.end() || !cap->is_number_integer() || cap->get<int64_t>() <= 0) {
        return InvalidArgumentError(FieldLabel(cap_field) + "应为正整数（元）", cap_field);
      }
      investor.subscribed_capital = cap->get<int64_t>();
      if (investor.subscribed_capital > 1'000'000'000'000'000) {
        return InvalidArgumentError(FieldLabel(cap_field) + "超出范围", cap_field);
      }
      f.investors.push_back(std::move(investor));
    }
  }
  // 公司法 Art. 42 (1–50 members of a limited company), 合伙企业法 Art. 14/61
  // (≥ 2 partners), 农民专业合作社法 Art. 19 (≥ 5 members); a sole
  // proprietorship has exactly one natural-person investor; individual
  // businesses and branches have none.
  size_t min_investors = 1, max_investors = 200;
  switch (f.kind) {
    case FormKind::kLimitedCompany:
      max_investors = 50;
      break;
    case FormKind::kJointStockCompany:
      break;
    case FormKind::kSoleProprietorship:
      max_investors = 1;
      break;
    case FormKind::kPartnership:
      min_investors = 2;
      break;
    case FormKind::kCooperative:
      min_investors = 5;
      break;
    case FormKind::kBranch:
    case FormKind::kIndividualBusiness:
      min_investors = 0;
      max_investors = 0;
      break;
  }
  if (f.investors.size() < min_investors || f.investors.size() > max_investors) {
    return InvalidArgumentError(std::string(FormKindName(f.kind)) + "的投资人数应在 " +
                                    std::to_string(min_investors) + " 至 " +
                                    std::to_string(max_investors) + " 之间",
                                "investors");
  }
  if (f.kind == FormKind::kSoleProprietorship && f.investors[0].citizen_id.empty()) {
    return InvalidArgumentError("个人独资企业的投资人应为自然人", "investors[0].citizen_id");
  }
  auto reg = body.find("registered_capital");
  if (!f.investors.empty()) {
    int64_t sum = 0;
    for (const Investor& i : f.investors) sum += i.subscribed_capital;
    if (reg == body.end() || !reg->is_number_integer()) {
      return InvalidArgumentError("注册资本应为整数（元），等于各投资人认缴出资之和",
                                  "registered_capital");
    }
    if (reg->get<int64_t>() != sum) {
      return InvalidArgumentError(
          "注册资本应等于各投资人认缴出资之和 " + std::to_string(sum) + " 元",
          "registered_capital");
    }
    f.registered_capital = sum;
  } else if (reg != body.end() && !reg->is_null()) {
    return InvalidArgumentError(std::string(FormKindName(f.kind)) + "不登记注册资本",
                                "registered_capital");
  }

  ASSIGN_OR_RETURN(f.address, Text(body, "address", "address", true));
  ASSIGN_OR_RETURN(f.address_commitment, Flag(body, "address_commitment", "address_commitment"));
  if (!f.address_commitment) {
    return InvalidArgumentError("住所申报承诺制：须承诺所申报住所（经营场所）真实有效",
                                "address_commitment");
  }

  ASSIGN_OR_RETURN(const std::string until,
                   Text(body, "operating_until", "operating_until", false));
  if (!until.empty()) {
    if (!HasOperatingTerm(f.kind)) {
      return InvalidArgumentError(std::string(FormKindName(f.kind)) + "不登记营业期限",
                                  "operating_until");
    }
    auto day = Date::Parse(until, "operating_until");
    if (!day.ok()) {
      return InvalidArgumentError("营业期限的截止日期应为“年-月-日”，长期的不填",
                                  "operating_until");
    }
    if (!(today < *day)) {
      return InvalidArgumentError("营业期限的截止日期应晚于今天", "operating_until");
    }
    f.operating_until = *day;
  }

  ASSIGN_OR_RETURN(f.scope, TextList(body, "scope", "scope"));
  if (f.scope.empty()) return InvalidArgumentError("经营范围至少选择一项", "scope");
  for (size_t i = 0; i < f.scope.size(); ++i) {
    if (rules.FindScope(f.scope[i]) == nullptr) {
      const std::string field = "scope[" + std::to_string(i) + "]";
      return InvalidArgumentError(
          "经营范围须从经营范围规范表述目录中选择，目录中没有 " + f.scope[i], field);
    }
  }

  ASSIGN_OR_RETURN(f.region_code, Text(body, "region_code", "region_code", true));
  const codes::Region* region = codes::Regions().Find(f.region_code);
  if (region == nullptr || region->level != codes::RegionLevel::kCounty) {
    return InvalidArgumentError("登记地区应为一个县（区）", "region_code");
  }
  ASSIGN_OR_RETURN(f.industry_code, Text(body, "industry_code", "industry_code", true));
  const codes::Industry* industry = codes::Industries().Find(f.industry_code);
  if (industry == nullptr || industry->level != codes::IndustryLevel::kDivision) {
    return InvalidArgumentError("请从国民经济行业分类中选择行业（大类）", "industry_code");
  }

  ASSIGN_OR_RETURN(f.materials, TextList(body, "materials", "materials"));
  ASSIGN_OR_RETURN(f.deferred_materials,
                   TextList(body, "deferred_materials", "deferred_materials"));
  ASSIGN_OR_RETURN(f.deferral_commitment, Flag(body, "deferral_commitment", "deferral_commitment"));
  const std::string kind_id(FormKindId(f.kind));
  for (size_t i = 0; i < f.materials.size(); ++i) {
    const Material* m = rules.FindMaterial(f.materials[i]);
    if (m == nullptr || !m->AppliesTo(kind_id)) {
      const std::string field = "materials[" + std::to_string(i) + "]";
      return InvalidArgumentError("材料清单中没有适用于" + std::string(FormKindName(f.kind)) +
                                      "的这项材料：" + f.materials[i],
                                  field);
    }
  }
  for (size_t i = 0; i < f.deferred_materials.size(); ++i) {
    const std::string field = "deferred_materials[" + std::to_string(i) + "]";
    const std::string& code = f.deferred_materials[i];
    const Material* m = rules.FindMaterial(code);
    if (m == nullptr || !m->AppliesTo(kind_id)) {
      return InvalidArgumentError("材料清单中没有适用的这项材料：" + code, field);
    }
    if (m->key) {
      return InvalidArgumentError("容缺受理：要件材料「" + m->name + "」不能容缺", field);
    }
    if (std::find(f.materials.begin(), f.materials.end(), code) != f.materials.end()) {
      return InvalidArgumentError("材料「" + m->name + "」已提交，不必容缺", field);
    }
  }
  if (!f.deferred_materials.empty() && !f.deferral_commitment) {
    return InvalidArgumentError("容缺受理须承诺在期限内补交材料", "deferral_commitment");
  }
  for (const Material& m : rules.materials()) {
    if (!m.AppliesTo(kind_id)) continue;
    const bool supplied =
        std::find(f.materials.begin(), f.materials.end(), m.code) != f.materials.end();
    const bool deferred = std::find(f.deferred_materials.begin(), f.deferred_materials.end(),
                                    m.code) != f.deferred_materials.end();
    if (!supplied && !deferred) {
      return InvalidArgumentError(
          "缺少材料「" + m.name + "」" +
              (m.key ? "，该材料为要件，不能容缺" : "；如需容缺受理，请选择“容缺后补”并承诺补交"),
          "materials");
    }
  }

  RETURN_IF_ERROR(ParseOptions(body, rules, f.options));
  return f;
}

json FormJson(const Form& f) {
  json investors = json::array();
  for (const Investor& i : f.investors) {
    json item = {{"name", i.name}, {"subscribed_capital", i.subscribed_capital}};
    if (!i.citizen_id.empty()) item["citizen_id"] = i.citizen_id;
    if (!i.uscc.empty()) item["uscc"] = i.uscc;
    investors.push_back(std::move(item));
  }
  json options = json::object();
  if (f.options.seal) options["seal"] = {{"kinds", f.options.seal->kinds}};
  if (f.options.tax) {
    options["tax"] = {{"invoice_kinds", f.options.tax->invoice_kinds},
                      {"tax_ukey", f.options.tax->tax_ukey}};
  }
  if (f.options.social_insurance) options["social_insurance"] = true;
  if (f.options.medical_insurance) options["medical_insurance"] = true;
  if (f.options.housing_fund) options["housing_fund"] = true;
  if (f.options.bank_account) {
    options["bank_account"] = {{"bank", f.options.bank_account->bank},
                               {"branch", f.options.bank_account->branch}};
  }
  json out = {{"kind", FormKindId(f.kind)},
              {"family_farm", f.family_farm},
              {"name", f.name},
              {"legal_rep", {{"name", f.legal_rep.name}, {"citizen_id", f.legal_rep.citizen_id}}},
              {"investors", investors},
              {"address", f.address},
              {"address_commitment", f.address_commitment},
              {"scope", f.scope},
              {"region_code", f.region_code},
              {"industry_code", f.industry_code},
              {"materials", f.materials},
              {"deferred_materials", f.deferred_materials},
              {"deferral_commitment", f.deferral_commitment},
              {"options", options}};
  if (!f.name_reservation_id.empty()) out["name_reservation_id"] = f.name_reservation_id;
  if (f.name_source) out["name_source"] = NameSourceJson(*f.name_source);
  if (!f.name_approval_document.empty()) {
    out["name_approval_document"] = f.name_approval_document;
  }
  if (!f.parent_uscc.empty()) out["parent_uscc"] = f.parent_uscc;
  if (f.registered_capital) out["registered_capital"] = *f.registered_capital;
  if (f.operating_until) out["operating_until"] = f.operating_until->ToString();
  return out;
}

std::vector<const ScopeItem*> PermitItems(const Form& form, const Rules& rules) {
  std::vector<const ScopeItem*> out;
  for (const std::string& code : form.scope) {
    const ScopeItem* item = rules.FindScope(code);
    if (item != nullptr && item->permit_required) out.push_back(item);
  }
  return out;
}

}  // namespace amr::establishment
