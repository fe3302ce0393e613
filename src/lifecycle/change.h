// SPDX-License-Identifier: MulanPSL-2.0
// Change registration (变更登记) of a registered entity, versioned
// (docs/lifecycle.md, section change):
//   - name (through the name engine: "ok" takes effect at once, "similar"
//     waits for the registrar, conflict/prohibited/invalid are refused),
//     address (住所申报承诺制), business scope (catalogue codes; new 许可项目
//     re-run 双告知), legal representative (name + citizen ID), registered
//     capital and investors;
//   - 个体工商户变更经营者 (促进个体工商户发展条例 Art. 13): the operator of an
//     individual business changes by direct change registration; USCC,
//     founding date and 字号 stay, the e-licence's administrator rights pass
//     to the new operator.
// Every effective change writes one entity_version (version n, effective
// date, fields before/after, channel, who), updates the entity row (or
// entity_detail for scope and investors), audits "entity.change" with masked
// IDs and enqueues "entity.changed".
//
// Who may act: lifecycle::AuthorizeEntityAction with task "change" — the
// entity's licence administrator or an authorised agent (registration.apply),
// the window clerk of its county bureau (registration.accept); the registrar
// (registration.review) decides the ones waiting for review.
// Errors: InvalidArgument naming the field; FailedPrecondition (422) for a
// deregistered or revoked entity ("uscc"), a refused name ("name"), a change
// already waiting for review ("state"). A suspended (歇业) entity may change:
// 歇业 keeps the entity registered (市场主体登记管理条例 Art. 30).
//
// Thread-safety: a ChangeService is immutable after construction; the
// session belongs to the caller (one transaction per call).
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"
#include "establishment/form.h"
#include "establishment/rules.h"
#include "identity/caller.h"
#include "lifecycle/deregister.h"
#include "registry/entity.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::lifecycle {

// The name engine's verdict on a new name: ok | similar | conflict |
// prohibited | invalid, with the Chinese reason.
struct ChangeNameDecision {
  std::string verdict = "ok";
  std::string message;
  std::string trade_name;  // the name's 字号 as the engine parsed it ("" if not parsed)
};

// The parts other contexts own, wired by cli (ChangeWiring). Missing members
// default to: every name "ok", nothing recorded or enqueued.
struct ChangeHooks {
  // The verdict on `name` for the entity `uscc`, inside the change
  // transaction `sql`: its own record, that of `predecessor_uscc` (when not
  // empty) and those of the entities it is linked with (affiliation.h:
  // LinkedEntities, 企业名称登记管理规定 Arts. 13, 15, 17) do not count.
  // `source`: the request's name_source (Arts. 15, 17), or null; a name that
  // rests on one is decided by a registrar (verdict similar at least).
  std::function<StatusOr<ChangeNameDecision>(
      soci::session& sql, std::string_view name, std::string_view region_code,
      std::string_view industry_code, std::string_view uscc, std::string_view predecessor_uscc,
      const establishment::NameSource* source)>
      check_name;
  // Inside the change transaction: the old name ends on `on` (protected one
  // more year) and the new one is recorded for `entity.uscc`. An empty
  // `old_name` is a new entity's first name (个转企, `predecessor_uscc` the
  // individual business whose name it keeps).
  std::function<Status(soci::session&, const registry::Entity& entity, std::string_view old_name,
                       const Date& on, std::string_view predecessor_uscc,
                       const establishment::NameSource* source, const audit::Actor& actor)>
      record_name;
  // outbox::Enqueue.
  std::function<Status(soci::session&, std::string_view topic, const nlohmann::json& payload,
                       std::string_view dedupe_key)>
      enqueue_event;
  // After a change effective on `on` that may change who the beneficial
  // owners are (the investors or the legal representative of an entity that
  // files, beneficial_owner.h): the filing falls due
  // (TrackBeneficialOwnerFiling on the calendar in force). Unset: not tracked.
  std::function<Status(soci::session&, const registry::Entity& entity, const Date& on,
                       std::string_view authority_path)>
      beneficial_owners_changed;
  // Passed to DeregisterEntity when 个转企 ends the individual business.
  DeregistrationHooks deregistration;
  // Outside any transaction, before one: bring the name index up to date
  // (NameService::CatchUp), so the decision inside sees recent writes.
  std::function<Status()> catch_up;
  // Inside Submit, before anything is written, for a new legal
  // representative of an enterprise: refused (the credit lists' bar) or OK.
  std::function<Status(soci::session&, const establishment::Person& legal_rep)> check_legal_rep;
};
ChangeHooks DefaultChangeHooks();

// What a change asks for; absent members stay as registered.
struct ChangeRequest {
  std::optional<std::string> name;
  // With a new name: used by another entity's authorisation or transferred
  // from it (企业名称登记管理规定 Arts. 15, 17); a registrar checks the document.
  std::optional<establishment::NameSource> name_source;
  std::optional<std::string> address;  // with the 住所申报承诺 (address_commitment)
  std::optional<std::vector<std::string>> scope;
  std::optional<establishment::Person> legal_rep;
  std::optional<int64_t> registered_capital;
  std::optional<std::vector<establishment::Investor>> investors;
  std::string note;
  bool empty() const {
    return !name && !address && !scope && !legal_rep && !registered_capital && !investors;
  }
};

