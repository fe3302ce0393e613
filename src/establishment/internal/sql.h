// SPDX-License-Identifier: MulanPSL-2.0
// Reading soci::row columns alike on SQLite and PostgreSQL, and queries whose
// parameters are known only at run time. For establishment/ store files only.
//
// Thread-safety: functions are thread-safe; a session is not.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <utility>

#include "common/status.h"
#include "storage/rows.h"

namespace amr::establishment::internal {

// Short names for the store's row readers (storage/rows.h).
inline int64_t Int(const soci::row& row, std::size_t i) { return storage::RowInt(row, i); }
inline std::string Text(const soci::row& row, std::size_t i) { return storage::RowText(row, i); }

// Positional named parameters ":a0", ":a1" … for Select.
class Args {
 public:
  std::string Add(std::string value);
  std::string Add(long long value);

 private:
  friend void Select(soci::session&, const std::string&, Args&,
                     const std::function<void(const soci::row&)>&);
  std::deque<std::pair<std::string, std::string>> texts_;
  std::deque<std::pair<std::string, long long>> ints_;
  int next_ = 0;
};

// Runs a query, calling `on_row` per row. Throws what SOCI throws
// (Database::Transaction turns it into a Status).
void Select(soci::session& sql, const std::string& text, Args& args,
            const std::function<void(const soci::row&)>& on_row);

}  // namespace amr::establishment::internal
