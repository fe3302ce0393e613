// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/change.h"

#include <soci/soci.h>

#include <algorithm>

#include "establishment/form.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "license/license_store.h"
#include "lifecycle/access.h"
#include "lifecycle/beneficial_owner.h"
#include "lifecycle/change_internal.h"
#include "registry/entity_store.h"
#include "storage/change_log.h"
#include "storage/rows.h"

namespace amr::lifecycle {
namespace {

using nlohmann::json;
using storage::RowInt;
using storage::RowIsNull;
using storage::RowText;
namespace perm = identity::perm;

// What an accepted request changes, computed against the entity as registered.
struct Plan {
  registry::Entity after;
  json detail;
  std::vector<FieldChange> changes;
  std::vector<const establishment::ScopeItem*> new_permits;  // 双告知
  bool operator_change = false;
};

StatusOr<Plan> PlanChange(const registry::Entity& e, const json& detail, const ChangeRequest& r,
                          const establishment::Rules& rules) {
  Plan p{e, detail, {}, {}, false};
  const bool individual = e.kind == registry::EntityKind::kIndividualBusiness;
  if (individual && (r.investors || r.registered_capital)) {
    return InvalidArgumentError("个体工商户不登记投资人和注册资本",
                                r.investors ? "investors" : "registered_capital");
  }
  if (r.name && *r.name != e.name) {
    p.changes.push_back({"name", e.name, *r.name});
    p.after.name = *r.name;
  }
  if (r.address && *r.address != e.address) {
    p.changes.push_back({"address", e.address, *r.address});
    p.after.address = *r.address;
  }
  if (r.legal_rep &&
      (r.legal_rep->name != e.legal_rep_name || r.legal_rep->citizen_id != e.legal_rep_id)) {
    p.changes.push_back({"legal_rep",
                         {{"name", e.legal_rep_name}, {"citizen_id", e.legal_rep_id}},
                         {{"name", r.legal_rep->name}, {"citizen_id", r.legal_rep->citizen_id}}});
    p.after.legal_rep_name = r.legal_rep->name;
    p.after.legal_rep_id = r.legal_rep->citizen_id;
    p.operator_change = individual;
  }
  if (r.scope) {
    const json before = detail.value("scope", json::array());
    const json after = *r.scope;
    if (before != after) {
      p.changes.push_back({"scope", before, after});
      p.detail["scope"] = after;
      for (const std::string& code : *r.scope) {
        const establishment::ScopeItem* item = rules.FindScope(code);
        const bool had = std::find(before.begin(), before.end(), json(code)) != before.end();
        if (item != nullptr && item->permit_required && !had) p.new_permits.push_back(item);
      }
    }
  }
  std::optional<int64_t> capital = r.registered_capital;
  if (r.investors) {
    const json before = detail.value("investors", json::array());
    const json after = internal::InvestorListJson(*r.investors);
    if (before != after) {
      p.changes.push_back({"investors", before, after});
      p.detail["investors"] = after;
    }
    int64_t sum = 0;
    for (const establishment::Investor& i : *r.investors) sum += i.subscribed_capital;
    capital = sum;
  } else if (capital) {
    // 增资/减资 without new subscriptions: the investors on file must add up.
    int64_t sum = 0;
    const json investors = detail.value("investors", json::array());
    for (const json& i : investors) sum += i.value("subscribed_capital", int64_t{0});
    if (!investors.empty() && sum != *capital) {
      return InvalidArgumentError("注册资本应等于各投资人认缴出资之和（现为 " +
                                      std::to_string(sum) +
                                      " 元）；增资或减资请同时填写各投资人变更后的认缴出资",
                                  "registered_capital");
    }
  }
  if (capital && capital != e.registered_capital) {
    p.changes.push_back({"registered_capital",
                         e.registered_capital ? json(*e.registered_capital) : json(nullptr),
                         *capital});
    p.after.registered_capital = capital;
  }
  if (p.changes.empty()) {
    return InvalidArgumentError("所填事项与登记内容相同，没有需要变更的事项", "body");
  }
  return p;
}

Status CheckEndable(const registry::Entity& e) {
  if (e.status == registry::EntityStatus::kDeregistered ||
      e.status == registry::EntityStatus::kRevoked) {
    return FailedPreconditionError(
        "市场主体已" + std::string(registry::StatusName(e.status)) + "，不能办理变更登记", "uscc");
  }
  return OkStatus();
}

constexpr std::string_view kChangeColumns =
    "c.id, c.uscc, c.kind, c.channel, c.submitted_by, u.path, c.request_json, c.state, "
    "c.name_verdict, c.name_message, c.reject_reason, c.version, c.submitted_at, c.decided_at ";

StatusOr<Change> ChangeFromRow(const soci::row& r, const establishment::Rules& rules) {
  Change c;
  c.id = RowInt(r, 0);
  c.uscc = RowText(r, 1);
  c.kind = RowText(r, 2);
  c.channel = RowText(r, 3);
  c.submitted_by = RowText(r, 4);
  c.authority_path = RowText(r, 5);
  c.state = RowText(r, 7);
  c.name_verdict = RowText(r, 8);
  c.name_message = RowText(r, 9);
  c.reject_reason = RowText(r, 10);
  c.version = RowIsNull(r, 11) ? 0 : static_cast<int>(RowInt(r, 11));
  c.submitted_at = RowText(r, 12);
  c.decided_at = RowIsNull(r, 13) ? "" : RowText(r, 13);
  // Validated when submitted; birth dates are checked against that day.
  ASSIGN_OR_RETURN(Clock::TimePoint submitted, ParseTime(c.submitted_at));
  ASSIGN_OR_RETURN(c.request,
                   ParseChangeRequest(json::parse(RowText(r, 6)), rules, ChinaDate(submitted)));
  return c;
}

StatusOr<Change> LoadChange(soci::session& sql, const establishment::Rules& rules, int64_t id) {
  long long lid = id;
  std::optional<soci::row> found;
  std::optional<Change> out;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " + std::string(kChangeColumns) +
                            "FROM entity_change c JOIN org_unit u ON u.id = "
                            "c.authority_org_unit_id WHERE c.id = :id",
         soci::use(lid));
    for (const soci::row& r : rows) {
      ASSIGN_OR_RETURN(Change c, ChangeFromRow(r, rules));
      out = std::move(c);
    }
  }
  if (!out) return NotFoundError("变更申请 " + std::to_string(id) + " 不存在", "id");
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT scope_code, permit, department, org_unit_id, state FROM "
                      "entity_change_notice WHERE change_id = :id ORDER BY id",
       soci::use(lid));
  for (const soci::row& r : rows) {
    const establishment::ScopeItem* item = rules.FindScope(RowText(r, 0));
    out->notices.push_back({{"scope_code", RowText(r, 0)},
                            {"scope_name", item != nullptr ? item->name : ""},
                            {"permit", RowText(r, 1)},
                            {"department", RowText(r, 2)},
                            {"org_unit_id", RowInt(r, 3)},
                            {"state", RowText(r, 4)}});
  }
  return *std::move(out);
}

