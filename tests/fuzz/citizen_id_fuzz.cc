// SPDX-License-Identifier: MulanPSL-2.0
// Fuzz target: the citizen ID check (GB 11643) on any bytes, with and without
// a "today" bounding the birth date, and its JSON rendering.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "codes/citizen_id.h"
#include "codes/json.h"
#include "common/date.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const amr::Date today = *amr::Date::FromYmd(2026, 11, 24);
  const amr::codes::CitizenIdCheck check = amr::codes::CheckCitizenId(text, &today);
  (void)amr::codes::CitizenIdCheckToJson(check).dump(-1, ' ', false,
                                                     nlohmann::json::error_handler_t::replace);
  (void)amr::codes::CheckCitizenId(text);
  return 0;
}
