// SPDX-License-Identifier: MulanPSL-2.0
// Splitting and decoding request targets (RFC 3986 percent-encoding and the
// application/x-www-form-urlencoded query convention browsers use).
//
// Decoded text must be well-formed UTF-8 without NUL bytes: everything
// downstream (JSON, the database) assumes it, so bad input stops here with an
// InvalidArgument naming the offending part.
//
// Thread-safety: all functions are pure and thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/status.h"

namespace amr::http {

// Decodes %XX escapes; with `plus_as_space` (query strings) '+' becomes ' '.
// InvalidArgument (with `field`) on a malformed escape, invalid UTF-8 or a NUL.
StatusOr<std::string> PercentDecode(std::string_view text, bool plus_as_space,
                                    std::string_view field);

// Encodes every byte outside RFC 3986 "unreserved" as %XX (UTF-8 stays
// byte-wise), so the result is safe as one path segment or query value.
std::string PercentEncode(std::string_view text);

// A request target split at the first '?'; neither part is decoded.
struct SplitTarget {
  std::string_view path;
  std::string_view query;  // Without the '?'; empty if none.
};
SplitTarget SplitRequestTarget(std::string_view target);

// Parses "a=1&b=%E4%B8%AD&a=2" into decoded pairs; a key without '=' gets an
// empty value; empty pieces ("a=1&&b=2") are skipped. InvalidArgument with
// field "query" on bad encoding.
StatusOr<std::multimap<std::string, std::string>> ParseQuery(std::string_view query);

}  // namespace amr::http
