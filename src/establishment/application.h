// SPDX-License-Identifier: MulanPSL-2.0
// An 企业开办 application as stored and shown: the form, the registration
// decision, every department step with its times, deferred materials and
// 双告知 notices.
//
// Thread-safety: values.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "establishment/form.h"

namespace amr::establishment {

// establishment_step.state: pending → claimed → done | returned; a returned
// step goes back to pending when the applicant resubmits it.
struct Step {
  int64_t id = 0;
  int64_t application_id = 0;
  std::string kind;         // "registration", "seal", "tax", …
  std::string entity_name;  // the application's name (what a department officer looks for)
  std::string uscc;         // "" until registered
  int64_t org_unit_id = 0;
  std::string org_unit_name;
  std::string org_unit_path;
  std::string state;
  int64_t claimed_by = 0;
  nlohmann::json result = nlohmann::json::object();
  std::string return_reason;
  int returns = 0;
  int sla_minutes = 0;
  std::string started_at;  // RFC 3339, Beijing time
  std::string ended_at;    // "" while open
  // Computed at read time (working_time.h): up to ended_at, or up to now.
  int64_t elapsed_minutes = 0;
  bool overdue = false;
};

struct DeferredMaterial {
  std::string material;
  std::string name;
  std::string due_on;       // YYYY-MM-DD
  std::string supplied_at;  // "" until supplied
  // Counted on a year whose holidays are not entered yet (codes/deadline.h).
  std::string provisional_reason = {};  // "" when not provisional
};

// 双告知: a permit the scope needs, pushed to its competent department.
// Where a 双告知 notice comes from: a 企业开办 application, or a 变更 that added
// licensed items to the business scope (the entity_change_notice rows of
// src/lifecycle/change_store.cc).
enum class NoticeSource { kEstablishment, kChange };

struct Notice {
  int64_t id = 0;
  NoticeSource source = NoticeSource::kEstablishment;
  int64_t application_id = 0;  // kEstablishment
  int64_t change_id = 0;       // kChange
  std::string uscc;            // "" while the application is not registered
  std::string entity_name;     // the entity's (or the application's) name
  std::string scope_code;
  std::string scope_name;
  std::string permit;
  std::string department;
  int64_t org_unit_id = 0;
  std::string org_unit_path;
  std::string state;  // pending | claimed | returned
  std::string reason;
  std::string created_at;
};

struct Application {
  int64_t id = 0;
  int64_t applicant_user_id = 0;  // 0: filed by the platform or the CLI
  std::string submitted_by;
  std::string channel;  // online | window | cli
  int64_t authority_org_unit_id = 0;
  std::string authority_path;
  Form form;
  std::string decision;  // instant_approval | review
  // Why a registrar decides (Chinese sentences); empty for 秒批.
  std::vector<std::string> review_reasons;
  std::string state;  // queued | claimed | registered | rejected | completed
  int64_t registrar_user_id = 0;
  std::string reject_reason;
  std::string uscc;
  std::string submitted_at;
  std::string registered_at;
  std::string completed_at;
  std::vector<Step> steps;  // registration first, then in dispatch order
  std::vector<DeferredMaterial> deferred;
  std::vector<Notice> notices;
  // 双告知 in the decision: the scope items that need a permit.
  std::vector<const ScopeItem*> permits_needed;
  // Computed at read time: the whole 开办 in working minutes (to completion,
  // or to now), its SLA and whether it is overdue.
  int64_t elapsed_minutes = 0;
  int sla_minutes = 0;
  bool overdue = false;
};

// The step's name as the applicant reads it ("银行开户预约"); the id itself
// for a kind the platform does not know.
std::string StepName(std::string_view kind);

nlohmann::json StepJson(const Step& step);
nlohmann::json NoticeJson(const Notice& notice);
nlohmann::json ApplicationJson(const Application& app);

}  // namespace amr::establishment
