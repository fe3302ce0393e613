// SPDX-License-Identifier: MulanPSL-2.0
// The registers of the 12315 work (docs/complaints.md, "Registers"):
// enterprises enrolled in ODR (在线消费纠纷解决, complaints go to them first),
// and the commitments 放心消费承诺 and 线下无理由退货. An entry is ended, never
// deleted, so the register shows who was enrolled when. No SQL, no HTTP.
//
// Thread-safety: values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/status.h"

namespace amr::complaints {

enum class RegisterKind { kOdr, kAssuredConsumption, kOfflineReturn };
std::string_view RegisterKindId(RegisterKind k);    // "odr"
std::string_view RegisterKindName(RegisterKind k);  // "在线消费纠纷解决（ODR）企业"
StatusOr<RegisterKind> ParseRegisterKind(std::string_view id);  // InvalidArgument "kind"

struct RegisterEntry {
  int64_t id = 0;
  RegisterKind kind = RegisterKind::kOdr;
  std::string uscc, business_name, unit_path;
  Date from_on = Date::FromSysDays({});
  std::string ended_on;  // YYYY-MM-DD, "" while in force
  std::string note, recorded_by, ended_by;

  bool in_force() const { return ended_on.empty(); }
  // Ends the entry on `today`: FailedPrecondition "state" when ended, and
  // InvalidArgument "ended_on" before its first day.
  Status End(const Date& today, std::string_view by);
};

}  // namespace amr::complaints
