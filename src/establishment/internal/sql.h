// SPDX-License-Identifier: MulanPSL-2.0
// Reading soci::row columns alike on SQLite and PostgreSQL, and queries whose
// parameters are known only at run time. For establishment/ store files only.
//
// Thread-safety: functions are thread-safe; a session is not.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include "common/status.h"
#include "storage/query.h"
#include "storage/rows.h"

namespace amr::establishment::internal {

// Short names for the store's row readers (storage/rows.h).
inline int64_t Int(const soci::row& row, std::size_t i) { return storage::RowInt(row, i); }
inline std::string Text(const soci::row& row, std::size_t i) { return storage::RowText(row, i); }

// Named parameters for Select (storage/query.h), by the type of the value.
class Args : public storage::Params {
 public:
  std::string Add(std::string value) { return Text(std::move(value)); }
  std::string Add(long long value) { return Int(value); }
};

// Runs a query, calling `on_row` per row. Throws what SOCI throws
// (Database::Transaction turns it into a Status).
inline void Select(soci::session& sql, const std::string& text, Args& args,
                   const std::function<void(const soci::row&)>& on_row) {
  (void)storage::Query(sql, text, args, [&](const soci::row& row) {
    on_row(row);
    return OkStatus();
  });
}

}  // namespace amr::establishment::internal