struct Ctx {
  const establishment::Rules& rules;
  const Clock& clock;
  const ChangeHooks& hooks;
};

// Makes `change_id` effective: the entity row, its detail, the name, the
// licence administrators (变更经营者), 双告知, the version, audit and event.
// Returns the version written.
StatusOr<int> Apply(soci::session& sql, const Ctx& ctx, const EntityAccess& access,
                    const audit::Actor& actor, int64_t change_id, const ChangeRequest& request,
                    const std::string& channel, const std::string& who) {
  const std::string now = FormatChinaTime(ctx.clock.Now());
  const Date today = ChinaDate(ctx.clock.Now());
  ASSIGN_OR_RETURN(registry::Entity e, registry::GetEntity(sql, access.entity.uscc));
  RETURN_IF_ERROR(CheckEndable(e));
  RETURN_IF_ERROR(internal::EnsureBaseVersion(sql, e, now));
  ASSIGN_OR_RETURN(json detail, internal::LoadDetail(sql, e.uscc));
  ASSIGN_OR_RETURN(Plan plan, PlanChange(e, detail, request, ctx.rules));
  const registry::Entity& a = plan.after;
  long long capital = a.registered_capital.value_or(0);
  soci::indicator capital_ind = a.registered_capital ? soci::i_ok : soci::i_null;
  sql << "UPDATE entity SET name = :n, address = :a, legal_rep_id = :li, legal_rep_name = :ln, "
         "registered_capital = :c, updated_at = :now WHERE uscc = :u",
      soci::use(a.name), soci::use(a.address), soci::use(a.legal_rep_id),
      soci::use(a.legal_rep_name), soci::use(capital, capital_ind), soci::use(now),
      soci::use(e.uscc);
  RETURN_IF_ERROR(internal::SaveDetail(sql, e.uscc, plan.detail, now));
  if (a.name != e.name) {
    RETURN_IF_ERROR(ctx.hooks.record_name(
        sql, a, e.name, today, "", request.name_source ? &*request.name_source : nullptr, actor));
  }
  const bool owners_may_change = std::any_of(
      plan.changes.begin(), plan.changes.end(),
      [](const FieldChange& c) { return c.field == "investors" || c.field == "legal_rep"; });
  if (owners_may_change && ctx.hooks.beneficial_owners_changed && MustFileBeneficialOwners(a)) {
    RETURN_IF_ERROR(ctx.hooks.beneficial_owners_changed(sql, a, today, access.authority_path));
  }
  if (plan.operator_change) {
    // 促进个体工商户发展条例 Art. 13: the licence's administrator rights pass to the new operator.
    ASSIGN_OR_RETURN(license::AdminTransfer t,
                     license::TransferLicenseAdmin(sql, e.uscc, e.legal_rep_id, a.legal_rep_id,
                                                   actor, ctx.clock));
    if (t.has_license) {
      plan.changes.push_back(
          {"license_admin", "原经营者",
           t.added_user_id != 0 ? "新经营者" : "新经营者（待开通平台账号后由窗口添加）"});
    }
  }
  // 换发: the e-licence shows the entity as it now is; the old one verifies as superseded.
  const bool shown = a.name != e.name || a.address != e.address ||
                     a.legal_rep_name != e.legal_rep_name ||
                     a.registered_capital != e.registered_capital || request.scope.has_value();
  if (shown) {
    std::string scope_text;
    if (request.scope) {
      for (const std::string& code : *request.scope) {
        const establishment::ScopeItem* item = ctx.rules.FindScope(code);
        if (!scope_text.empty()) scope_text += "；";
        scope_text += item != nullptr ? item->name : code;
      }
    }
    ASSIGN_OR_RETURN(bool reissued, license::ReissueLicense(sql, a, scope_text, actor, ctx.clock));
    if (reissued) plan.changes.push_back({"license", "原执照", "已换发电子营业执照"});
  }
  ASSIGN_OR_RETURN(std::vector<json> notices,
                   internal::NotifyPermits(sql, ctx.hooks, change_id, a, plan.new_permits,
                                           access.authority_org_unit_id, now));
  ASSIGN_OR_RETURN(int latest, internal::LatestVersion(sql, e.uscc));
  Version v;
  v.uscc = e.uscc;
  v.version = latest + 1;
  v.effective_on = today.ToString();
  v.kind = plan.operator_change ? "operator_change" : "change";
  v.changes = plan.changes;
  v.channel = channel;
  v.recorded_by = who;
  v.change_id = change_id;
  RETURN_IF_ERROR(internal::InsertVersion(sql, v, now));
  json before = json::object(), after = json::object(), fields = json::array();
  for (const FieldChange& c : plan.changes) {
    before[c.field] = internal::MaskPrivate(c.before);
    after[c.field] = internal::MaskPrivate(c.after);
    fields.push_back(c.field);
  }
  after["version"] = v.version;
  RETURN_IF_ERROR(
      audit::Append(sql, {actor, "entity.change", "entity", e.uscc, before, after}, ctx.clock));
  RETURN_IF_ERROR(
      ctx.hooks.enqueue_event(sql, "entity.changed",
                              json{{"uscc", e.uscc},
                                   {"version", v.version},
                                   {"kind", v.kind},
                                   {"fields", fields},
                                   {"name", a.name},
                                   {"effective_on", v.effective_on},
                                   {"region_code", e.region_code}},
                              "entity.changed:" + e.uscc + ":" + std::to_string(v.version)));
  return v.version;
}

