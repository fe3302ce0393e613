// SPDX-License-Identifier: MulanPSL-2.0
#include "establishment/internal/notify.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include "identity/roles.h"
#include "identity/user_store.h"
#include "messages/messages.h"

namespace amr::establishment::internal {
namespace {

using nlohmann::json;

// Where the applicant follows the application (and finds the licence).
std::string ProgressLink(int64_t app_id) { return fmt::format("/progress?id={}", app_id); }

}  // namespace

Status TellRegistered(soci::session& sql, const Application& app, std::string_view uscc,
                      const Clock& clock) {
  if (app.applicant_user_id == 0) return OkStatus();
  return messages::Post(sql, app.applicant_user_id, messages::Kind::kApplicationApproved,
                        json{{"name", app.form.name},
                             {"how", app.decision == "instant_approval" ? "秒批" : "经注册官审核"},
                             {"uscc", std::string(uscc)}},
                        ProgressLink(app.id), fmt::format("establishment.approved:{}", app.id),
                        clock);
}

Status TellRejected(soci::session& sql, const Application& app, std::string_view reason,
                    const Clock& clock) {
  if (app.applicant_user_id == 0) return OkStatus();
  return messages::Post(sql, app.applicant_user_id, messages::Kind::kApplicationRejected,
                        json{{"name", app.form.name}, {"reason", std::string(reason)}},
                        ProgressLink(app.id), fmt::format("establishment.rejected:{}", app.id),
                        clock);
}

Status TellStepReturned(soci::session& sql, const Step& step, std::string_view reason,
                        const Clock& clock) {
  long long applicant = 0;
  soci::indicator ind = soci::i_null;
  const long long app_id = step.application_id;
  sql << "SELECT applicant_user_id FROM establishment_application WHERE id = :id",
      soci::use(app_id), soci::into(applicant, ind);
  if (ind == soci::i_null || applicant == 0) return OkStatus();
  return messages::Post(sql, applicant, messages::Kind::kStepReturned,
                        json{{"name", step.entity_name},
                             {"step_name", StepName(step.kind)},
                             {"unit", step.org_unit_name},
                             {"reason", std::string(reason)}},
                        ProgressLink(step.application_id),
                        fmt::format("establishment.step.returned:{}:{}", step.id, step.returns),
                        clock);
}

Status TellStepResubmitted(soci::session& sql, const Application& app, const Step& step,
                           int64_t unit_id, int round, std::string_view note, const Clock& clock) {
  ASSIGN_OR_RETURN(std::vector<int64_t> staff,
                   identity::UsersServingUnit(sql, unit_id, identity::perm::kDepartmentQueueWork));
  return messages::PostToEach(
      sql, staff, messages::Kind::kStepResubmitted,
      json{{"name", app.form.name},
           {"step_name", StepName(step.kind)},
           {"note", note.empty() ? std::string("未附说明") : "说明：" + std::string(note)}},
      "/workbench/department", fmt::format("establishment.step.resubmitted:{}:{}", step.id, round),
      clock);
}

}  // namespace amr::establishment::internal
