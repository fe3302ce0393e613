// SPDX-License-Identifier: MulanPSL-2.0
// Fuzz target: dates and times as they arrive in forms and queries
// ("2026-11-24", "20261124", RFC 3339 times), and the round trip of what
// parses.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/clock.h"
#include "common/date.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto d = amr::Date::Parse(text); d.ok()) {
    // What parses prints back as itself.
    if (amr::Date::Parse(d->ToString()).value() != *d) std::abort();
  }
  (void)amr::Date::ParseCompact(text);
  if (auto t = amr::ParseTime(text); t.ok()) (void)amr::FormatChinaTime(*t);
  return 0;
}
