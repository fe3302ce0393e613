// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/password.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

#include "common/text.h"
#include "identity/sodium_init.h"

namespace amr::identity {
namespace {

constexpr size_t kMinLength = 10;
constexpr size_t kMaxLength = 128;

bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

PasswordCost InteractiveCost() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost MinimumCostForTest() {
  return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

Status CheckPasswordPolicy(std::string_view password, std::string_view username,
                           std::string_view field) {
  const std::string f(field);
  if (!IsValidUtf8(password)) return InvalidArgumentError("密码含有无效的字符编码", f);
  const std::vector<char32_t> cps = DecodeUtf8(password);
  if (cps.size() < kMinLength || cps.size() > kMaxLength) {
    return InvalidArgumentError("密码长度应为 10 到 128 个字符", f);
  }
  bool letter = false, digit = false, other = false;
  for (char32_t c : cps) {
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
      return InvalidArgumentError("密码不能含有控制字符", f);
    }
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (IsAsciiLetter(c)) {
      letter = true;
    } else {
      other = true;
    }
  }
  if (static_cast<int>(letter) + static_cast<int>(digit) + static_cast<int>(other) < 2) {
    return InvalidArgumentError("密码应至少包含字母、数字、其他符号中的两类", f);
  }
  if (!username.empty() && AsciiLower(password).find(AsciiLower(username)) != std::string::npos) {
    return InvalidArgumentError("密码不能包含用户名", f);
  }
  if (password == kDemoPassword) {
    return InvalidArgumentError("这是公开的演示密码，不能使用", f);
  }
  return OkStatus();
}

PasswordHasher::PasswordHasher(PasswordCost cost) : cost_(cost) {
  EnsureSodium();
  auto dummy = Hash("dummy password for timing");
  if (!dummy.ok()) throw std::runtime_error("argon2id unavailable: " + dummy.status().ToString());
  dummy_hash_ = *dummy;
}

StatusOr<std::string> PasswordHasher::Hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost_.ops, cost_.mem_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return InternalError("计算密码散列时内存不足");
  }
  return std::string(out);
}

bool PasswordHasher::Verify(std::string_view encoded, std::string_view password) const {
  // libsodium wants a NUL-terminated string; an encoded hash holds no NUL.
  if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES ||
      encoded.find('\0') != std::string_view::npos || !encoded.starts_with("$argon2id$")) {
    return false;
  }
  const std::string hash(encoded);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::NeedsRehash(std::string_view encoded) const {
  const std::string hash(encoded);
  return crypto_pwhash_str_needs_rehash(hash.c_str(), cost_.ops, cost_.mem_bytes) != 0;
}

void PasswordHasher::VerifyDummy(std::string_view password) const {
  (void)Verify(dummy_hash_, password);
}

std::string GeneratePassword() {
  EnsureSodium();
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  while (true) {
    std::string out;
    for (int i = 0; i < 16; ++i) {
      if (i > 0 && i % 4 == 0) out += '-';
      out += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
    }
    if (CheckPasswordPolicy(out, "").ok()) return out;
  }
}

}  // namespace amr::identity
