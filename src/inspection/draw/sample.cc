// SPDX-License-Identifier: MulanPSL-2.0
// Ratios and stratified sampling without replacement (docs/draw-spec.md §4).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "inspection/draw/draw.h"
#include "inspection/draw/internal/shuffle.h"

namespace amr::inspection {

namespace {

constexpr uint64_t kMillion = 1'000'000;

// "0.05" → 50000; "1" → 1000000. At most 6 fractional digits, value ≤ 1.
StatusOr<uint32_t> ParseRatioValue(std::string_view text, char cls) {
  auto bad = [&] {
    return InvalidArgumentError(
        fmt::format("{} 类抽查比例“{}”无效：须为 0 到 1 之间的小数（至多 6 位小数），如 0.05",
                    std::string(1, cls), text),
        "ratio");
  };
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  auto digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || whole.size() > 7 || !digits(whole) || !digits(frac) ||
      (dot != std::string_view::npos && frac.empty())) {
    return bad();
  }
  uint64_t value = 0;
  for (char c : whole) value = value * 10 + static_cast<uint64_t>(c - '0');
  if (value > 1) {
    return InvalidArgumentError(
        fmt::format("{} 类抽查比例 {} 超出范围：须在 0 到 1 之间", std::string(1, cls), text),
        "ratio");
  }
  value *= kMillion;
  uint64_t scale = kMillion / 10;
  for (size_t i = 0; i < frac.size(); ++i) {
    if (i >= 6) {
      if (frac[i] != '0') return bad();
      continue;
    }
    value += static_cast<uint64_t>(frac[i] - '0') * scale;
    scale /= 10;
  }
  if (value > kMillion) {
    return InvalidArgumentError(
        fmt::format("{} 类抽查比例 {} 超出范围：须在 0 到 1 之间", std::string(1, cls), text),
        "ratio");
  }
  return static_cast<uint32_t>(value);
}

// The pool index j of each stratum-local rank, for the sorted selected ranks.
// ranks[c] ascending; the output ascending by pool index.
std::vector<size_t> RanksToPoolIndices(std::span<const PoolEntry> pool,
                                       const std::array<std::vector<uint64_t>, 4>& ranks) {
  size_t total = 0;
  for (const auto& r : ranks) total += r.size();
  std::vector<size_t> out;
  out.reserve(total);
  std::array<uint64_t, 4> seen{};
  std::array<size_t, 4> next{};
  for (size_t i = 0; i < pool.size() && out.size() < total; ++i) {
    int c = CreditClassIndex(pool[i].credit_class);
    auto cu = static_cast<size_t>(c);
    if (next[cu] < ranks[cu].size() && ranks[cu][next[cu]] == seen[cu]) {
      out.push_back(i);
      ++next[cu];
    }
    ++seen[cu];
  }
  return out;
}

}  // namespace

StatusOr<Ratios> Ratios::Parse(std::string_view text) {
  Ratios ratios;
  std::array<bool, 4> given{};
  std::string_view rest = text;
  while (true) {
    size_t comma = rest.find(',');
    std::string_view part = rest.substr(0, comma);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    size_t eq = part.find('=');
    int c = eq == 1 ? CreditClassIndex(part[0]) : -1;
    if (c < 0) {
      return InvalidArgumentError(
          fmt::format("抽查比例“{}”格式错误：应为“A=0.05,B=0.1,C=0.3,D=0.8”，类别为 A、B、C、D",
                      part),
          "ratio");
    }
    auto cu = static_cast<size_t>(c);
    if (given[cu]) {
      return InvalidArgumentError(fmt::format("{} 类抽查比例重复给出", part.substr(0, 1)), "ratio");
    }
    given[cu] = true;
    ASSIGN_OR_RETURN(ratios.ppm[cu], ParseRatioValue(part.substr(eq + 1), part[0]));
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  for (size_t c = 0; c < 4; ++c) {
    if (!given[c]) {
      return InvalidArgumentError(
          fmt::format("缺少 {} 类抽查比例：A、B、C、D 四类都须给出（不抽查的类别写 0）",
                      std::string(1, kCreditClasses[c])),
          "ratio");
    }
  }
  return ratios;
}

StatusOr<Ratios> Ratios::FromFractions(double a, double b, double c, double d) {
  Ratios ratios;
  const std::array<double, 4> values = {a, b, c, d};
  for (size_t i = 0; i < 4; ++i) {
    if (!(values[i] >= 0.0 && values[i] <= 1.0)) {
      return InvalidArgumentError(fmt::format("{} 类抽查比例 {} 超出范围：须在 0 到 1 之间",
                                              std::string(1, kCreditClasses[i]), values[i]),
                                  "ratio");
    }
    ratios.ppm[i] = static_cast<uint32_t>(std::llround(values[i] * static_cast<double>(kMillion)));
  }
  return ratios;
}

std::string Ratios::ToString() const {
  std::string out;
  for (size_t c = 0; c < 4; ++c) {
    if (c > 0) out += ',';
    out += kCreditClasses[c];
    out += '=';
    out += std::to_string(ppm[c] / kMillion);
    uint32_t frac = static_cast<uint32_t>(ppm[c] % kMillion);
    if (frac != 0) {
      std::string digits = fmt::format("{:06d}", frac);
      while (digits.back() == '0') digits.pop_back();
      out += '.';
      out += digits;
    }
  }
  return out;
}

namespace {

// SampleStrata on a pool already checked.
StatusOr<std::vector<size_t>> SampleChecked(std::span<const PoolEntry> pool,
                                            const std::array<uint64_t, 4>& sizes,
                                            const Ratios& ratios, DrawStream& stream) {
  for (size_t c = 0; c < 4; ++c) {
    if (ratios.ppm[c] > kMillion) {
      return InvalidArgumentError(
          fmt::format("{} 类抽查比例超出范围：须在 0 到 1 之间", std::string(1, kCreditClasses[c])),
          "ratio");
    }
  }
  std::array<std::vector<uint64_t>, 4> ranks;
  for (size_t c = 0; c < 4; ++c) {
    const uint64_t n = sizes[c];
    const uint64_t scaled = n * ratios.ppm[c];
    const uint64_t rem = scaled % kMillion;
    const uint64_t k = scaled / kMillion + (stream.Uniform(kMillion) < rem ? 1 : 0);
    ranks[c] = internal::PartialShuffle(n, k, stream);
    std::sort(ranks[c].begin(), ranks[c].end());
  }
  return RanksToPoolIndices(pool, ranks);
}

}  // namespace

StatusOr<std::vector<size_t>> SampleStrata(std::span<const PoolEntry> pool, const Ratios& ratios,
                                           DrawStream& stream) {
  std::array<uint64_t, 4> sizes;
  RETURN_IF_ERROR(internal::CheckPoolAndCount(pool, sizes));
  return SampleChecked(pool, sizes, ratios, stream);
}

StatusOr<SampleResult> DrawSample(std::string_view task_id, std::span<const PoolEntry> pool,
                                  const Ratios& ratios, std::string_view entropy,
                                  DrawStream* stream_out) {
  std::array<uint64_t, 4> sizes;
  RETURN_IF_ERROR(internal::CheckPoolAndCount(pool, sizes));
  SampleResult result;
  result.pool_hash = PoolHash(pool);
  result.seed = DrawSeed(task_id, result.pool_hash, entropy);
  DrawStream stream(result.seed);
  ASSIGN_OR_RETURN(result.selected, SampleChecked(pool, sizes, ratios, stream));
  if (stream_out != nullptr) *stream_out = stream;
  return result;
}

}  // namespace amr::inspection
