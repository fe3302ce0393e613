// SPDX-License-Identifier: MulanPSL-2.0
#include "names/name_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "codes/data_dir.h"
#include "codes/regions.h"
#include "common/csv.h"
#include "common/text.h"

namespace amr::names {
namespace {

StatusOr<std::vector<std::vector<std::string>>> ReadList(const std::filesystem::path& path,
                                                         std::vector<std::string> header) {
  std::ifstream in(path);
  if (!in) return NotFoundError(fmt::format("找不到名称词表 {}", path.string()), "data");
  CsvReader reader(in);
  std::vector<std::string> fields;
  std::vector<std::vector<std::string>> rows;
  ASSIGN_OR_RETURN(bool any, reader.Next(fields));
  if (!any || fields != header) {
    return InvalidArgumentError(
        fmt::format("{} 第 1 行：表头应为 {}", path.string(), fmt::join(header, ",")), "data");
  }
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.Next(fields));
    if (!more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != header.size() || fields[0].empty()) {
      return InvalidArgumentError(fmt::format("{} 第 {} 行：应有 {} 列且首列不为空", path.string(),
                                              reader.line(), header.size()),
                                  "data");
    }
    fields[0] = FoldText(fields[0]);
    rows.push_back(fields);
  }
  return rows;
}

bool IsHan(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

// Byte offsets of the code-point boundaries of `s`, including 0 and size().
std::vector<size_t> Boundaries(std::string_view s) {
  std::vector<size_t> out;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  }
  out.push_back(s.size());
  return out;
}

constexpr std::string_view kRegionSuffixes[] = {
    "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县",
    "地区",         "省",         "市",         "区",         "县",     "盟",     "旗"};

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

}  // namespace

std::string_view VerdictId(Verdict verdict) {
  switch (verdict) {
    case Verdict::kOk:
      return "ok";
    case Verdict::kSimilar:
      return "similar";
    case Verdict::kConflict:
      return "conflict";
    case Verdict::kProhibited:
      return "prohibited";
    case Verdict::kInvalid:
      return "invalid";
  }
  return "invalid";
}

bool SameIndustryForArt17(std::string_view a, std::string_view b) {
  return a.empty() || b.empty() || a == b;
}

