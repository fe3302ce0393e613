// SPDX-License-Identifier: MulanPSL-2.0
// The pool, its canonical text and hash, and the seed (docs/draw-spec.md §1–2).
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "inspection/draw/draw.h"
#include "inspection/draw/internal/shuffle.h"

namespace amr::inspection {

namespace {

constexpr size_t kMaxKeyBytes = 64;

bool ValidKey(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyBytes) return false;
  bool ok = true;
  for (char c : key) {
    const auto u = static_cast<unsigned char>(c);
    ok &= (u >= 0x21) & (u <= 0x7E) & (c != ',');
  }
  return ok;
}

Status CheckEntry(const PoolEntry& e) {
  if (!ValidKey(e.uscc)) {
    return InvalidArgumentError(
        fmt::format("抽查对象库中的对象标识“{}”无效：须为 1 至 64 个可见 ASCII 字符且不含逗号",
                    e.uscc),
        "pool");
  }
  if (CreditClassIndex(e.credit_class) < 0) {
    return InvalidArgumentError(
        fmt::format("抽查对象 {} 的信用风险分类“{}”无效：须为 A、B、C、D 之一", e.uscc,
                    std::string(1, e.credit_class)),
        "pool");
  }
  return OkStatus();
}

std::string Hex(const unsigned char* bytes, size_t n) {
  std::string out(2 * n, '\0');
  sodium_bin2hex(out.data(), out.size() + 1, bytes, n);
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

void AppendLength(crypto_hash_sha256_state* state, std::string_view field) {
  unsigned char len[8];
  uint64_t n = field.size();
  for (int i = 7; i >= 0; --i) {
    len[i] = static_cast<unsigned char>(n & 0xFF);
    n >>= 8;
  }
  crypto_hash_sha256_update(state, len, sizeof(len));
  crypto_hash_sha256_update(state, reinterpret_cast<const unsigned char*>(field.data()),
                            field.size());
}

}  // namespace

int CreditClassIndex(char credit_class) {
  switch (credit_class) {
    case 'A':
      return 0;
    case 'B':
      return 1;
    case 'C':
      return 2;
    case 'D':
      return 3;
    default:
      return -1;
  }
}

Status CheckPool(std::span<const PoolEntry> pool) {
  std::array<uint64_t, 4> sizes;
  return internal::CheckPoolAndCount(pool, sizes);
}

Status internal::CheckPoolAndCount(std::span<const PoolEntry> pool,
                                   std::array<uint64_t, 4>& sizes) {
  sizes = {};
  if (pool.empty()) {
    return InvalidArgumentError("抽查对象库为空：没有符合条件的抽查对象，无法抽取", "pool");
  }
  for (size_t i = 0; i < pool.size(); ++i) {
    RETURN_IF_ERROR(CheckEntry(pool[i]));
    ++sizes[static_cast<size_t>(CreditClassIndex(pool[i].credit_class))];
    if (i > 0 && !(pool[i - 1].uscc < pool[i].uscc)) {
      if (pool[i - 1].uscc == pool[i].uscc) {
        return InvalidArgumentError(fmt::format("抽查对象 {} 在对象库中重复出现", pool[i].uscc),
                                    "pool");
      }
      return InvalidArgumentError(fmt::format("抽查对象库未按标识升序排列：{} 排在 {} 之后",
                                              pool[i].uscc, pool[i - 1].uscc),
                                  "pool");
    }
  }
  return OkStatus();
}

StatusOr<CheckedPool> CheckedPool::Check(std::span<const PoolEntry> pool) {
  if (pool.size() > std::numeric_limits<uint32_t>::max()) {
    return InvalidArgumentError(fmt::format("抽查对象库过大：{} 个对象，至多 {} 个", pool.size(),
                                            std::numeric_limits<uint32_t>::max()),
                                "pool");
  }
  std::array<uint64_t, 4> sizes;
  RETURN_IF_ERROR(internal::CheckPoolAndCount(pool, sizes));
  CheckedPool checked(pool);
  checked.hash_ = PoolHash(pool);
  for (size_t c = 0; c < 4; ++c) checked.strata_[c].reserve(sizes[c]);
  for (size_t i = 0; i < pool.size(); ++i) {
    const auto c = static_cast<size_t>(CreditClassIndex(pool[i].credit_class));
    checked.strata_[c].push_back(static_cast<uint32_t>(i));
  }
  return checked;
}

StatusOr<std::vector<PoolEntry>> CanonicalPool(std::vector<PoolEntry> entries) {
  std::sort(entries.begin(), entries.end(),
            [](const PoolEntry& a, const PoolEntry& b) { return a.uscc < b.uscc; });
  RETURN_IF_ERROR(CheckPool(entries));
  return entries;
}

StatusOr<std::vector<PoolEntry>> ParsePool(std::string_view text) {
  std::vector<PoolEntry> entries;
  size_t line_no = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line = Trim(line);
    if (line.empty() || line.front() == '#') continue;
    size_t comma = line.find(',');
    if (comma == std::string_view::npos) {
      return InvalidArgumentError(
          fmt::format("抽查对象库第 {} 行格式错误：应为“对象标识,信用风险分类”", line_no), "pool");
    }
    std::string_view key = Trim(line.substr(0, comma));
    std::string_view cls = Trim(line.substr(comma + 1));
    PoolEntry entry{std::string(key), cls.size() == 1 ? cls[0] : '\0'};
    if (cls.size() != 1 || CreditClassIndex(cls[0]) < 0) {
      return InvalidArgumentError(
          fmt::format("抽查对象库第 {} 行信用风险分类“{}”无效：须为 A、B、C、D 之一", line_no, cls),
          "pool");
    }
    if (!ValidKey(key)) {
      return InvalidArgumentError(
          fmt::format(
              "抽查对象库第 {} 行对象标识“{}”无效：须为 1 至 64 个可见 ASCII 字符且不含逗号",
              line_no, key),
          "pool");
    }
    entries.push_back(std::move(entry));
  }
  return CanonicalPool(std::move(entries));
}

