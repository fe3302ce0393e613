// SPDX-License-Identifier: MulanPSL-2.0
#include "http/request_id.h"

#include <sodium.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace amr::http {

std::string NewRequestId() {
  // sodium_init is idempotent and thread-safe; it fails only when the system
  // has no entropy source, which leaves no safe way to go on.
  static const bool initialised = [] {
    if (sodium_init() < 0) std::abort();
    return true;
  }();
  (void)initialised;
  uint8_t bytes[8];
  randombytes_buf(bytes, sizeof bytes);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(16, '0');
  for (size_t i = 0; i < sizeof bytes; ++i) {
    id[2 * i] = kHex[bytes[i] >> 4];
    id[2 * i + 1] = kHex[bytes[i] & 0xF];
  }
  return id;
}

bool IsSaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

}  // namespace amr::http
