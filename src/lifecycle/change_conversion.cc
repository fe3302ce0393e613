// SPDX-License-Identifier: MulanPSL-2.0
// 个转企: an individual business continues as an enterprise (促进个体工商户发展
// 条例 Art. 13 and the local 个转企 policies): a new enterprise with a new USCC
// keeping the 字号, the individual business deregistered (kind "conversion")
// in the same transaction, and the two linked.
#include <soci/soci.h>

#include "codes/uscc.h"
#include "identity/roles.h"
#include "license/license_store.h"
#include "lifecycle/access.h"
#include "lifecycle/change.h"
#include "lifecycle/change_internal.h"
#include "registry/entity_store.h"
#include "storage/rows.h"
#include "storage/serial_counter.h"

namespace amr::lifecycle {
namespace {

using nlohmann::json;
namespace perm = identity::perm;

// A new USCC from the deployment's body-code counter (as 企业开办 issues
// them); a code already taken (an imported entity) is skipped.
StatusOr<std::string> IssueEnterpriseUscc(soci::session& sql, const std::string& region) {
  for (int attempt = 0; attempt < 1000; ++attempt) {
    ASSIGN_OR_RETURN(int64_t serial, storage::NextUsccBody(sql));
    ASSIGN_OR_RETURN(std::string code,
                     codes::IssueUscc('9', '1', region, static_cast<uint64_t>(serial)));
    long long taken = 0;
    sql << "SELECT COUNT(*) FROM entity WHERE uscc = :u", soci::use(code), soci::into(taken);
    if (taken == 0) return code;
  }
  return InternalError("无法分配统一社会信用代码");
}

}  // namespace

StatusOr<Conversion> ChangeService::Convert(soci::session& sql, const identity::Caller& caller,
                                            ChangeChannel channel, std::string_view uscc,
                                            const ConversionRequest& request) const {
  ASSIGN_OR_RETURN(
      EntityAccess access,
      AuthorizeEntityAction(sql, caller, uscc, perm::kRegistrationAccept, "change", clock_.Now()));
  const registry::Entity& old = access.entity;
  if (old.kind != registry::EntityKind::kIndividualBusiness) {
    return FailedPreconditionError("只有个体工商户可以办理个转企", "uscc");
  }
  if (old.status == registry::EntityStatus::kDeregistered ||
      old.status == registry::EntityStatus::kRevoked) {
    return FailedPreconditionError(
        "个体工商户已" + std::string(registry::StatusName(old.status)) + "，不能办理个转企",
        "uscc");
  }
  {
    long long pending = 0;
    sql << "SELECT COUNT(*) FROM entity_change WHERE uscc = :u AND state = 'pending_review'",
        soci::use(old.uscc), soci::into(pending);
    if (pending > 0) {
      return FailedPreconditionError("该个体工商户有一项变更正等待注册官审核，审核后再申请",
                                     "state");
    }
  }
  // The name: the enterprise keeps the 字号; the individual business's own
  // record does not count against it.
  ASSIGN_OR_RETURN(
      ChangeNameDecision own,
      hooks_.check_name(sql, old.name, old.region_code, old.industry_code, old.uscc, "", nullptr));
  ASSIGN_OR_RETURN(ChangeNameDecision name,
                   hooks_.check_name(sql, request.name, old.region_code, old.industry_code, "",
                                     old.uscc, nullptr));
  if (!own.trade_name.empty() && !name.trade_name.empty() && own.trade_name != name.trade_name) {
    return InvalidArgumentError(
        "个转企保留原字号“" + own.trade_name + "”，新名称的字号为“" + name.trade_name + "”",
        "name");
  }
  if (!request.debts_assumed || !request.taxes_declared) {
    return InvalidArgumentError(
        "须声明债权债务由新企业承继、税款已结清或已向税务机关申报",
        !request.debts_assumed ? "declarations.debts_assumed" : "declarations.taxes_declared");
  }
  // A mere similarity (a hint for the registrar) does not stop 个转企: the
  // business keeps its own 字号; only a refusal does.
  if (name.verdict != "ok" && name.verdict != "similar") {
    return FailedPreconditionError(
        "名称不予登记" + (name.message.empty() ? std::string() : "：" + name.message), "name");
  }

  const std::string now = FormatChinaTime(clock_.Now());
  const Date today = ChinaDate(clock_.Now());
  const audit::Actor actor = ActorForEntity(caller, access, perm::kRegistrationAccept);
  RETURN_IF_ERROR(internal::EnsureBaseVersion(sql, old, now));
  ASSIGN_OR_RETURN(json old_detail, internal::LoadDetail(sql, old.uscc));

  registry::Entity e;
  ASSIGN_OR_RETURN(e.uscc, IssueEnterpriseUscc(sql, old.region_code));
  e.name = request.name;
  e.kind = registry::EntityKind::kEnterprise;
  e.org_form = std::string(establishment::FormKindName(request.kind));
  e.family_farm = old.family_farm;
  e.region_code = old.region_code;
  e.industry_code = old.industry_code;
  const establishment::Person rep =
      request.legal_rep.value_or(establishment::Person{old.legal_rep_name, old.legal_rep_id});
  e.legal_rep_name = rep.name;
  e.legal_rep_id = rep.citizen_id;
  std::vector<establishment::Investor> investors = request.investors;
  if (investors.empty()) {
    investors.push_back({old.legal_rep_name, old.legal_rep_id, "", *request.registered_capital});
  }
  e.registered_capital = request.registered_capital;
  e.address = old.address;
  e.established_on = today;
  RETURN_IF_ERROR(registry::InsertEntity(sql, e, now));
  const json detail = {{"scope", old_detail.value("scope", json::array())},
                       {"investors", internal::InvestorListJson(investors)}};
  RETURN_IF_ERROR(internal::SaveDetail(sql, e.uscc, detail, now));
  RETURN_IF_ERROR(hooks_.record_name(sql, e, "", today, old.uscc, nullptr, actor));

  // The e-licence of the enterprise goes to its holder, the legal
  // representative (license::LicenseHolderAccount: the applicant filing only
  // if that is who they are), else to whoever held the old one as its operator.
  const int64_t applicant =
      caller.principal != nullptr && caller.principal->kind == identity::UserKind::kApplicant
          ? caller.principal->user_id
          : 0;
  ASSIGN_OR_RETURN(int64_t holder, license::LicenseHolderAccount(sql, e, applicant));
  if (holder == 0) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT user_id FROM license_admin WHERE uscc = :u ORDER BY granted_at, "
                        "user_id",
         soci::use(old.uscc));
    for (const soci::row& r : rows) {
      if (holder == 0) holder = storage::RowInt(r, 0);
    }
  }
  if (holder != 0) {
    ASSIGN_OR_RETURN(Authority authority, AuthorityOfRegion(sql, old.region_code));
    license::LicenseExtras extras;
    for (const json& code : detail["scope"]) {
      const establishment::ScopeItem* item = rules_.FindScope(code.get<std::string>());
      if (!extras.business_scope.empty()) extras.business_scope += "；";
      extras.business_scope += item != nullptr ? item->name : code.get<std::string>();
    }
    if (extras.business_scope.empty()) extras.business_scope = "（见登记机关档案）";
    extras.authority_name = authority.name;
    extras.holder_user_id = holder;
    extras.actor = actor;
    RETURN_IF_ERROR(license::IssueLicense(sql, e, extras, clock_).status());
  }

  // The permits follow the business (个转企 policies: 许可证件 are carried over
  // or re-issued in the same step, not cancelled): each one in force moves to
  // the enterprise with its number and validity, before the business ends so
  // that 证照并销 cancels only its licence.
  std::vector<std::string> carried;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, number FROM permit WHERE uscc = :u AND state = 'valid' "
                        "ORDER BY id",
         soci::use(old.uscc));
    std::vector<std::pair<long long, std::string>> permits;
    for (const soci::row& r : rows) {
      permits.emplace_back(storage::RowInt(r, 0), storage::RowText(r, 1));
    }
    for (const auto& [permit_id, number] : permits) {
      long long pid = permit_id;
      sql << "UPDATE permit SET uscc = :u, updated_at = :now WHERE id = :id", soci::use(e.uscc),
          soci::use(now), soci::use(pid);
      audit::AuditEntry entry;
      entry.actor = actor;
      entry.action = "permit.transfer";
      entry.target_type = "permit";
      entry.target_id = std::to_string(permit_id);
      entry.before = json{{"uscc", old.uscc}, {"number", number}};
      entry.after = json{{"uscc", e.uscc}, {"number", number}, {"reason", "个转企"}};
      RETURN_IF_ERROR(audit::Append(sql, entry, clock_));
      carried.push_back(number);
    }
  }

  // The individual business ends (its licence cancelled: 证照并销).
  const DeregistrationFact fact{
      old.uscc, "conversion", "conversion:" + e.uscc,
      today,    today,        "个转企：转为" + e.org_form + "“" + e.name + "”（" + e.uscc + "）"};
  ASSIGN_OR_RETURN(DeregistrationResult ended,
                   DeregisterEntity(sql, fact, actor, hooks_.deregistration, clock_));

  const std::string target_kind(establishment::FormKindId(request.kind));
  const std::string today_text = today.ToString();
  sql << "INSERT INTO entity_conversion (from_uscc, to_uscc, target_kind, converted_on, "
         "created_at) VALUES (:f, :t, :k, :d, :now)",
      soci::use(old.uscc), soci::use(e.uscc), soci::use(target_kind), soci::use(today_text),
      soci::use(now);

  const std::string channel_id = internal::ChannelId(channel);
  const std::string who = caller.principal != nullptr ? caller.principal->username : caller.name;
  Version first;
  first.uscc = e.uscc;
  first.version = 1;
  first.effective_on = today_text;
  first.kind = "conversion";
  first.changes = internal::InitialChanges(internal::Snapshot(e, detail));
  first.changes.push_back({"predecessor", nullptr, {{"uscc", old.uscc}, {"name", old.name}}});
  first.channel = channel_id;
  first.recorded_by = who;
  RETURN_IF_ERROR(internal::InsertVersion(sql, first, now));
  ASSIGN_OR_RETURN(int latest, internal::LatestVersion(sql, old.uscc));
  Version last;
  last.uscc = old.uscc;
  last.version = latest + 1;
  last.effective_on = today_text;
  last.kind = "conversion";
  last.changes.push_back({"successor", nullptr, {{"uscc", e.uscc}, {"name", e.name}}});
  last.channel = channel_id;
  last.recorded_by = who;
  RETURN_IF_ERROR(internal::InsertVersion(sql, last, now));

  RETURN_IF_ERROR(audit::Append(
      sql,
      {actor, "entity.convert", "entity", old.uscc, json{{"uscc", old.uscc}, {"name", old.name}},
       json{{"uscc", e.uscc}, {"name", e.name}, {"kind", target_kind}}},
      clock_));
  RETURN_IF_ERROR(hooks_.enqueue_event(sql, "entity.converted",
                                       json{{"from_uscc", old.uscc},
                                            {"to_uscc", e.uscc},
                                            {"name", e.name},
                                            {"target_kind", target_kind},
                                            {"converted_on", today_text},
                                            {"region_code", e.region_code}},
                                       "entity.converted:" + old.uscc));
  return Conversion{old.uscc, e.uscc, target_kind, today_text, ended, carried};
}

}  // namespace amr::lifecycle