StatusOr<NameWords> NameWords::Load(const std::filesystem::path& dir) {
  NameWords w;
  ASSIGN_OR_RETURN(auto forms, ReadList(dir / "org_forms.csv", {"form", "kind"}));
  for (auto& row : forms) w.forms_.emplace_back(row[0], row[1]);
  std::stable_sort(w.forms_.begin(), w.forms_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  ASSIGN_OR_RETURN(auto terms,
                   ReadList(dir / "industry_terms.csv", {"term", "synonym_group", "division"}));
  for (auto& row : terms) {
    w.terms_[row[0]] = IndustryTerm{row[0], row[1].empty() ? row[0] : row[1], row[2]};
    w.terms_by_length_.push_back(row[0]);
  }
  std::stable_sort(w.terms_by_length_.begin(), w.terms_by_length_.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  ASSIGN_OR_RETURN(auto prohibited, ReadList(dir / "prohibited.csv", {"word", "category"}));
  for (auto& row : prohibited) w.prohibited_.emplace_back(row[0], row[1]);
  ASSIGN_OR_RETURN(auto restricted, ReadList(dir / "restricted.csv", {"word", "rule"}));
  for (auto& row : restricted) w.restricted_.emplace_back(row[0], row[1]);

  const auto readings_path = dir / "readings.tsv";
  std::ifstream in(readings_path);
  if (!in) return NotFoundError(fmt::format("找不到读音表 {}", readings_path.string()), "data");
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    auto cps = DecodeUtf8(std::string_view(line).substr(0, tab));
    if (tab == std::string::npos || cps.size() != 1) {
      return InvalidArgumentError(
          fmt::format("{} 第 {} 行：应为 字<TAB>读音", readings_path.string(), line_no), "data");
    }
    std::istringstream words(line.substr(tab + 1));
    std::vector<std::string>& out = w.readings_[cps[0]];
    for (std::string r; words >> r;) out.push_back(r);
  }

  for (const codes::Region& r : codes::Regions().All()) {
    if (codes::Regions().IsPseudoCity(r)) continue;
    const std::string name = FoldText(r.name);
    w.regions_.emplace(name, r.code);
    for (std::string_view suffix : kRegionSuffixes) {
      if (EndsWith(name, suffix)) {
        std::string stem = name.substr(0, name.size() - suffix.size());
        if (Utf8Length(stem) >= 2) w.regions_.emplace(stem, r.code);
        break;
      }
    }
  }
  for (const auto& [name, code] : w.regions_) {
    w.max_region_bytes_ = std::max(w.max_region_bytes_, name.size());
  }
  return w;
}

const IndustryTerm* NameWords::FindTerm(std::string_view folded_term) const {
  auto it = terms_.find(std::string(folded_term));
  return it == terms_.end() ? nullptr : &it->second;
}

bool NameWords::IsRegionName(std::string_view text) const {
  return regions_.count(std::string(text)) > 0;
}

StatusOr<NameParts> NameWords::Parse(std::string_view folded) const {
  NameParts p;
  std::string body(folded);
  if (body.empty()) return InvalidArgumentError("名称不能为空", "name");
  // 组织形式: the longest listed form the name ends with.
  for (const auto& [form, kind] : forms_) {
    if (EndsWith(body, form) && body.size() > form.size()) {
      p.form = form;
      p.form_kind = kind;
      body.resize(body.size() - form.size());
      break;
    }
  }
  if (p.form.empty()) {
    return InvalidArgumentError("名称缺少组织形式（如 有限公司、个人独资企业、店）", "name");
  }
  if (p.form_kind == "branch") {
    // 某某科技有限公司西湖分公司: the 字号 is the parent's; cut at the parent's form.
    for (const auto& [form, kind] : forms_) {
      if (kind != "company") continue;
      if (size_t at = body.rfind(form); at != std::string::npos && at > 0) {
        body.resize(at);
        break;
      }
    }
  }
  // 行政区划 as a prefix, possibly several levels ("浙江省杭州市").
  std::vector<std::pair<std::string, std::string>> stripped;  // name, code
  for (bool more = true; more;) {
    more = false;
    const auto b = Boundaries(body);
    for (size_t i = b.size() - 1; i > 0; --i) {
      if (b[i] > max_region_bytes_) continue;
      auto it = regions_.find(body.substr(0, b[i]));
      if (it != regions_.end()) {
        stripped.emplace_back(it->first, it->second);
        body.erase(0, b[i]);
        more = !body.empty();
        break;
      }
    }
  }
  // "杭州宁波科技有限公司": the last region stands where the 字号 should.
  if (stripped.size() >= 2 && (body.empty() || FindTerm(body) != nullptr)) {
    body = stripped.back().first + body;
    stripped.pop_back();
  }
  for (const auto& [name, code] : stripped) {
    p.region += name;
    p.region_code = code;
  }
  // …or bracketed after the 字号: 某某（杭州）科技.
  if (p.region.empty()) {
    const size_t open = body.find('(');
    const size_t close = open == std::string::npos ? open : body.find(')', open);
    if (close != std::string::npos) {
      auto it = regions_.find(body.substr(open + 1, close - open - 1));
      if (it != regions_.end()) {
        p.region = it->first;
        p.region_code = it->second;
        body.erase(open, close - open + 1);
      }
    }
  }
  if (body.empty()) {
    return InvalidArgumentError("字号不能使用县级以上行政区划名称，且不能缺少字号", "name");
  }
  // 行业或经营特点: the longest listed term the rest ends with.
  for (const std::string& term : terms_by_length_) {
    if (EndsWith(body, term)) {
      if (body.size() == term.size()) {
        return InvalidArgumentError(fmt::format("缺少字号：“{}”是行业或经营特点用语", term),
                                    "name");
      }
      const IndustryTerm& t = terms_.at(term);
      p.industry = t.term;
      p.industry_group = t.group;
      p.division = t.division;
      body.resize(body.size() - term.size());
      break;
    }
  }
  p.trade_name = body;
  const auto cps = DecodeUtf8(p.trade_name);
  if (cps.size() < 2) {
    return InvalidArgumentError(fmt::format("字号“{}”应由两个以上汉字组成", p.trade_name), "name");
  }
  for (char32_t c : cps) {
    if (!IsHan(c)) {
      return InvalidArgumentError(
          fmt::format("字号“{}”只能使用规范汉字，不能含字母、数字或符号", p.trade_name), "name");
    }
  }
  if (IsRegionName(p.trade_name)) {
    return InvalidArgumentError(fmt::format("字号“{}”不能使用县级以上行政区划名称", p.trade_name),
                                "name");
  }
  if (FindTerm(p.trade_name) != nullptr) {
    return InvalidArgumentError(fmt::format("字号“{}”不能使用行业或经营特点用语", p.trade_name),
                                "name");
  }
  return p;
}

NameCheck NameWords::CheckWords(std::string_view name) const {
  NameCheck check;
  check.folded = FoldText(name);
  auto parts = Parse(check.folded);
  if (parts.ok()) check.parts = *parts;
  for (const auto& [word, category] : prohibited_) {
    if (check.folded.find(word) != std::string::npos) {
      check.verdict = Verdict::kProhibited;
      check.hits.push_back({"", "", std::string(rule::kProhibited) + ":" + category,
                            fmt::format("名称含禁用内容“{}”（{}）", word, category)});
    }
  }
  for (const auto& [word, text] : restricted_) {
    if (StartsWith(check.folded, word) || (parts.ok() && StartsWith(parts->trade_name, word))) {
      check.hits.push_back({"", "", std::string(rule::kRestrictedPrefix),
                            fmt::format("名称以限用词“{}”开头：{}", word, text)});
    }
  }
  if (check.verdict == Verdict::kOk && !parts.ok()) {
    check.verdict = Verdict::kInvalid;
    check.reason = parts.status().message();
  }
  return check;
}

std::vector<std::string> NameWords::PinyinKeys(std::string_view trade_name) const {
  constexpr size_t kMaxKeys = 64;
  std::vector<std::string> keys = {""};
  for (char32_t c : DecodeUtf8(trade_name)) {
    auto it = readings_.find(c);
    std::vector<std::string> next;
    if (it == readings_.end() || it->second.empty()) {
      std::string self;
      AppendUtf8(c, self);
      for (std::string& k : keys) next.push_back(k + self + " ");
    } else {
      for (const std::string& k : keys) {
        for (const std::string& r : it->second) {
          if (next.size() >= kMaxKeys) break;
          next.push_back(k + r + " ");
        }
      }
    }
    keys = std::move(next);
  }
  for (std::string& k : keys) {
    if (!k.empty()) k.pop_back();
  }
  return keys;
}

const NameWords& Words() {
  static const NameWords* words = [] {
    const auto dir = codes::DataDir() / "names";
    auto loaded = NameWords::Load(dir);
    if (!loaded.ok()) {
      std::fprintf(stderr, "无法读取名称词表 %s：%s\n", dir.string().c_str(),
                   loaded.status().message().c_str());
      std::abort();
    }
    return new NameWords(std::move(*loaded));
  }();
  return *words;
}

}  // namespace amr::names
