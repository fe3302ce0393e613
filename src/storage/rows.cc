// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/rows.h"

#include <fmt/format.h>

#include <stdexcept>

namespace amr::storage {

bool RowIsNull(const soci::row& row, std::size_t i) { return row.get_indicator(i) == soci::i_null; }

int64_t RowInt(const soci::row& row, std::size_t i) {
  if (RowIsNull(row, i)) return 0;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return row.get<int>(i);
    case soci::dt_long_long:
      return row.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<int64_t>(row.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<int64_t>(row.get<double>(i));
    case soci::dt_string:
      return std::stoll(row.get<std::string>(i));
    default:
      throw std::logic_error(fmt::format("column {} is not an integer", i));
  }
}

std::string RowText(const soci::row& row, std::size_t i) {
  if (RowIsNull(row, i)) return {};
  return row.get<std::string>(i);
}

}  // namespace amr::storage