std::string CanonicalPoolText(std::span<const PoolEntry> pool) {
  std::string text;
  for (const PoolEntry& e : pool) {
    text += e.uscc;
    text += ',';
    text += e.credit_class;
    text += '\n';
  }
  return text;
}

std::string PoolHash(std::span<const PoolEntry> pool) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::string buffer;
  constexpr size_t kChunk = 1 << 16;
  buffer.reserve(kChunk + kMaxKeyBytes + 3);
  for (const PoolEntry& e : pool) {
    buffer += e.uscc;
    buffer += ',';
    buffer += e.credit_class;
    buffer += '\n';
    if (buffer.size() >= kChunk) {
      crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                                buffer.size());
      buffer.clear();
    }
  }
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                            buffer.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return Hex(digest, sizeof(digest));
}

Seed DrawSeed(std::string_view task_id, std::string_view pool_hash_hex, std::string_view entropy) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  AppendLength(&state, task_id);
  AppendLength(&state, pool_hash_hex);
  AppendLength(&state, entropy);
  Seed seed;
  crypto_hash_sha256_final(&state, seed.data());
  return seed;
}

std::string SeedHex(const Seed& seed) { return Hex(seed.data(), seed.size()); }

StatusOr<Seed> SeedFromHex(std::string_view hex) {
  Seed seed;
  size_t written = 0;
  const char* end = nullptr;
  if (hex.size() != 2 * seed.size() ||
      sodium_hex2bin(seed.data(), seed.size(), hex.data(), hex.size(), nullptr, &written, &end) !=
          0 ||
      written != seed.size() || end != hex.data() + hex.size()) {
    return InvalidArgumentError("种子须为 64 位十六进制数字", "seed");
  }
  return seed;
}

}  // namespace amr::inspection
