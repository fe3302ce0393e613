// SPDX-License-Identifier: MulanPSL-2.0
// Fuzz target: the 12315 import file (complaints/import_file.h): CSV, a JSON
// array or JSON lines, every record's checks. Whatever the input, the reader
// returns records or an error naming a line, never crashes, and each record
// it accepts satisfies the rules it claims (a line, a key, a valid phone).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "complaints/import_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1u << 20)) return 0;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  const amr::Date today = *amr::Date::FromYmd(2026, 12, 7);
  auto records =
      amr::complaints::ParseImportFile(in, today, amr::complaints::ComplaintRules::Default());
  if (!records.ok()) return 0;
  for (const amr::complaints::ImportedRecord& r : *records) {
    if (r.line == 0 || r.key.rfind("import:", 0) != 0 || r.c.consumer_phone.empty() ||
        today < r.c.received_on) {
      __builtin_trap();
    }
  }
  return 0;
}
