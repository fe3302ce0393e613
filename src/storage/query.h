// SPDX-License-Identifier: MulanPSL-2.0
// Running a query whose parameters are only known at run time (a filter with
// optional terms, a list of scope paths), with every value bound as a named
// parameter: never spliced into the SQL text.
//
//   storage::Params p;
//   std::string where = "WHERE state = " + p.Text("open");
//   RETURN_IF_ERROR(storage::Query(sql, "SELECT id FROM t " + where, p, on_row));
//
// For store files (includes SOCI). Thread-safety: a Params belongs to one
// query; a session is not thread-safe.
#pragma once

#include <soci/soci.h>

#include <deque>
#include <functional>
#include <string>
#include <utility>

#include "common/status.h"

namespace amr::storage {

// Named parameters for Query. Values live as long as the object.
class Params {
 public:
  // Adds a parameter and returns its placeholder, ":p3".
  std::string Text(std::string value);
  std::string Int(long long value);

 private:
  friend Status Query(soci::session&, const std::string&, Params&,
                      const std::function<Status(const soci::row&)>&);
  friend void Exec(soci::session&, const std::string&, Params&);
  std::deque<std::pair<std::string, std::string>> texts_;
  std::deque<std::pair<std::string, long long>> ints_;
  int next_ = 0;
};

// Runs `sql_text` with `params`, calling `on_row` for each result row; stops
// at the first error `on_row` returns. SOCI's exceptions propagate (callers
// inside Database::Transaction may let them; others convert them with
// StatusFromException).
Status Query(soci::session& sql, const std::string& sql_text, Params& params,
             const std::function<Status(const soci::row&)>& on_row);

// Runs `sql_text` (an INSERT, UPDATE or DELETE; several rows' VALUES built
// with `params`) once, as a one-off statement: no prepared statement is left
// to deallocate. SOCI's exceptions propagate, as from Query.
void Exec(soci::session& sql, const std::string& sql_text, Params& params);

}  // namespace amr::storage
