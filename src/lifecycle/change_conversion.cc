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
    ASSIGN_OR_RETURN(int64_t serial, storage::NextSerial(sql, "uscc.body"));
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
  ASSIGN_OR_RETURN(ChangeNameDecision own,
                   hooks_.check_name(old.name, old.region_code, old.industry_code, old.uscc, ""));
  ASSIGN_OR_RETURN(ChangeNameDecision name, hooks_.check_name(request.name, old.region_code,
                                                              old.industry_code, "", old.uscc));
  if (!own.trade_name.empty() && !name.trade_name.empty() && own.trade_name != name.trade_name) {
    return InvalidArgumentError(
        "个转企保留原字号“" + own.trade_name + "”，新名称的字号为“" + name.trade_name + "”",
        "name");
  }
  if (name.verdict != "ok") {
    return FailedPreconditionError(
        "名称不予登记（" + name.verdict + "）" + (name.message.empty() ? "" : "：" + name.message),
        "name");
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
  RETURN_IF_ERROR(hooks_.record_name(sql, e, "", today, old.uscc, actor));

  // The e-licence of the enterprise goes to whoever administered the old one
  // (or the applicant filing it).
  int64_t holder = 0;
  if (caller.principal != nullptr && caller.principal->kind == identity::UserKind::kApplicant) {
    holder = caller.principal->user_id;
  } else {
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

  // The individual business ends (证照并销 included).
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
  return Conversion{old.uscc, e.uscc, target_kind, today_text, ended};
}

}  // namespace amr::lifecycle
