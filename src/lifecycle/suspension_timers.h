// SPDX-License-Identifier: MulanPSL-2.0
// The timers of 歇业 and 一般注销, registered on `amr serve`'s scheduler
// (cli/timer_wiring.cc):
//   suspension.start            the entity becomes 歇业 on the start day;
//   suspension.expiry           the day after the period: deemed resumed
//                               ("歇业期满，视为恢复营业"), published and audited;
//   liquidation.step_overdue    a liquidation step past its deadline undone
//                               is marked overdue.
//
// Thread-safety: call before Scheduler::Start; the handlers are thread-safe.
#pragma once

#include "common/clock.h"
#include "scheduler/scheduler.h"

namespace amr::lifecycle {

void RegisterSuspensionTimers(scheduler::Scheduler& scheduler, const Clock& clock);

}  // namespace amr::lifecycle
