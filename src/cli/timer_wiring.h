// SPDX-License-Identifier: MulanPSL-2.0
// Where every context registers the handlers of its persistent timers
// (scheduler/scheduler.h): `amr serve` and `amr scheduler run-due` call
// RegisterTimerHandlers on their Scheduler before running it.
//
// Thread-safety: call before Scheduler::Start.
#pragma once

#include "common/clock.h"
#include "scheduler/scheduler.h"
#include "storage/database.h"

namespace amr::cli {

void RegisterTimerHandlers(scheduler::Scheduler& scheduler, storage::Database& db,
                           const Clock& clock);

}  // namespace amr::cli
