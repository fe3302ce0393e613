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
//   industry_terms.csv  term,synonym_group,industry_code 行业或经营特点, synonyms
//   settings.csv        key,value                  the readings the law leaves open
// and ../industry_classes.csv (GB/T 4754-2017 小类: code,name,division), whose
// class names are industry terms too (each its own group, its class code).
//   prohibited.csv      word,category,match         禁用内容 → verdict prohibited
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
inline constexpr std::string_view kRestrictedInside = "restricted_inside";
inline constexpr std::string_view kArt17 = "art17_identical_trade_name";
inline constexpr std::string_view kReordered = "similar_reordered";
inline constexpr std::string_view kRegionOrFormOnly = "similar_region_or_form_only";
inline constexpr std::string_view kSynonymIndustry = "similar_synonym_industry";
inline constexpr std::string_view kSameSection = "similar_same_section";
inline constexpr std::string_view kHomophone = "similar_homophone";
inline constexpr std::string_view kContainment = "similar_containment";
}  // namespace rule

struct NameParts {
  std::string region;          // as written, folded ("杭州", "杭州市"); may be empty
  std::string region_code;     // the region it names, if any
  std::string trade_name;      // 字号, folded
  std::string industry;        // 行业或经营特点 term, folded; may be empty
  std::string industry_group;  // its synonym group
  std::string industry_code;   // its GB/T 4754 code (section, division, group or class), if any
  std::string section;         // the GB/T 4754 section (门类) of that code, if any
  std::string form;            // 组织形式, folded
  std::string form_kind;       // company, branch, partnership, individual, …
};

struct NameHit {
  std::string name;  // the other name ("" for word rules)
  std::string uscc;  // its USCC ("" for reservations and word rules)
  std::string rule;  // a rule:: identifier
  std::string message;
  bool ended = false;  // an entity's name that has ended (注销, 撤销 or changed) and still blocks
};

struct NameCheck {
  Verdict verdict = Verdict::kOk;
  std::string folded;
  NameParts parts;
  std::vector<NameHit> hits;
  // Hits on the names of related entities that the relation exempts
  // (ApplyRelations); shown, never counted in the verdict.
  std::vector<NameHit> exempted;
  std::string reason;  // for invalid: which rule is broken (Chinese)
};

// 企业名称登记管理规定 (2020): the relations under which another entity's name
// or 字号 is no conflict for this one.
enum class NameRelation {
  kParent,       // Art. 13: a branch (分支机构) bears the name of the company it belongs to
  kInvestment,   // Art. 15: an investment relationship, either way; Art. 17 (二)(三)
  kAuthorised,   // Art. 15: authorised by the other entity to use its name (a document)
  kTransferred,  // Art. 17 (二): the name was transferred to it (受让, a document)
  kPredecessor,  // 个转企: the individual business this enterprise continues
};
std::string_view NameRelationId(NameRelation relation);    // "parent", "investment", …
std::string_view NameRelationName(NameRelation relation);  // "隶属企业", "投资关系", …
// The id; InvalidArgument naming `field` otherwise.
StatusOr<NameRelation> ParseNameRelation(std::string_view id, std::string_view field);

struct RelatedEntity {
  std::string uscc;
  NameRelation relation = NameRelation::kInvestment;
};

// Whether `relation` exempts a hit on the related entity's name: a live name
// under Arts. 13 and 15 (every relation), an ended one still blocking under
// Art. 17 (二)(三) only for investment and transfer (and 个转企's own name);
// never a parent's ended name (a branch bears the parent's current name).
bool RelationExempts(NameRelation relation, bool other_ended);

// Moves every hit on the name of an entity in `related` that its relation
// exempts into check.exempted, its message saying why, and recomputes the
// verdict (conflict while an Art. 17 hit remains, similar while any hit
// remains, else ok). Word-rule hits and reservations are never exempted.
void ApplyRelations(NameCheck& check, const std::vector<RelatedEntity>& related);

struct IndustryTerm {
  std::string term, group;
  std::string code;     // GB/T 4754 code: section letter, division, group or class; may be empty
  std::string section;  // 门类 letter of `code`; empty when `code` is
};

