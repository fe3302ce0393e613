// SPDX-License-Identifier: MulanPSL-2.0
// 名称自主申报: the word rules of an enterprise name, without any store.
//
// A name is 行政区划 + 字号 + 行业或经营特点 + 组织形式 (the region may be omitted
// or bracketed after the 字号: "某某（杭州）科技有限公司"; the industry term may be
// omitted). Every comparison works on FoldText() output (full-width to
// half-width, traditional to simplified), so "（" and "(" are the same.
//
// The word lists live in data/names/ (see data/README.md) and are editable:
//   org_forms.csv       form,kind                  组织形式, longest match wins
//   industry_terms.csv  term,synonym_group,division 行业或经营特点 and synonyms
//   prohibited.csv      word,category               禁用内容 → verdict prohibited
//   restricted.csv      word,rule                   限用词 as a prefix → a hit
//   readings.tsv        字<TAB>pinyin …             every Mandarin reading (Unihan)
// Region names come from codes::Regions(), with and without their suffix.
//
// Thread-safety: a NameWords is immutable after Load; concurrent reads are safe.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace amr::names {

enum class Verdict { kOk, kSimilar, kConflict, kProhibited, kInvalid };
// "ok", "similar", "conflict", "prohibited", "invalid".
std::string_view VerdictId(Verdict verdict);

// Rule identifiers carried by hits (docs/names.md lists them).
namespace rule {
inline constexpr std::string_view kProhibited = "prohibited";  // + ":" + category
inline constexpr std::string_view kRestrictedPrefix = "restricted_prefix";
inline constexpr std::string_view kArt17 = "art17_identical_trade_name";
inline constexpr std::string_view kReordered = "similar_reordered";
inline constexpr std::string_view kRegionOrFormOnly = "similar_region_or_form_only";
inline constexpr std::string_view kSynonymIndustry = "similar_synonym_industry";
inline constexpr std::string_view kHomophone = "similar_homophone";
inline constexpr std::string_view kContainment = "similar_containment";
}  // namespace rule

struct NameParts {
  std::string region;          // as written, folded ("杭州", "杭州市"); may be empty
  std::string region_code;     // the region it names, if any
  std::string trade_name;      // 字号, folded
  std::string industry;        // 行业或经营特点 term, folded; may be empty
  std::string industry_group;  // its synonym group
  std::string division;        // its GB/T 4754 division, if the list gives one
  std::string form;            // 组织形式, folded
  std::string form_kind;       // company, branch, partnership, individual, …
};

struct NameHit {
  std::string name;  // the other name ("" for word rules)
  std::string uscc;  // its USCC ("" for reservations and word rules)
  std::string rule;  // a rule:: identifier
  std::string message;
};

struct NameCheck {
  Verdict verdict = Verdict::kOk;
  std::string folded;
  NameParts parts;
  std::vector<NameHit> hits;
  std::string reason;  // for invalid: which rule is broken (Chinese)
};

struct IndustryTerm {
  std::string term, group, division;
};

class NameWords {
 public:
  // Loads the files above from `dir` (normally DataDir()/"names"). NotFound or
  // InvalidArgument naming the file and line.
  static StatusOr<NameWords> Load(const std::filesystem::path& dir);

  // Splits a folded name into its parts. InvalidArgument (field "name") whose
  // message names the broken structural rule (no 组织形式, 字号 too short, not
  // Chinese characters, a region name or industry term as 字号).
  StatusOr<NameParts> Parse(std::string_view folded) const;

  // Parse plus the prohibited and restricted word lists: verdict invalid,
  // prohibited or ok (restricted words are hits, not a verdict).
  NameCheck CheckWords(std::string_view name) const;

  // Every pinyin spelling of `trade_name` (readings combined, at most 64, the
  // first readings first); characters without a reading stand for themselves.
  std::vector<std::string> PinyinKeys(std::string_view trade_name) const;

  // The industry term, or nullptr.
  const IndustryTerm* FindTerm(std::string_view folded_term) const;
  // Whether `text` is a region name (any level, with or without suffix).
  bool IsRegionName(std::string_view text) const;

 private:
  NameWords() = default;
  std::vector<std::pair<std::string, std::string>> forms_;  // folded form, kind; longest first
  std::unordered_map<std::string, IndustryTerm> terms_;
  std::vector<std::string> terms_by_length_;              // longest first
  std::unordered_map<std::string, std::string> regions_;  // folded name -> code
  size_t max_region_bytes_ = 0;
  std::vector<std::pair<std::string, std::string>> prohibited_;  // word, category
  std::vector<std::pair<std::string, std::string>> restricted_;  // word, rule text
  std::unordered_map<char32_t, std::vector<std::string>> readings_;
};

// The process-wide lists from codes::DataDir()/"names", loaded on first use;
// aborts with a message if they are missing or malformed.
const NameWords& Words();

// Whether two terms count as the same industry for Art. 17: equal, or either
// empty (a name without an industry term covers every industry).
bool SameIndustryForArt17(std::string_view a, std::string_view b);

}  // namespace amr::names