std::string WhoOf(const identity::Caller& caller) {
  return caller.principal != nullptr ? caller.principal->username : caller.name;
}

}  // namespace

ChangeHooks DefaultChangeHooks() {
  ChangeHooks h;
  h.check_name = [](soci::session&, std::string_view, std::string_view, std::string_view,
                    std::string_view, std::string_view,
                    const establishment::NameSource*) -> StatusOr<ChangeNameDecision> {
    return ChangeNameDecision{};
  };
  h.record_name = [](soci::session&, const registry::Entity&, std::string_view, const Date&,
                     std::string_view, const establishment::NameSource*,
                     const audit::Actor&) { return OkStatus(); };
  h.enqueue_event = [](soci::session&, std::string_view, const json&, std::string_view) {
    return OkStatus();
  };
  h.catch_up = [] { return OkStatus(); };
  h.check_legal_rep = [](soci::session&, const establishment::Person&) { return OkStatus(); };
  return h;
}

ChangeService::ChangeService(const establishment::Rules& rules, const Clock& clock,
                             ChangeHooks hooks)
    : rules_(rules), clock_(clock), hooks_(std::move(hooks)) {
  ChangeHooks d = DefaultChangeHooks();
  if (!hooks_.check_name) hooks_.check_name = d.check_name;
  if (!hooks_.record_name) hooks_.record_name = d.record_name;
  if (!hooks_.enqueue_event) hooks_.enqueue_event = d.enqueue_event;
  if (!hooks_.catch_up) hooks_.catch_up = d.catch_up;
  if (!hooks_.check_legal_rep) hooks_.check_legal_rep = d.check_legal_rep;
  if (!hooks_.deregistration.enqueue_event) {
    hooks_.deregistration.enqueue_event = hooks_.enqueue_event;
  }
}

