// SPDX-License-Identifier: MulanPSL-2.0
#include "cli/timer_wiring.h"

namespace amr::cli {

void RegisterTimerHandlers(scheduler::Scheduler& scheduler, storage::Database& db,
                           const Clock& clock) {
  // lifecycle timers are registered here
  (void)scheduler;
  (void)db;
  (void)clock;
}

}  // namespace amr::cli
