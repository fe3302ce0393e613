// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/internal/rows.h"

#include <fmt/format.h>

namespace amr::identity::internal {

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

std::string Params::Text(std::string value) {
  std::string name = fmt::format("p{}", next_++);
  texts_.emplace_back(name, std::move(value));
  return ":" + name;
}

std::string Params::Int(long long value) {
  std::string name = fmt::format("p{}", next_++);
  ints_.emplace_back(name, value);
  return ":" + name;
}

Status Query(soci::session& sql, const std::string& sql_text, Params& params,
             const std::function<Status(const soci::row&)>& on_row) {
  soci::details::prepare_temp_type prep = (sql.prepare << sql_text);
  for (auto& [name, value] : params.texts_) prep, soci::use(value, name);
  for (auto& [name, value] : params.ints_) prep, soci::use(value, name);
  soci::rowset<soci::row> rows(prep);
  for (const soci::row& row : rows) RETURN_IF_ERROR(on_row(row));
  return OkStatus();
}

}  // namespace amr::identity::internal
