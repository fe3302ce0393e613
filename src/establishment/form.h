// SPDX-License-Identifier: MulanPSL-2.0
// The one form of 企业开办 "一网通办": registration and every department's
// options in a single submission, and its validation.
//
// ParseForm checks everything that needs no database: each error is
// InvalidArgument whose field names the JSON member ("legal_rep.citizen_id",
// "scope[2]", "options.bank_account.branch") and whose Chinese message states
// the rule broken. The JSON shape is documented in docs/registration.md.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "establishment/rules.h"
#include "registry/entity.h"

namespace amr::establishment {

// The kinds the form offers (市场主体登记管理条例 Art. 8). Ids are stored.
enum class FormKind {
  kLimitedCompany,      // 有限责任公司
  kJointStockCompany,   // 股份有限公司
  kSoleProprietorship,  // 个人独资企业
  kPartnership,         // 合伙企业
  kBranch,              // 分公司
  kIndividualBusiness,  // 个体工商户
  kCooperative,         // 农民专业合作社
};
std::string_view FormKindId(FormKind kind);    // "limited_company"
std::string_view FormKindName(FormKind kind);  // "有限责任公司"
// The id or the Chinese name; InvalidArgument (field "kind") otherwise.
StatusOr<FormKind> ParseFormKind(std::string_view text);
// Whether `name` ends with an organisation form of `kind` (有限公司 for a
// 有限责任公司 …; any form for a 个体工商户): InvalidArgument on field "name"
// naming the forms allowed. Used at 企业开办 and at a 变更 of the name.
Status CheckNameForm(FormKind kind, std::string_view name);
// The registry's kind: companies, partnerships, sole proprietorships and
// branches are enterprises.
registry::EntityKind EntityKindOf(FormKind kind);
// Companies, branches and partnerships register a 营业期限 (合伙期限); sole
// proprietorships, individual businesses and cooperatives none.
bool HasOperatingTerm(FormKind kind);

struct Person {
  std::string name;
  std::string citizen_id;  // GB 11643, checked
};

struct NameSource {
  std::string uscc;      // the entity whose name it is
  std::string relation;  // "authorised" (授权使用) | "transferred" (受让)
  std::string document;  // the authorisation or transfer agreement (its number)
};

struct Investor {
  std::string name;
  std::string citizen_id;          // a natural person, or
  std::string uscc;                // an organisation
  int64_t subscribed_capital = 0;  // yuan
};

struct SealOption {
  std::vector<std::string> kinds;  // settings.csv seal_kinds
};
struct TaxOption {
  std::vector<std::string> invoice_kinds;  // settings.csv invoice_kinds
  bool tax_ukey = false;
};
struct BankOption {
  std::string bank;
  std::string branch;
};

// The department options; an absent option creates no step.
struct Options {
  std::optional<SealOption> seal;
  std::optional<TaxOption> tax;
  bool social_insurance = false;
  bool medical_insurance = false;
  bool housing_fund = false;
  std::optional<BankOption> bank_account;
  // Whether the routing condition `name` ("always", "seal", "tax", …) holds.
  bool Requested(std::string_view name) const;
};

struct Form {
  FormKind kind = FormKind::kLimitedCompany;
  bool family_farm = false;
  std::string name;
  std::string name_reservation_id;  // optional
  // 企业名称登记管理规定 Art. 12: the State Council's approval document of a
  // name led by 中国/中华/中央/全国/国家 (optional; such a name is then
  // decided by a registrar, never instantly).
  std::string name_approval_document;
  // 企业名称登记管理规定 Arts. 15, 17: a name used by another entity's
  // authorisation, or transferred from it (受让), resting on a document the
  // registrar checks (such a name is never decided instantly).
  std::optional<NameSource> name_source;
  std::string parent_uscc;  // branches: the company they belong to
  Person legal_rep;         // legal representative / operator / person in charge
  std::vector<Investor> investors;
  std::optional<int64_t> registered_capital;  // sum of subscriptions; none for 个体工商户, 分公司
  std::string address;
  bool address_commitment = false;  // 住所申报承诺制
  // 营业期限 (合伙期限) for the kinds that have one (HasOperatingTerm): the
  // last day, or none for 长期. JSON "operating_until": "YYYY-MM-DD" or absent.
  std::optional<Date> operating_until;
  std::vector<std::string> scope;               // catalogue codes, in the applicant's order
  std::string region_code;                      // county of the registration authority
  std::string industry_code;                    // GB/T 4754 division
  std::vector<std::string> materials;           // supplied
  std::vector<std::string> deferred_materials;  // 容缺: missing against the commitment
  bool deferral_commitment = false;
  Options options;
};

// {"uscc", "relation": "authorised" | "transferred", "document"}; InvalidArgument
// naming "name_source" or its member. Shared by 企业开办 and name changes.
StatusOr<NameSource> ParseNameSource(const nlohmann::json& obj);
nlohmann::json NameSourceJson(const NameSource& source);

// Validates `body` against `rules` and the code lists. `today` bounds birth
// dates of citizen IDs.
StatusOr<Form> ParseForm(const nlohmann::json& body, const Rules& rules, const Date& today);
// The Chinese name of a field path for messages ("investors[1].uscc" → 第 2
// 位投资人的统一社会信用代码); the error's field keeps the path.
std::string FieldLabel(std::string_view path);
// The form as stored and shown (the same shape ParseForm reads).
nlohmann::json FormJson(const Form& form);

// What the registered entity records: 长期 or the last day for kinds with a
// term; none otherwise.
std::optional<registry::OperatingTerm> OperatingTermOf(const Form& form);

// The scope items that need a permit (双告知).
std::vector<const ScopeItem*> PermitItems(const Form& form, const Rules& rules);

}  // namespace amr::establishment
