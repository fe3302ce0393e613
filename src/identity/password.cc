// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/password.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unordered_set>
#include <vector>

#include "codes/data_dir.h"
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

// Lower case, full-width forms half-width, look-alike digits and symbols as
// the letters they stand for ("P@ssw0rd" → "password"), and ASCII
// punctuation and spaces dropped ("zhang.san" → "zhangsan"). Non-ASCII text
// (Chinese) is kept as it is.
std::string Fold(std::string_view text) {
  std::string out;
  for (char c : AsciiLower(FullWidthToHalfWidth(text))) {
    switch (c) {
      case '0':
        out += 'o';
        break;
      case '1':
      case '!':
      case '|':
        out += 'i';
        break;
      case '3':
        out += 'e';
        break;
      case '4':
      case '@':
        out += 'a';
        break;
      case '5':
      case '$':
        out += 's';
        break;
      case '7':
        out += 't';
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x80 || (c >= 'a' && c <= 'z') ||
            (c >= '0' && c <= '9')) {
          out += c;
        }
    }
  }
  return out;
}

bool IsAsciiLetterByte(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The password without the digits and symbols around its letters:
// "password12" → "password", "#P@ssw0rd-2026" → "P@ssw0rd".
std::string_view Core(std::string_view password) {
  size_t b = 0, e = password.size();
  while (b < e && !IsAsciiLetterByte(password[b]) && static_cast<unsigned char>(password[b]) < 0x80)
    ++b;
  while (e > b && !IsAsciiLetterByte(password[e - 1]) &&
         static_cast<unsigned char>(password[e - 1]) < 0x80)
    --e;
  return password.substr(b, e - b);
}

struct CommonPasswords {
  std::unordered_set<std::string> exact;   // as listed, lower case
  std::unordered_set<std::string> folded;  // Fold() of each
  Status status;
};

// data/passwords/common.txt: one password a line; "#!comment:" lines are the
// list's own notes (data/README.md).
const CommonPasswords& Common() {
  static const CommonPasswords* const list = [] {
    auto* out = new CommonPasswords;
    const std::filesystem::path path = codes::DataDir() / "passwords" / "common.txt";
    std::ifstream in(path);
    if (!in) {
      out->status = InternalError(fmt::format("无法读取常见密码表 {}", path.string()));
      return out;
    }
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line.starts_with("#!comment:")) continue;
      out->exact.insert(AsciiLower(line));
      const std::string f = Fold(line);
      if (f.size() >= 4) out->folded.insert(f);
    }
    if (out->exact.size() < 1000) {
      out->status = InternalError(fmt::format("常见密码表 {} 不完整", path.string()));
    }
    return out;
  }();
  return *list;
}

// Words a password must not contain: each whole, and the longer parts of
// codes and user names ("330106-beishan" → "330106", "beishan"); a bureau's
// name also without the generic "市场监督管理局/所" ("杭州市西湖区").
std::vector<std::string> ContextWords(const PasswordContext& c) {
  std::vector<std::string> words;
  auto add = [&](std::string_view w) {
    std::string f = Fold(w);
    const bool ascii = std::all_of(f.begin(), f.end(),
                                   [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
    // At least 4 letters or digits, or 2 Chinese characters (6 bytes).
    if ((ascii && f.size() >= 4) || (!ascii && f.size() >= 6)) words.push_back(std::move(f));
  };
  auto add_with_parts = [&](std::string_view w) {
    add(w);
    size_t start = 0;
    for (size_t i = 0; i <= w.size(); ++i) {
      if (i == w.size() || w[i] == '-' || w[i] == '_' || w[i] == '.' || w[i] == '@') {
        if (i > start) add(w.substr(start, i - start));
        start = i + 1;
      }
    }
  };
  add_with_parts(c.username);
  add(c.display_name);
  for (const std::string& unit : c.units) {
    add_with_parts(unit);
    for (std::string_view generic : {"市场监督管理局", "市场监督管理所", "市场监管局", "分局"}) {
      if (unit.size() > generic.size() && std::string_view(unit).ends_with(generic)) {
        add(std::string_view(unit).substr(0, unit.size() - generic.size()));
      }
    }
  }
  return words;
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
  return CheckPasswordPolicy(password, PasswordContext{std::string(username), {}, {}}, field);
}

Status CheckPasswordPolicy(std::string_view password, const PasswordContext& context,
                           std::string_view field) {
  const std::string_view username = context.username;
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
  const std::string folded = Fold(password);
  for (const std::string& word : ContextWords(context)) {
    if (folded.find(word) != std::string::npos) {
      return InvalidArgumentError(
          "密码不能包含用户名、姓名或所在机构的名称、代码（含大小写、"
          "数字替换等简单变形）",
          f);
    }
  }
  const CommonPasswords& common = Common();
  RETURN_IF_ERROR(common.status);
  const std::string_view core = Core(password);
  if (common.exact.contains(AsciiLower(password)) || common.exact.contains(AsciiLower(core)) ||
      common.folded.contains(Fold(core)) || common.folded.contains(folded)) {
    return InvalidArgumentError(
        "这是常见的弱密码，或只是在常见密码前后加了数字、符号，请换一个不易猜到的密码", f);
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
