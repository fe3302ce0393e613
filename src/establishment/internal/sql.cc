// SPDX-License-Identifier: MulanPSL-2.0
#include "establishment/internal/sql.h"

#include <stdexcept>

namespace amr::establishment::internal {

int64_t Int(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return 0;
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
      throw std::logic_error("not an integer column");
  }
}

std::string Text(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return {};
  return row.get<std::string>(i);
}

std::string Args::Add(std::string value) {
  std::string name = "a" + std::to_string(next_++);
  texts_.emplace_back(name, std::move(value));
  return ":" + name;
}

std::string Args::Add(long long value) {
  std::string name = "a" + std::to_string(next_++);
  ints_.emplace_back(name, value);
  return ":" + name;
}

void Select(soci::session& sql, const std::string& text, Args& args,
            const std::function<void(const soci::row&)>& on_row) {
  soci::details::prepare_temp_type prep = (sql.prepare << text);
  for (auto& [name, value] : args.texts_) prep, soci::use(value, name);
  for (auto& [name, value] : args.ints_) prep, soci::use(value, name);
  soci::rowset<soci::row> rows(prep);
  for (const soci::row& row : rows) on_row(row);
}

}  // namespace amr::establishment::internal
