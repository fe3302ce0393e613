// SPDX-License-Identifier: MulanPSL-2.0
// The persistent timers of 简易注销 and 一屏注销 (scheduler/scheduler.h):
//   simplified.notice_end           the notice ended without objection → ready
//   simplified.completion_expired   not completed within the period → lapsed
//   one_screen.window_end           no department objected → deregistered
// Keys "simplified:<id>" / "one_screen:<id>"; payload {"id": <id>}.
//
// Thread-safety: call before Scheduler::Start; `service` is shared.
#pragma once

#include <memory>

#include "lifecycle/simplified.h"
#include "scheduler/scheduler.h"

namespace amr::lifecycle {

void RegisterDeregistrationTimers(scheduler::Scheduler& scheduler,
                                  std::shared_ptr<const DeregistrationService> service);

}  // namespace amr::lifecycle
