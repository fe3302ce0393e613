// SPDX-License-Identifier: MulanPSL-2.0
#include "establishment/internal/sql.h"

#include <stdexcept>

namespace amr::establishment::internal {

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
