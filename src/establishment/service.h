// SPDX-License-Identifier: MulanPSL-2.0
// 企业开办 use cases over the store: submit the one form, decide (秒批 or the
// registrar's queue, 容缺+承诺), register (USCC, entity, name, e-licence and
// e-seals in one transaction), dispatch the department steps in parallel by
// the routing rules, work the department queues, 双告知 notices, and the
// figures.
//
// Every function runs inside the caller's transaction (Database::Transaction
// or identity::RunWrite) and appends an audit record for each state change.
// Callers with a principal are checked against its data scope:
//   - applicants reach only applications they submitted;
//   - window clerks and registrars: the authority unit (the county bureau of
//     the application's region) must lie in their subtree;
//   - department officers: the step's or notice's org unit must.
// A caller without a principal (the platform, the CLI) is not scope-checked.
// Out of scope is PermissionDenied (403); wrong state FailedPrecondition (422).
//
// Thread-safety: an EstablishmentService is immutable after construction and
// may be shared; the session belongs to the caller.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codes/calendar.h"
#include "common/clock.h"
#include "common/status.h"
#include "establishment/application.h"
#include "establishment/form.h"
#include "establishment/rules.h"
#include "identity/caller.h"
#include "registry/entity.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::establishment {

// What the name engine says about the form's name (名称自主申报).
struct NameDecision {
  // ok | similar | conflict | prohibited | invalid. "ok" allows 秒批;
  // "similar" sends the application to the registrar; the others refuse it
  // (FailedPrecondition naming "name").
  std::string verdict = "ok";
  std::string message;  // Chinese, shown to the applicant
};

// The parts built elsewhere, injected. Each default is permissive and does
// nothing; cli::App wires the real ones (the name engine, the electronic
// business licence and e-seals, the outbox).
struct RegistrationHooks {
  // Called before anything is written; an error refuses the submission.
  std::function<StatusOr<NameDecision>(const Form&)> check_name;
  // Inside the registration transaction, after the entity row is inserted:
  // record the registered name (and consume its reservation).
  std::function<Status(soci::session&, const registry::Entity&, const Application&)> record_name;
  // Inside the registration transaction: issue the e-licence and e-seals.
  std::function<Status(soci::session&, const registry::Entity&, const Application&)> issue_license;
  // Inside the transaction that dispatches a step to an external system:
  // outbox::Enqueue(sql, topic, payload, dedupe_key) (src/outbox/outbox.h).
  std::function<Status(soci::session&, std::string_view topic, const nlohmann::json& payload,
                       std::string_view dedupe_key)>
      enqueue_event;
  // Before the write transaction of Submit: bring the name engine's index up
  // to the store (check_name decides on the index as it stands, so a name
  // registered or a reservation used a moment ago is seen as it now is).
  std::function<Status()> catch_up;
  // Inside Submit's transaction, before anything is written: whether the
  // people of the form may take their posts (a legal representative barred
  // by the credit lists is refused, naming the rule). OK by default.
  std::function<Status(soci::session&, const Form&)> check_people;
};

// The permissive defaults ("wired by cli::App"): every name "ok", nothing
// recorded, issued or enqueued. Missing members of a RegistrationHooks are
// treated the same way.
RegistrationHooks DefaultHooks();

enum class Channel { kOnline, kWindow, kCli };

struct QueueFilter {
  std::optional<int64_t> org_unit_id;  // a unit of the caller's scope; default: all of it
  std::string state;                   // "" = the open ones
  int limit = 50;
  int offset = 0;
};

struct Stats {
  struct KindCount {
    std::string kind;
    std::string period;  // YYYY-MM
    int64_t count = 0;
  };
  std::vector<KindCount> by_kind;
  int64_t completed = 0;
  double average_minutes = 0;  // working minutes of the whole 开办
  double median_minutes = 0;
  double within_sla_share = 0;  // 0..1 of completed
  int sla_minutes = 0;
};

class EstablishmentService {
 public:
  // `calendar` (the working-day calendar in force) must outlive the service.
  EstablishmentService(const Rules& rules, const Clock& clock,
                       const codes::CalendarSource& calendar, RegistrationHooks hooks = {});

