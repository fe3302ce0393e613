// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/sql_text.h"

namespace amr::storage {

std::string EscapeLike(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace amr::storage