// What "the same industry" of 企业名称登记管理规定 Art. 17 means, a setting
// (settings.csv key art17_same_industry) because the regulation does not say:
//   kGroup: the terms are in one synonym group (industry_terms.csv).
//   kClass: the strict reading, the default: one synonym group, or the same
//           GB/T 4754 code (a class, or the group/division a broad term maps to).
enum class IndustryMatch { kGroup, kClass };

struct NameSettings {
  IndustryMatch art17_same_industry = IndustryMatch::kClass;
  // The one length limit of a name, in characters (settings.csv
  // max_name_chars): the check, reservations, registration and name changes
  // all apply it through CheckLength. At most 66, so that the 200-byte text
  // limit of the submission forms never refuses a name first.
  size_t max_name_chars = 50;
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
  // prohibited, similar or ok.
  // 企业名称登记管理规定 Art. 12: a name led by 中国/中华/中央/全国/国家
  // (restricted.csv; also a 字号 led by one after the region) needs the State
  // Council's approval: without `approval_document` the verdict is invalid;
  // with it, similar (a registrar decides; never instant approval). Inside a
  // name such a word may only qualify the industry: ending the 字号 is invalid.
  NameCheck CheckWords(std::string_view name, std::string_view approval_document = {}) const;

  // InvalidArgument (field "name") for text that is not UTF-8 or longer than
  // settings().max_name_chars characters; the same test everywhere a name is submitted.
  Status CheckLength(std::string_view name) const;

  // Every pinyin spelling of `trade_name` (readings combined, at most 64, the
  // first readings first); characters without a reading stand for themselves.
  std::vector<std::string> PinyinKeys(std::string_view trade_name) const;

  // The industry term, or nullptr.
  const IndustryTerm* FindTerm(std::string_view folded_term) const;

  // 企业名称登记管理规定 Art. 17: whether two industry terms (folded, as
  // parsed; "" = the name has none) are the same industry. A name without an
  // industry term covers every industry; otherwise as settings().art17_same_industry.
  bool SameIndustryForArt17(std::string_view a, std::string_view b) const;
  // The GB/T 4754 section (门类) of a code ("C" for "3525", "" if unknown).
  static std::string SectionOf(std::string_view industry_code);

  const NameSettings& settings() const { return settings_; }
  // Identifies the lists and settings loaded (a hash of the data files): a
  // snapshot of the name index records it and is rebuilt when it differs.
  const std::string& fingerprint() const { return fingerprint_; }
  // For tests of a setting: the same words with other settings.
  NameWords WithSettingsForTest(NameSettings settings) const;
  // Whether `text` is a region name (any level, with or without suffix).
  bool IsRegionName(std::string_view text) const;

  // 企业名称登记管理规定 Art. 7: the region of a name is the registration
  // authority's own area or one above it. InvalidArgument (field "name")
  // naming both otherwise; OK for a name without a region.
  static Status CheckRegionForAuthority(const NameParts& parts, std::string_view authority_region6);

 private:
  NameWords() = default;
  std::vector<std::pair<std::string, std::string>> forms_;  // folded form, kind; longest first
  std::unordered_map<std::string, IndustryTerm> terms_;
  std::vector<std::string> terms_by_length_;  // longest first
  struct RegionName {
    std::string code;
    bool full;  // the full name ("西湖区"), not the short one ("西湖")
  };
  // folded name (full or short) -> every region so named, in code order
  std::unordered_map<std::string, std::vector<RegionName>> regions_;
  size_t max_region_bytes_ = 0;
  struct Prohibited {
    std::string word, category;
    bool anywhere;  // match column: "anywhere" (substring) or "word" (on the parser's parts)
  };
  std::vector<Prohibited> prohibited_;
  std::vector<std::pair<std::string, std::string>> restricted_;  // word, rule text
  std::unordered_map<char32_t, std::vector<std::string>> readings_;
  NameSettings settings_;
  std::string fingerprint_;
};

// The process-wide lists from codes::DataDir()/"names", loaded on first use;
// aborts with a message if they are missing or malformed.
const NameWords& Words();

}  // namespace amr::names
