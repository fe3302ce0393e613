// SPDX-License-Identifier: MulanPSL-2.0
// Reading an import file of complaints (complaint_import.h has the format):
// CSV with a header of column names, a JSON array of flat objects, or one
// flat JSON object per line, every record checked by the portal's rules and
// those of a decided record. No SQL: the register, the units and the clocks
// are the store's (complaint_import.cc).
//
// Bounded: a record (a CSV record or a JSON line) up to kMaxRecordBytes, a
// JSON array file up to kMaxJsonArrayBytes, objects flat (strings, integers,
// null). Fuzzed (tests/fuzz/complaint_import_fuzz.cc).
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "complaints/complaint.h"

namespace amr::complaints {

inline constexpr size_t kMaxJsonArrayBytes = 64u << 20;
inline constexpr size_t kMaxRecordBytes = 64u << 10;

struct ImportedRecord {
  Complaint c;      // without id, unit, register data and clocks yet
  std::string key;  // "import:<channel>:<external_ref>", the record's once-only key
  size_t line = 0;  // the file's line (a JSON array: the element, 1-based)
};

// InvalidArgument "第 N 行：…" naming the column for the first bad record;
// AlreadyExists for an external_ref repeated in the file; InvalidArgument
// "file" for an empty one.
StatusOr<std::vector<ImportedRecord>> ParseImportFile(std::istream& in, const Date& today,
                                                      const ComplaintRules& rules);

}  // namespace amr::complaints