  // Submits a validated form. Decides at once: 秒批 (registered and steps
  // dispatched in this transaction) or the registrar's queue. Errors:
  // FailedPrecondition if no county bureau serves form.region_code or the
  // name is refused; PermissionDenied for a window clerk outside the region.
  //
  // May run in a READ COMMITTED transaction (storage::Database::Isolation),
  // as the routes and `amr establishment submit` do, so that concurrent
  // submissions neither conflict nor rerun: everything it writes is a new row
  // except what is held otherwise — the name by its claim row
  // (names::NameService::RecordRegistered), the USCC by its unique key and
  // sequence, the chain and change log by their commit-time locks.
  StatusOr<Application> Submit(soci::session& sql, const identity::Caller& caller, Channel channel,
                               const Form& form) const;

  // The application with its steps, times and notices; scope-checked for
  // applicants (their own) and staff holding `permission` on the authority.
  StatusOr<Application> Get(soci::session& sql, const identity::Caller& caller,
                            std::string_view permission, int64_t id) const;

  // Registrar (perm::kRegistrationReview).
  StatusOr<std::vector<Application>> ListQueue(soci::session& sql, const identity::Caller& caller,
                                               const QueueFilter& filter) const;
  StatusOr<Application> Claim(soci::session& sql, const identity::Caller& caller, int64_t id) const;
  StatusOr<Application> Approve(soci::session& sql, const identity::Caller& caller,
                                int64_t id) const;
  StatusOr<Application> Reject(soci::session& sql, const identity::Caller& caller, int64_t id,
                               std::string_view reason) const;

  // Department queues (perm::kDepartmentQueueWork).
  StatusOr<std::vector<Step>> ListSteps(soci::session& sql, const identity::Caller& caller,
                                        const QueueFilter& filter,
                                        std::vector<int64_t>* application_ids = nullptr) const;
  StatusOr<Step> ClaimStep(soci::session& sql, const identity::Caller& caller,
                           int64_t step_id) const;
  StatusOr<Step> CompleteStep(soci::session& sql, const identity::Caller& caller, int64_t step_id,
                              const nlohmann::json& result) const;
  StatusOr<Step> ReturnStep(soci::session& sql, const identity::Caller& caller, int64_t step_id,
                            std::string_view reason) const;
  // The applicant (their own application) fixes a returned step and sends it
  // again. `choice`, when not null, replaces the form's option of that step
  // (e.g. {"bank": "…", "branch": "…"} for bank_account, {"kinds": […]} for
  // seal), checked as the form is (errors name "options.<step>.…"); a changed
  // bank is routed to that bank's unit. The step's clock starts again.
  StatusOr<Step> ResubmitStep(soci::session& sql, const identity::Caller& caller, int64_t step_id,
                              std::string_view note, const nlohmann::json& choice = nullptr) const;
  // The caller's own applications, newest first (at most `limit`).
  StatusOr<std::vector<Application>> ListOwn(soci::session& sql, const identity::Caller& caller,
                                             int limit) const;

  // 双告知 notices of the caller's departments, from 企业开办 or from 变更.
  StatusOr<std::vector<Notice>> ListNotices(
      soci::session& sql, const identity::Caller& caller, const QueueFilter& filter,
      NoticeSource source = NoticeSource::kEstablishment) const;
  StatusOr<Notice> ClaimNotice(soci::session& sql, const identity::Caller& caller,
                               int64_t notice_id,
                               NoticeSource source = NoticeSource::kEstablishment) const;
  StatusOr<Notice> ReturnNotice(soci::session& sql, const identity::Caller& caller,
                                int64_t notice_id, std::string_view reason,
                                NoticeSource source = NoticeSource::kEstablishment) const;

  // Figures over applications submitted in [from, to] (China dates) whose
  // authority lies in `org_unit_id`'s subtree (or the caller's scope).
  StatusOr<Stats> ComputeStats(soci::session& sql, const identity::Caller& caller, const Date& from,
                               const Date& to, std::optional<int64_t> org_unit_id) const;

  const Rules& rules() const { return rules_; }
  // Call before the write transaction of Submit (hooks.catch_up).
  Status CatchUp() const { return hooks_.catch_up(); }

 private:
  const Rules& rules_;
  const Clock& clock_;
  const codes::CalendarSource& calendar_;
  RegistrationHooks hooks_;
};

// 容缺: the deadline of a deferred material (calendar/deadline_store.h),
// subject "application:<id>:<material>".
inline constexpr char kDeferredMaterialDeadlineKind[] = "establishment.deferred_material";
std::string DeferredMaterialSubject(int64_t application_id, std::string_view material);
// The DeadlineMover of kDeferredMaterialDeadlineKind: the material's due_on.
Status MoveDeferredMaterialDeadline(soci::session& sql, std::string_view subject,
                                    const Date& new_due);

}  // namespace amr::establishment
