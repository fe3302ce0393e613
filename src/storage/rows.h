// SPDX-License-Identifier: MulanPSL-2.0
// Reading soci::row columns alike on SQLite and PostgreSQL: the one place
// every store's row readers come from.
//
// Thread-safety: functions are thread-safe; a row is not.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>

namespace amr::storage {

bool RowIsNull(const soci::row& row, std::size_t i);
// An integer column, whatever type the engine reports (SQLite reads an
// INTEGER PRIMARY KEY as int, PostgreSQL a BIGSERIAL as long long, an
// aggregate may come back as text or double); 0 for NULL.
int64_t RowInt(const soci::row& row, std::size_t i);
// A text column; "" for NULL.
std::string RowText(const soci::row& row, std::size_t i);

}  // namespace amr::storage
