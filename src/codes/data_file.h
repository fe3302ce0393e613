// SPDX-License-Identifier: MulanPSL-2.0
// Reading the CSV data files under data/ (internal to codes/).
#pragma once

#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace amr::codes::internal {

struct CsvRow {
  size_t line;  // 1-based line in the file, for messages
  std::vector<std::string> fields;
};

// Reads `path`, whose first record must be exactly `columns`; every other
// record must have that many fields. Blank lines are skipped.
// Returns NotFound if the file cannot be opened, InvalidArgument (naming the
// file and line) if it is malformed.
StatusOr<std::vector<CsvRow>> ReadCsvTable(const std::filesystem::path& path,
                                           std::initializer_list<std::string_view> columns);

// "<file> 第 <line> 行：<what>" as an InvalidArgument, for loaders.
Status DataError(const std::filesystem::path& path, size_t line, std::string_view what);

// For the process-wide tables: prints why `path` could not be loaded and aborts.
// A server without its code lists cannot do anything right, so it must not start.
[[noreturn]] void DieForMissingData(const std::filesystem::path& path, const Status& status);

}  // namespace amr::codes::internal