// Validates a JSON body {"name", "address", "address_commitment", "scope",
// "legal_rep": {"name", "citizen_id"}, "registered_capital", "investors",
// "note"}. InvalidArgument naming the member ("legal_rep.citizen_id",
// "scope[1]", "investors[0].citizen_id").
StatusOr<ChangeRequest> ParseChangeRequest(const nlohmann::json& body,
                                           const establishment::Rules& rules, const Date& today);
nlohmann::json ChangeRequestJson(const ChangeRequest& request);  // as stored (private)

enum class ChangeChannel { kOnline, kWindow, kCli };

struct FieldChange {
  std::string field;  // name | address | scope | legal_rep | registered_capital | investors |
                      // license_admin
  nlohmann::json before;
  nlohmann::json after;
};

struct Version {
  std::string uscc;
  int version = 0;
  std::string effective_on;
  std::string kind;  // registration | change | operator_change | conversion
  std::vector<FieldChange> changes;
  std::string channel;
  std::string recorded_by;
  int64_t change_id = 0;
};

struct Change {
  int64_t id = 0;
  std::string uscc;
  std::string kind;  // change | operator_change
  std::string channel;
  std::string submitted_by;
  std::string authority_path;
  ChangeRequest request;
  std::string state;  // pending_review | effective | rejected
  std::string name_verdict, name_message;
  std::string reject_reason;
  int version = 0;
  std::string submitted_at, decided_at;
  std::vector<nlohmann::json> notices;  // 双告知 created by the change
};

// 个转企 request: the enterprise the individual business becomes.
struct ConversionRequest {
  establishment::FormKind kind = establishment::FormKind::kLimitedCompany;
  std::string name;  // keeps the 字号
  std::vector<establishment::Investor>
      investors;  // default: the operator with `registered_capital`
  std::optional<int64_t> registered_capital;
  std::optional<establishment::Person> legal_rep;  // default: the operator
  // 个转企: the enterprise assumes the business's debts and claims (债权债务由
  // 转型后的企业承继), and its taxes are settled or declared to the tax
  // authority. Both must be declared (true).
  bool debts_assumed = false;
  bool taxes_declared = false;
};
StatusOr<ConversionRequest> ParseConversionRequest(const nlohmann::json& body, const Date& today);

struct Conversion {
  std::string from_uscc, to_uscc, target_kind, converted_on;
  DeregistrationResult deregistration;
  // Permits in force carried over to the enterprise (their numbers): they
  // follow the business instead of being cancelled with its licence.
  std::vector<std::string> permits_carried;
};

// The public history of an entity: versions with public fields only (no
// citizen IDs, natural-person investors' names masked), and its 个转企 links.
struct History {
  std::vector<Version> versions;
  std::optional<Conversion> predecessor;  // this enterprise continues …
  std::optional<Conversion> successor;    // this individual business became …
};
nlohmann::json PublicHistoryJson(const History& history, const establishment::Rules& rules);
// A change as shown to staff and its applicant (citizen IDs masked).
nlohmann::json ChangeJson(const Change& change, const establishment::Rules& rules);

// "张*", "欧阳**": the first character and one * per other character.
std::string MaskPersonName(std::string_view name);
// "330106********123X"; "" for an empty ID.
std::string MaskCitizenId(std::string_view id);

class ChangeService {
 public:
  ChangeService(const establishment::Rules& rules, const Clock& clock, ChangeHooks hooks = {});

  StatusOr<Change> Submit(soci::session& sql, const identity::Caller& caller, ChangeChannel channel,
                          std::string_view uscc, const ChangeRequest& request) const;
  // The registrar's decision on a change waiting for review.
  StatusOr<Change> Approve(soci::session& sql, const identity::Caller& caller, int64_t id) const;
  StatusOr<Change> Reject(soci::session& sql, const identity::Caller& caller, int64_t id,
                          std::string_view reason) const;
  // Changes waiting for the registrar within the caller's scope.
  StatusOr<std::vector<Change>> ListPending(soci::session& sql,
                                            const identity::Caller& caller) const;

  // 个转企: the new enterprise (new USCC, the 字号 kept through the name
  // engine), the individual business deregistered with kind "conversion",
  // the entity_conversion link. FailedPrecondition ("uscc") unless the
  // entity is an active or suspended individual business.
  StatusOr<Conversion> Convert(soci::session& sql, const identity::Caller& caller,
                               ChangeChannel channel, std::string_view uscc,
                               const ConversionRequest& request) const;

  // Public: the versions (an entity never changed shows version 1, the
  // registration as it stands) and the 个转企 links.
  StatusOr<History> GetHistory(soci::session& sql, std::string_view uscc) const;

  // Call before the write transaction of Submit or Convert (hooks.catch_up).
  Status CatchUp() const { return hooks_.catch_up(); }

  const establishment::Rules& rules() const { return rules_; }

 private:
  const establishment::Rules& rules_;
  const Clock& clock_;
  ChangeHooks hooks_;
};

}  // namespace amr::lifecycle