StatusOr<Change> ChangeService::Submit(soci::session& sql, const identity::Caller& caller,
                                       ChangeChannel channel, std::string_view uscc,
                                       const ChangeRequest& request) const {
  const Ctx ctx{rules_, clock_, hooks_};
  ASSIGN_OR_RETURN(
      EntityAccess access,
      AuthorizeEntityAction(sql, caller, uscc, perm::kRegistrationAccept, "change", clock_.Now()));
  const registry::Entity& e = access.entity;
  RETURN_IF_ERROR(CheckEndable(e));
  {
    long long pending = 0;
    sql << "SELECT COUNT(*) FROM entity_change WHERE uscc = :u AND state = 'pending_review'",
        soci::use(e.uscc), soci::into(pending);
    if (pending > 0) {
      return FailedPreconditionError("该市场主体有一项变更正等待注册官审核，审核后再申请", "state");
    }
  }
  ASSIGN_OR_RETURN(json detail, internal::LoadDetail(sql, e.uscc));
  ASSIGN_OR_RETURN(Plan plan, PlanChange(e, detail, request, rules_));
  if (request.legal_rep && e.kind != registry::EntityKind::kIndividualBusiness &&
      request.legal_rep->citizen_id != e.legal_rep_id) {
    RETURN_IF_ERROR(hooks_.check_legal_rep(sql, *request.legal_rep));
  }
  ChangeNameDecision name;
  if (plan.after.name != e.name) {
    // The new name keeps the organisation form of the entity's kind.
    std::optional<establishment::FormKind> form;
    if (e.kind == registry::EntityKind::kIndividualBusiness) {
      form = establishment::FormKind::kIndividualBusiness;
    } else if (e.kind == registry::EntityKind::kCooperative) {
      form = establishment::FormKind::kCooperative;
    } else if (auto parsed = establishment::ParseFormKind(e.org_form); parsed.ok()) {
      form = *parsed;  // an entity imported without a known form is not checked
    }
    if (form) RETURN_IF_ERROR(establishment::CheckNameForm(*form, plan.after.name));
    ASSIGN_OR_RETURN(
        name, hooks_.check_name(sql, plan.after.name, e.region_code, e.industry_code, e.uscc, "",
                                request.name_source ? &*request.name_source : nullptr));
    if (name.verdict != "ok" && name.verdict != "similar") {
      return FailedPreconditionError(
          "名称不予登记" + (name.message.empty() ? std::string() : "：" + name.message), "name");
    }
  }
  const bool review = name.verdict == "similar";
  const std::string now = FormatChinaTime(clock_.Now());
  const std::string channel_id = internal::ChannelId(channel), who = WhoOf(caller);
  const std::string kind = plan.operator_change ? "operator_change" : "change";
  const std::string request_text = ChangeRequestJson(request).dump();
  long long applicant = caller.principal != nullptr && channel == ChangeChannel::kOnline
                            ? caller.principal->user_id
                            : 0;
  soci::indicator applicant_ind = applicant != 0 ? soci::i_ok : soci::i_null;
  long long authority = access.authority_org_unit_id;
  const std::string state = review ? "pending_review" : "effective";
  long long id = 0;
  sql << "INSERT INTO entity_change (uscc, kind, channel, submitted_by, applicant_user_id, "
         "authority_org_unit_id, request_json, state, name_verdict, name_message, submitted_at, "
         "updated_at) VALUES (:u, :k, :ch, :by, :ap, :au, :rq, :s, :nv, :nm, :now, :now2) "
         "RETURNING id",
      soci::use(e.uscc), soci::use(kind), soci::use(channel_id), soci::use(who),
      soci::use(applicant, applicant_ind), soci::use(authority), soci::use(request_text),
      soci::use(state), soci::use(name.verdict), soci::use(name.message), soci::use(now),
      soci::use(now), soci::into(id);
  const audit::Actor actor = ActorForEntity(caller, access, perm::kRegistrationAccept);
  RETURN_IF_ERROR(
      audit::Append(sql,
                    {actor, "entity.change.submit", "entity_change", std::to_string(id), nullptr,
                     json{{"uscc", e.uscc},
                          {"kind", kind},
                          {"state", state},
                          {"request", internal::MaskPrivate(ChangeRequestJson(request))}}},
                    clock_));
  if (!review) {
    ASSIGN_OR_RETURN(int version, Apply(sql, ctx, access, actor, id, request, channel_id, who));
    sql << "UPDATE entity_change SET version = :v, decided_at = :now, updated_at = :now2 WHERE "
           "id = :id",
        soci::use(version), soci::use(now), soci::use(now), soci::use(id);
    RETURN_IF_ERROR(storage::AppendChange(sql, "entity", e.uscc, "update", e.region_code, now));
  }
  return LoadChange(sql, rules_, id);
}

