// SPDX-License-Identifier: MulanPSL-2.0
// Session tokens and the hashes stored in their place.
//
// A token is 32 bytes (256 bits) from libsodium's randombytes_buf, sent as 43
// characters of unpadded base64url. The store keeps only the token's SHA-256
// (64 lowercase hex), so a copy of the database does not let anyone log in.
//
// Thread-safety: thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace amr::identity {

struct NewToken {
  std::string token;  // what the client sends: "Authorization: Bearer <token>"
  std::string hash;   // what the store keeps
};

NewToken GenerateToken();

// The stored hash of a token as sent; Unauthenticated unless it is 43
// base64url characters decoding to 32 bytes.
StatusOr<std::string> HashToken(std::string_view token);

// The token of an "Authorization: Bearer <token>" header value (scheme case
// insensitive); Unauthenticated if the value is not of that form.
StatusOr<std::string> BearerToken(std::string_view header_value);

// Lowercase hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace amr::identity
