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
  // A one-off statement, not a row set: on PostgreSQL a row set prepares a
  // named statement and DEALLOCATEs it afterwards, two more round trips.
  soci::row row;
  soci::statement st(sql);
  for (auto& [name, value] : params.texts_) st.exchange(soci::use(value, name));
  for (auto& [name, value] : params.ints_) st.exchange(soci::use(value, name));
  st.exchange(soci::into(row));
  st.alloc();
  st.prepare(sql_text, soci::details::st_one_time_query);
  st.define_and_bind();
  if (!st.execute(true)) return OkStatus();
  do {
    RETURN_IF_ERROR(on_row(row));
  } while (st.fetch());
  return OkStatus();
}

void Exec(soci::session& sql, const std::string& sql_text, Params& params) {
  soci::statement st(sql);
  for (auto& [name, value] : params.texts_) st.exchange(soci::use(value, name));
  for (auto& [name, value] : params.ints_) st.exchange(soci::use(value, name));
  st.alloc();
  st.prepare(sql_text, soci::details::st_one_time_query);
  st.define_and_bind();
  st.execute(true);
}

}  // namespace amr::storage
