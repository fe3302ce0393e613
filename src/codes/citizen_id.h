// SPDX-License-Identifier: MulanPSL-2.0
// 公民身份号码 (citizen ID number), GB 11643-1999.
//
// 18 characters: [6 address code GB/T 2260][8 birth date YYYYMMDD]
// [3 sequence, odd for men, even for women][1 check, ISO 7064 MOD 11-2, 0–9 or X].
// The 15-digit numbers of the first generation card are not accepted.
//
// Thread-safety: all functions are thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/status.h"

namespace amr::codes {

struct CitizenIdCheck {
  bool valid = false;
  // Filled whenever positions 7–14 form a real date, even if another part is wrong.
  std::optional<Date> birth_date;
  std::string sex;          // "male" | "female"; "" if the sequence cannot be read
  std::string region_code;  // positions 1–6, not checked against the region list
  // OK when valid; otherwise InvalidArgument with field "citizen_id".
  Status problem;
};

// Checks `id` after folding it (full-width to half-width, trimmed, 'x' → 'X').
// The birth date must exist and fall on or after 1880-01-01 (the standard's
// own example is born in 1880); if `today` is given it must not be later.
CitizenIdCheck CheckCitizenId(std::string_view id, const Date* today = nullptr);

// Builds a number with a correct check character, for synthetic data.
// Returns InvalidArgument if region6 is not six digits, `birth` is before
// 1880-01-01, or `sequence` is outside 0..999 (odd sequences are men).
StatusOr<std::string> MakeCitizenId(std::string_view region6, const Date& birth, int sequence);

}  // namespace amr::codes
