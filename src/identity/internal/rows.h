// SPDX-License-Identifier: MulanPSL-2.0
// Reading soci::row values alike on both engines, and running a query whose
// parameters are only known at run time. For the identity store files only.
//
// Thread-safety: functions are thread-safe; a session is not.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "common/status.h"
#include "storage/rows.h"

namespace amr::identity::internal {

using storage::RowInt;
using storage::RowIsNull;
using storage::RowText;

// Named parameters for Query. Values live as long as the object.
class Params {
 public:
  // Adds a parameter and returns its placeholder, ":p3".
  std::string Text(std::string value);
  std::string Int(long long value);

 private:
  friend Status Query(soci::session&, const std::string&, Params&,
                      const std::function<Status(const soci::row&)>&);
  std::deque<std::pair<std::string, std::string>> texts_;
  std::deque<std::pair<std::string, long long>> ints_;
  int next_ = 0;
};

// Runs `sql_text` with `params`, calling `on_row` for each result row; stops
// at the first error `on_row` returns.
Status Query(soci::session& sql, const std::string& sql_text, Params& params,
             const std::function<Status(const soci::row&)>& on_row);

}  // namespace amr::identity::internal