StatusOr<Change> ChangeService::Approve(soci::session& sql, const identity::Caller& caller,
                                        int64_t id) const {
  ASSIGN_OR_RETURN(Change change, LoadChange(sql, rules_, id));
  ASSIGN_OR_RETURN(EntityAccess access,
                   AuthorizeEntityAction(sql, caller, change.uscc, perm::kRegistrationReview,
                                         "change", clock_.Now()));
  if (caller.principal != nullptr &&
      !caller.principal->InScope(perm::kRegistrationReview, access.authority_path)) {
    return identity::OutOfScopeError();
  }
  if (change.state != "pending_review") {
    return FailedPreconditionError("只有等待审核的变更可以核准（当前：" + change.state + "）",
                                   "state");
  }
  const std::string now = FormatChinaTime(clock_.Now());
  const audit::Actor actor = ActorForEntity(caller, access, perm::kRegistrationReview);
  ASSIGN_OR_RETURN(int version, Apply(sql, Ctx{rules_, clock_, hooks_}, access, actor, id,
                                      change.request, change.channel, WhoOf(caller)));
  long long reviewer = caller.principal != nullptr ? caller.principal->user_id : 0;
  soci::indicator reviewer_ind = reviewer != 0 ? soci::i_ok : soci::i_null;
  long long lid = id;
  sql << "UPDATE entity_change SET state = 'effective', version = :v, reviewer_user_id = :r, "
         "decided_at = :now, updated_at = :now2 WHERE id = :id",
      soci::use(version), soci::use(reviewer, reviewer_ind), soci::use(now), soci::use(now),
      soci::use(lid);
  RETURN_IF_ERROR(audit::Append(
      sql,
      {actor, "entity.change.approve", "entity_change", std::to_string(id),
       json{{"state", "pending_review"}}, json{{"state", "effective"}, {"version", version}}},
      clock_));
  RETURN_IF_ERROR(
      storage::AppendChange(sql, "entity", change.uscc, "update", access.entity.region_code, now));
  return LoadChange(sql, rules_, id);
}

