// SPDX-License-Identifier: MulanPSL-2.0
// Reading an integer column of a soci::row whatever width the engine reports
// (SQLite reads INTEGER columns as int, PostgreSQL BIGINT as long long).
// Store files only.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>

namespace amr::inspection::internal {

inline std::optional<int64_t> MaybeInt(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return row.get<int>(i);
    case soci::dt_long_long:
      return row.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<int64_t>(row.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<int64_t>(row.get<double>(i));
    default:
      return std::stoll(row.get<std::string>(i));
  }
}

inline int64_t Int(const soci::row& row, std::size_t i) { return MaybeInt(row, i).value_or(0); }

inline std::string Text(const soci::row& row, std::size_t i) {
  return row.get_indicator(i) == soci::i_null ? std::string() : row.get<std::string>(i);
}

}  // namespace amr::inspection::internal
