// SPDX-License-Identifier: MulanPSL-2.0
// 企业开办 tells people (消息中心, src/messages/; the same words by SMS where
// the recipient has a phone), inside the transaction of the change:
//   - the applicant: the application registered (秒批 or by a registrar) or
//     refused; a step a department returned, with the reason;
//   - the department's staff (department_queue.work at the step's unit, else
//     the nearest unit above it that has such staff): a returned step the
//     applicant fixed and sent again.
// An application made at the window or from the CLI has no applicant account:
// nobody is told. For src/establishment/ only.
#pragma once

#include <string_view>

#include "common/clock.h"
#include "common/status.h"
#include "establishment/application.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::establishment::internal {

// Registered: `app` as loaded before registration, `uscc` its new code.
Status TellRegistered(soci::session& sql, const Application& app, std::string_view uscc,
                      const Clock& clock);
Status TellRejected(soci::session& sql, const Application& app, std::string_view reason,
                    const Clock& clock);
// `step` as it was before the return (its returns count names the round).
Status TellStepReturned(soci::session& sql, const Step& step, std::string_view reason,
                        const Clock& clock);
// `unit_id`: the unit the step went back to; `round`: its returns count now.
Status TellStepResubmitted(soci::session& sql, const Application& app, const Step& step,
                           int64_t unit_id, int round, std::string_view note, const Clock& clock);

}  // namespace amr::establishment::internal
