// SPDX-License-Identifier: MulanPSL-2.0
#include "cli/timer_wiring.h"

// lifecycle:susp begin
#include "lifecycle/suspension_timers.h"
// lifecycle:susp end

namespace amr::cli {

void RegisterTimerHandlers(scheduler::Scheduler& scheduler, storage::Database& db,
                           const Clock& clock) {
  // lifecycle timers are registered here
  // lifecycle:susp begin
  lifecycle::RegisterSuspensionTimers(scheduler, clock);  // suspension.*, liquidation.step_overdue
  // lifecycle:susp end
  (void)scheduler;
  (void)db;
  (void)clock;
}

}  // namespace amr::cli
