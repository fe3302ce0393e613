// SPDX-License-Identifier: MulanPSL-2.0
// Helpers for values bound into SQL text patterns.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace amr::storage {

// Escapes LIKE's wildcards ('%', '_') and the escape character itself with a
// backslash, so `text` matches literally in `… LIKE :p ESCAPE '\'` on both
// SQLite and PostgreSQL. Append or prepend '%' after escaping.
std::string EscapeLike(std::string_view text);

}  // namespace amr::storage
