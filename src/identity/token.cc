// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/token.h"

#include <sodium.h>

#include <array>

#include "identity/sodium_init.h"

namespace amr::identity {
namespace {

constexpr size_t kTokenBytes = 32;
constexpr size_t kTokenChars = 43;  // ceil(32 * 4 / 3), no padding
constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

std::string Hex(const unsigned char* bytes, size_t n) {
  std::string out(2 * n + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

std::string HashBytes(const unsigned char* bytes, size_t n) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
  crypto_hash_sha256(digest.data(), bytes, n);
  return Hex(digest.data(), digest.size());
}

Status BadToken() { return UnauthenticatedError("登录凭证无效或已过期，请重新登录"); }

}  // namespace

NewToken GenerateToken() {
  EnsureSodium();
  std::array<unsigned char, kTokenBytes> raw;
  randombytes_buf(raw.data(), raw.size());
  std::string text(sodium_base64_ENCODED_LEN(kTokenBytes, kVariant), '\0');
  sodium_bin2base64(text.data(), text.size(), raw.data(), raw.size(), kVariant);
  text.resize(kTokenChars);
  NewToken out{std::move(text), HashBytes(raw.data(), raw.size())};
  sodium_memzero(raw.data(), raw.size());
  return out;
}

StatusOr<std::string> HashToken(std::string_view token) {
  EnsureSodium();
  if (token.size() != kTokenChars) return BadToken();
  std::array<unsigned char, kTokenBytes> raw;
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(raw.data(), raw.size(), token.data(), token.size(), nullptr, &len, &end,
                        kVariant) != 0 ||
      len != kTokenBytes || end != token.data() + token.size()) {
    return BadToken();
  }
  return HashBytes(raw.data(), raw.size());
}

StatusOr<std::string> BearerToken(std::string_view value) {
  constexpr std::string_view kScheme = "bearer ";
  if (value.size() <= kScheme.size()) return BadToken();
  for (size_t i = 0; i < kScheme.size(); ++i) {
    char c = value[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kScheme[i]) return BadToken();
  }
  value.remove_prefix(kScheme.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return BadToken();
  return std::string(value);
}

std::string Sha256Hex(std::string_view data) {
  EnsureSodium();
  return HashBytes(reinterpret_cast<const unsigned char*>(data.data()), data.size());
}

}  // namespace amr::identity
