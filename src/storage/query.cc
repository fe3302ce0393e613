// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/query.h"

#include <fmt/format.h>

namespace amr::storage {

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

}  // namespace amr::storage
