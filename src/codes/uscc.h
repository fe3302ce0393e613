// SPDX-License-Identifier: MulanPSL-2.0
// 统一社会信用代码 (unified social credit code, USCC), GB 32100-2015.
//
// 18 characters: [1 登记管理部门][1 机构类别][6 行政区划 GB/T 2260]
// [9 主体标识码 = GB 11714 组织机构代码, its last character a check][1 校验码].
// The alphabet is 0-9 and the capitals except I, O, Z, S, V (31 characters,
// value = index). Position 18 is a mod-31 check over positions 1–17
// (weights 3^(i-1) mod 31); positions 9–17 carry their own GB 11714 mod-11
// check, in which letters count A=10 … Z=35.
//
// Thread-safety: all functions are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace amr::codes {

// The 31 characters of GB 32100-2015 Table 2, in value order.
inline constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

struct UsccCheck {
  // Both the mod-31 check (position 18) and the GB 11714 check (position 17) pass.
  bool valid = false;
  // Fails mod-31 but passes GB 11714: the early Fujian pilot codes. Importable
  // with a warning, never issued.
  bool legacy = false;
  // The position-18 character positions 1–17 call for; 0 if they cannot be read.
  // For the program only (issuing, tests): never shown to a user, since a
  // "correct" last character invites making up a code (the messages say only
  // that the check fails).
  char expected_check = 0;
  std::string department;       // position 1, e.g. "9"
  std::string department_name;  // e.g. "市场监督管理（工商）"; "其他" if unknown
  std::string kind;             // position 2, e.g. "1"
  std::string kind_name;        // e.g. "企业"; "" if unknown
  std::string region_code;      // positions 3–8, not checked against the region list
  // OK when valid; otherwise InvalidArgument with field "uscc" and a message
  // that says what is wrong (length, which character where, which check and
  // the expected character).
  Status problem;
};

// Checks `code` after folding it: full-width to half-width, trimmed, letters
// upper-cased. The descriptive fields are filled whenever the length is right,
// so that a caller can show them even for a code that fails a check.
UsccCheck CheckUscc(std::string_view code);

// The mod-31 check character for the first 17 characters of a code.
// Precondition: `first17` has 17 characters, all in kUsccAlphabet.
char UsccCheckChar(std::string_view first17);

// The GB 11714 check character ('0'–'9' or 'X') for an 8-character body.
// Precondition: `body8` has 8 characters, each a digit or a capital letter.
char OrganizationCodeCheckChar(std::string_view body8);

// Issues a new code: department + kind + region_code + "MA" + `serial` in six
// alphabet characters (base 31, most significant first) + the GB 11714 check +
// the mod-31 check. The deployment must keep serials unique; distinct serials
// give distinct codes. The region is checked for form only (six digits);
// callers check it against the region list.
// Returns InvalidArgument if department or kind is outside the alphabet, the
// region code is not six digits, or serial >= 31^6.
StatusOr<std::string> IssueUscc(char department, char kind, std::string_view region_code,
                                uint64_t serial);

}  // namespace amr::codes
