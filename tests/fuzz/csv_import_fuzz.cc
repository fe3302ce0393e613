// SPDX-License-Identifier: MulanPSL-2.0
// Fuzz target: the CSV imports (market entities, the inspection libraries,
// users): the RFC 4180 reader, the character rule on every cell, and the
// entity importer's header and row checks.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "common/csv.h"
#include "common/text_rules.h"
#include "registry/entity_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  amr::CsvReader reader(in);
  amr::registry::EntityCsvParser parser(*amr::Date::FromYmd(2026, 11, 24));
  std::vector<std::string> fields;
  bool header = true, header_ok = false;
  for (int records = 0; records < 10000; ++records) {
    amr::StatusOr<bool> more = reader.Next(fields);
    if (!more.ok() || !*more) break;
    for (const std::string& f : fields) (void)amr::CheckTextCharacters(f, "cell");
    if (header) {
      header_ok = parser.SetHeader(fields).ok();
      header = false;
      continue;
    }
    std::string warning;
    if (header_ok) (void)parser.Parse(fields, &warning);
    // Writing back what was read must read the same again (after a first
    // line, where a byte-order mark would be taken as one).
    std::istringstream again("x\n" + amr::CsvRecord(fields));
    amr::CsvReader reread(again);
    std::vector<std::string> back;
    (void)reread.Next(back);
    amr::StatusOr<bool> read_back = reread.Next(back);
    if (!read_back.ok() || !*read_back || back != fields) __builtin_trap();
  }
  return 0;
}
