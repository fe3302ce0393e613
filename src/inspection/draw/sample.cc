// SPDX-License-Identifier: MulanPSL-2.0
// Ratios and stratified sampling without replacement (docs/draw-spec.md §4).
#include <fmt/format.h>

#include <algorithm>
#include <bit>
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

// The selected pool positions: a bitmap over the pool, read in ascending order
// (no sort, whatever the order in which the strata select).
class Selection {
 public:
  explicit Selection(size_t pool_size) : words_((pool_size + 63) / 64, 0) {}

  void Add(uint32_t position) {
    words_[position / 64] |= uint64_t{1} << (position % 64);
    ++count_;
  }

  std::vector<size_t> Ascending() const {
    std::vector<size_t> out;
    out.reserve(count_);
    for (size_t w = 0; w < words_.size(); ++w) {
      for (uint64_t bits = words_[w]; bits != 0; bits &= bits - 1) {
        out.push_back(w * 64 + static_cast<size_t>(std::countr_zero(bits)));
      }
    }
    return out;
  }

 private:
  std::vector<uint64_t> words_;
  size_t count_ = 0;
};

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

Status CheckRatios(const Ratios& ratios) {
  for (size_t c = 0; c < 4; ++c) {
    if (ratios.ppm[c] > kMillion) {
      return InvalidArgumentError(
          fmt::format("{} 类抽查比例超出范围：须在 0 到 1 之间", std::string(1, kCreditClasses[c])),
          "ratio");
    }
  }
  return OkStatus();
}

}  // namespace

StatusOr<std::vector<size_t>> SampleStrata(const CheckedPool& pool, const Ratios& ratios,
                                           DrawStream& stream) {
  RETURN_IF_ERROR(CheckRatios(ratios));
  Selection selection(pool.size());
  for (size_t c = 0; c < 4; ++c) {
    const std::span<const uint32_t> stratum = pool.stratum(c);
    const uint64_t n = stratum.size();
    const uint64_t scaled = n * ratios.ppm[c];
    const uint64_t rem = scaled % kMillion;
    const uint64_t k = scaled / kMillion + (stream.Uniform(kMillion) < rem ? 1 : 0);
    const std::vector<uint64_t> ranks = internal::PartialShuffle(n, k, stream);
    constexpr size_t kAhead = 16;  // the ranks are spread over the stratum: fetch ahead
    for (size_t r = 0; r < ranks.size(); ++r) {
      if (r + kAhead < ranks.size()) __builtin_prefetch(&stratum[ranks[r + kAhead]]);
      selection.Add(stratum[ranks[r]]);
    }
  }
  return selection.Ascending();
}

StatusOr<std::vector<size_t>> SampleStrata(std::span<const PoolEntry> pool, const Ratios& ratios,
                                           DrawStream& stream) {
  ASSIGN_OR_RETURN(CheckedPool checked, CheckedPool::Check(pool));
  return SampleStrata(checked, ratios, stream);
}

StatusOr<SampleResult> DrawSample(std::string_view task_id, const CheckedPool& pool,
                                  const Ratios& ratios, std::string_view entropy,
                                  DrawStream* stream_out) {
  SampleResult result;
  result.pool_hash = pool.hash();
  result.seed = DrawSeed(task_id, result.pool_hash, entropy);
  DrawStream stream(result.seed);
  ASSIGN_OR_RETURN(result.selected, SampleStrata(pool, ratios, stream));
  if (stream_out != nullptr) *stream_out = stream;
  return result;
}

StatusOr<SampleResult> DrawSample(std::string_view task_id, std::span<const PoolEntry> pool,
                                  const Ratios& ratios, std::string_view entropy,
                                  DrawStream* stream_out) {
  ASSIGN_OR_RETURN(CheckedPool checked, CheckedPool::Check(pool));
  return DrawSample(task_id, checked, ratios, entropy, stream_out);
}

}  // namespace amr::inspection