StatusOr<Change> ChangeService::Reject(soci::session& sql, const identity::Caller& caller,
                                       int64_t id, std::string_view reason) const {
  if (reason.empty()) return InvalidArgumentError("须写明驳回理由", "reason");
  if (reason.size() > 1000) return InvalidArgumentError("理由过长（不超过 1000 字节）", "reason");
  ASSIGN_OR_RETURN(Change change, LoadChange(sql, rules_, id));
  ASSIGN_OR_RETURN(EntityAccess access,
                   AuthorizeEntityAction(sql, caller, change.uscc, perm::kRegistrationReview,
                                         "change", clock_.Now()));
  if (caller.principal != nullptr &&
      !caller.principal->InScope(perm::kRegistrationReview, access.authority_path)) {
    return identity::OutOfScopeError();
  }
  if (change.state != "pending_review") {
    return FailedPreconditionError("只有等待审核的变更可以驳回（当前：" + change.state + "）",
                                   "state");
  }
  const std::string now = FormatChinaTime(clock_.Now()), why(reason);
  long long reviewer = caller.principal != nullptr ? caller.principal->user_id : 0;
  soci::indicator reviewer_ind = reviewer != 0 ? soci::i_ok : soci::i_null;
  long long lid = id;
  sql << "UPDATE entity_change SET state = 'rejected', reject_reason = :why, reviewer_user_id = "
         ":r, decided_at = :now, updated_at = :now2 WHERE id = :id",
      soci::use(why), soci::use(reviewer, reviewer_ind), soci::use(now), soci::use(now),
      soci::use(lid);
  RETURN_IF_ERROR(audit::Append(
      sql,
      {ActorForEntity(caller, access, perm::kRegistrationReview), "entity.change.reject",
       "entity_change", std::to_string(id), json{{"state", "pending_review"}},
       json{{"state", "rejected"}, {"reason", why}}},
      clock_));
  return LoadChange(sql, rules_, id);
}

StatusOr<std::vector<Change>> ChangeService::ListPending(soci::session& sql,
                                                         const identity::Caller& caller) const {
  std::vector<std::string> paths;
  bool all = caller.principal == nullptr;
  if (!all) {
    for (const identity::RoleGrant* g : caller.principal->ScopesFor(perm::kRegistrationReview)) {
      paths.push_back(g->org_unit.path);
    }
  }
  std::vector<int64_t> ids;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT c.id, u.path FROM entity_change c JOIN org_unit u ON u.id = "
                      "c.authority_org_unit_id WHERE c.state = 'pending_review' ORDER BY c.id");
  for (const soci::row& r : rows) {
    const std::string path = RowText(r, 1);
    if (all || std::any_of(paths.begin(), paths.end(),
                           [&](const std::string& p) { return identity::PathInScope(p, path); })) {
      ids.push_back(RowInt(r, 0));
    }
  }
  std::vector<Change> out;
  for (int64_t id : ids) {
    ASSIGN_OR_RETURN(Change c, LoadChange(sql, rules_, id));
    out.push_back(std::move(c));
  }
  return out;
}

StatusOr<History> ChangeService::GetHistory(soci::session& sql, std::string_view uscc) const {
  ASSIGN_OR_RETURN(registry::Entity e, registry::GetEntity(sql, uscc));
  History h;
  ASSIGN_OR_RETURN(h.versions, internal::LoadVersions(sql, e.uscc));
  if (h.versions.empty()) {
    // Never changed: version 1 is the entity as registered.
    ASSIGN_OR_RETURN(json detail, internal::LoadDetail(sql, e.uscc));
    Version v;
    v.uscc = e.uscc;
    v.version = 1;
    v.effective_on = e.established_on.ToString();
    v.kind = "registration";
    v.changes = internal::InitialChanges(internal::Snapshot(e, detail));
    v.channel = "registration";
    h.versions.push_back(std::move(v));
  }
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT from_uscc, to_uscc, target_kind, converted_on FROM "
                      "entity_conversion WHERE from_uscc = :a OR to_uscc = :b",
       soci::use(e.uscc), soci::use(e.uscc));
  for (const soci::row& r : rows) {
    Conversion c{RowText(r, 0), RowText(r, 1), RowText(r, 2), RowText(r, 3), {}, {}};
    if (c.to_uscc == e.uscc) {
      h.predecessor = c;
    } else {
      h.successor = c;
    }
  }
  return h;
}

}  // namespace amr::lifecycle
