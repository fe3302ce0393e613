// SPDX-License-Identifier: MulanPSL-2.0
#include "names/name_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "codes/data_dir.h"
#include "codes/industries.h"
#include "codes/regions.h"
#include "common/csv.h"
#include "common/text.h"

namespace amr::names {
namespace {

// What the parsed parts of a name depend on: every file of the word lists,
// the GB/T 4754 classes and divisions and the region table (FNV-1a of their
// bytes, by file name). A snapshot of the index (name_snapshot.h) parsed
// with other lists is not used.
std::string DataFingerprint(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& f : std::filesystem::directory_iterator(dir, ec)) files.push_back(f.path());
  std::sort(files.begin(), files.end());
  for (const char* shared : {"industry_classes.csv", "industries.csv", "regions.csv"}) {
    files.push_back(dir.parent_path() / shared);
  }
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](std::string_view bytes) {
    for (unsigned char c : bytes) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  };
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    mix(f.filename().string());
    mix(in ? std::string(std::istreambuf_iterator<char>(in), {}) : std::string("-"));
  }
  return fmt::format("{:016x}", h);
}

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

// Whether region `code` lies within region `outer` (strictly below it).
bool IsWithin(std::string_view code, std::string_view outer) {
  const auto chain = codes::Regions().Chain(code);
  for (size_t i = 0; i + 1 < chain.size(); ++i) {
    if (chain[i]->code == outer) return true;
  }
  return false;
}
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

std::string NameWords::SectionOf(std::string_view code) {
  if (code.empty()) return "";
  if (code.size() == 1) return codes::Industries().Find(code) != nullptr ? std::string(code) : "";
  const codes::Industry* division = codes::Industries().Find(code.substr(0, 2));
  return division == nullptr ? "" : division->section;
}

bool NameWords::SameIndustryForArt17(std::string_view a, std::string_view b) const {
  if (a.empty() || b.empty() || a == b) return true;
  const IndustryTerm* x = FindTerm(a);
  const IndustryTerm* y = FindTerm(b);
  if (x == nullptr || y == nullptr) return false;
  // 企业名称登记管理规定 Art. 17: the same industry by meaning, not by wording.
  if (x->group == y->group) return true;
  return settings_.art17_same_industry == IndustryMatch::kClass && !x->code.empty() &&
         x->code == y->code;
}

NameWords NameWords::WithSettingsForTest(NameSettings settings) const {
  NameWords copy = *this;
  copy.settings_ = settings;
  copy.fingerprint_ =
      fmt::format("{}/{}/{}", fingerprint_, static_cast<int>(settings.art17_same_industry),
                  settings.max_name_chars);
  return copy;
}

StatusOr<NameWords> NameWords::Load(const std::filesystem::path& dir) {
  NameWords w;
  ASSIGN_OR_RETURN(auto forms, ReadList(dir / "org_forms.csv", {"form", "kind"}));
  for (auto& row : forms) w.forms_.emplace_back(row[0], row[1]);
  std::stable_sort(w.forms_.begin(), w.forms_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  // GB/T 4754-2017 classes: every class name is an industry term of its own
  // (its own group), so 金属切削机床制造 is not swallowed into the 字号.
  const auto classes_path = dir.parent_path() / "industry_classes.csv";
  ASSIGN_OR_RETURN(auto classes, ReadList(classes_path, {"code", "name", "division"}));
  std::unordered_map<std::string, bool> known_codes;  // classes and their groups
  std::vector<std::pair<std::string, std::string>> class_terms;
  for (auto& row : classes) {
    if (row[0].size() != 4 || codes::Industries().Find(row[2]) == nullptr ||
        row[0].substr(0, 2) != row[2]) {
      return InvalidArgumentError(
          fmt::format("{}：小类代码“{}”与大类“{}”不符", classes_path.string(), row[0], row[2]),
          "data");
    }
    known_codes[row[0]] = true;
    known_codes[row[0].substr(0, 3)] = true;
    const std::string name = FoldText(row[1]);
    // Names that are lists (、 ，) or residual classes (其他…, …未列明…) are no term.
    if (name.find("、") != std::string::npos || name.find(',') != std::string::npos ||
        name.find('(') != std::string::npos || StartsWith(name, "其他") ||
        name.find("未列明") != std::string::npos || name.find("未包括") != std::string::npos) {
      continue;
    }
    class_terms.emplace_back(name, row[0]);
  }
  ASSIGN_OR_RETURN(
      auto terms, ReadList(dir / "industry_terms.csv", {"term", "synonym_group", "industry_code"}));
  for (auto& row : terms) {
    const std::string& code = row[2];
    if (!code.empty() && !known_codes.count(code) && codes::Industries().Find(code) == nullptr) {
      return InvalidArgumentError(
          fmt::format("industry_terms.csv：“{}”的行业代码“{}”不是国民经济行业分类代码", row[0],
                      code),
          "data");
    }
    w.terms_[row[0]] =
        IndustryTerm{row[0], row[1].empty() ? row[0] : row[1], code, SectionOf(code)};
    w.terms_by_length_.push_back(row[0]);
  }
  for (auto& [name, code] : class_terms) {
    if (w.terms_.count(name)) continue;  // the hand-kept list wins
    w.terms_[name] = IndustryTerm{name, name, code, SectionOf(code)};
    w.terms_by_length_.push_back(name);
  }
  std::stable_sort(w.terms_by_length_.begin(), w.terms_by_length_.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  ASSIGN_OR_RETURN(auto prohibited,
                   ReadList(dir / "prohibited.csv", {"word", "category", "match"}));
  for (auto& row : prohibited) {
    if (row[2] != "anywhere" && row[2] != "word") {
      return InvalidArgumentError(
          fmt::format("prohibited.csv：“{}”的 match 应为 anywhere 或 word", row[0]), "data");
    }
    w.prohibited_.push_back({row[0], row[1], row[2] == "anywhere"});
  }
  ASSIGN_OR_RETURN(auto restricted, ReadList(dir / "restricted.csv", {"word", "rule"}));
  for (auto& row : restricted) w.restricted_.emplace_back(row[0], row[1]);
  ASSIGN_OR_RETURN(auto settings, ReadList(dir / "settings.csv", {"key", "value"}));
  for (auto& row : settings) {
    // ReadList folds the key column (upper case); settings keys are lower case.
    if (row[0] == FoldText("art17_same_industry") && (row[1] == "group" || row[1] == "class")) {
      w.settings_.art17_same_industry =
          row[1] == "group" ? IndustryMatch::kGroup : IndustryMatch::kClass;
    } else if (row[0] == FoldText("max_name_chars")) {
      const int n = std::atoi(row[1].c_str());
      if (n < 10 || n > 66 || std::to_string(n) != row[1]) {
        return InvalidArgumentError("settings.csv：max_name_chars 应为 10 至 66 的整数", "data");
      }
      w.settings_.max_name_chars = static_cast<size_t>(n);
    } else {
      return InvalidArgumentError(
          fmt::format("settings.csv：未知的设置或取值 {}={}", row[0], row[1]), "data");
    }
  }

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
    w.regions_[name].push_back({r.code, true});
    for (std::string_view suffix : kRegionSuffixes) {
      if (EndsWith(name, suffix)) {
        std::string stem = name.substr(0, name.size() - suffix.size());
        if (Utf8Length(stem) >= 2) w.regions_[stem].push_back({r.code, false});
        break;
      }
    }
  }
  for (const auto& [name, codes] : w.regions_) {
    w.max_region_bytes_ = std::max(w.max_region_bytes_, name.size());
  }
  w.fingerprint_ = DataFingerprint(dir);
  return w;
}

Status NameWords::CheckRegionForAuthority(const NameParts& parts,
                                          std::string_view authority_region6) {
  if (parts.region_code.empty()) return OkStatus();
  for (const codes::Region* r : codes::Regions().Chain(authority_region6)) {
    if (r->code == parts.region_code) return OkStatus();
  }
  return InvalidArgumentError(
      fmt::format("名称中的行政区划“{}”不是登记机关所在地（{}）或其上级行政区划（企业名称登记管理"
                  "规定第七条）",
                  parts.region, codes::Regions().ChainName(authority_region6)),
      "name");
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
  // 合伙企业法 Arts. 15, 56, 62: a partnership shows its kind in brackets after
  // the form, whatever the form (…合伙企业（有限合伙）, …投资中心（有限合伙）,
  // …事务所（特殊普通合伙）): forms of kind partnership_kind.
  std::string partnership;
  for (const auto& [form, kind] : forms_) {
    if (kind == "partnership_kind" && EndsWith(body, form) && body.size() > form.size()) {
      partnership = form;
      body.resize(body.size() - form.size());
      break;
    }
  }
  // 组织形式: the longest listed form the name ends with.
  for (const auto& [form, kind] : forms_) {
    if (kind == "partnership_kind") continue;
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
  if (!partnership.empty()) {
    if (p.form_kind == "company" || p.form_kind == "branch") {
      return InvalidArgumentError(
          fmt::format("公司名称不能带“{}”：合伙企业才标明合伙类型", partnership), "name");
    }
    p.form += partnership;
    p.form_kind = "partnership";
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
  // 行政区划 as a prefix, possibly several levels ("浙江省杭州市"). 企业名称登记
  //管理规定 Art. 7: the levels nest, each within the one before. A short name
  // that does not nest, or a county's short name standing first, is no region
  // but the start of the 字号 (长安福特: 长安 is a district of 西安, not of 杭州);
  // a full name that does not nest is an error.
  std::vector<std::pair<std::string, std::string>> stripped;  // name, code
  for (bool more = true; more;) {
    more = false;
    const auto b = Boundaries(body);
    for (size_t i = b.size() - 1; i > 0; --i) {
      if (b[i] > max_region_bytes_) continue;
      auto it = regions_.find(body.substr(0, b[i]));
      if (it == regions_.end()) continue;
      const RegionName* chosen = nullptr;
      if (stripped.empty()) {
        for (const RegionName& r : it->second) {
          const codes::Region* region = codes::Regions().Find(r.code);
          if (r.full || (region != nullptr && region->level != codes::RegionLevel::kCounty)) {
            chosen = &r;
            break;
          }
        }
      } else {
        for (const RegionName& r : it->second) {
          if (IsWithin(r.code, stripped.back().second)) {
            chosen = &r;
            break;
          }
        }
        if (chosen == nullptr && std::any_of(it->second.begin(), it->second.end(),
                                             [](const RegionName& r) { return r.full; })) {
          return InvalidArgumentError(
              fmt::format("行政区划“{}”不属于“{}”：名称中的行政区划应依次从属（企业名称登记管理"
                          "规定第七条）",
                          it->first, stripped.back().first),
              "name");
        }
      }
      if (chosen == nullptr) continue;  // a shorter prefix may still be a region
      stripped.emplace_back(it->first, chosen->code);
      body.erase(0, b[i]);
      more = !body.empty();
      break;
    }
  }
  // Art. 7: a 市辖区 is named with its city before it (杭州市西湖区); an
  // individual business may use its county or district alone.
  if (!stripped.empty() && p.form_kind != "individual") {
    const codes::Region* first = codes::Regions().Find(stripped.front().second);
    if (first != nullptr && first->level == codes::RegionLevel::kCounty &&
        EndsWith(FoldText(first->name), "区") && !EndsWith(FoldText(first->name), "地区")) {
      return InvalidArgumentError(
          fmt::format("市辖区名称“{}”应冠以所属设区的市的名称（企业名称登记管理规定第七条）",
                      stripped.front().first),
          "name");
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
        p.region_code = it->second.front().code;
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
      p.industry_code = t.code;
      p.section = t.section;
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

Status NameWords::CheckLength(std::string_view name) const {
  if (!IsValidUtf8(name)) return InvalidArgumentError("名称不是有效的 UTF-8 文本", "name");
  if (Utf8Length(name) > settings_.max_name_chars) {
    return InvalidArgumentError(fmt::format("名称过长（至多 {} 个字符）", settings_.max_name_chars),
                                "name");
  }
  return OkStatus();
}

namespace {

// A word-matched prohibited word counts where it is one of the parser's
// words: inside the industry term or the 字号, starting or ending that part
// (美国风情, 新英国), never across two parts (华美 + 国际贸易) nor from the
// middle of a 字号 (旭日本色).
bool OnWordBoundary(const NameParts& parts, std::string_view word) {
  for (const std::string* part : {&parts.trade_name, &parts.industry}) {
    if (part->starts_with(word) || part->ends_with(word)) return true;
  }
  return false;
}

}  // namespace

NameCheck NameWords::CheckWords(std::string_view name, std::string_view approval_document) const {
  NameCheck check;
  check.folded = FoldText(name);
  auto parts = Parse(check.folded);
  if (parts.ok()) check.parts = *parts;
  // 企业名称登记管理规定 Art. 11: content a name may not have (items 3-5: 群团组织, 国际组织, 赌博
  // …).
  for (const Prohibited& p : prohibited_) {
    if (check.folded.find(p.word) == std::string::npos) continue;
    // An unparsed name is matched as text: it is refused either way.
    if (!p.anywhere && parts.ok() && !OnWordBoundary(*parts, p.word)) continue;
    check.verdict = Verdict::kProhibited;
    check.hits.push_back({"", "", std::string(rule::kProhibited) + ":" + p.category,
                          fmt::format("名称含禁用内容“{}”（{}）", p.word, p.category)});
  }
  std::string restricted_reason;
  bool approved_prefix = false;
  for (const auto& [word, text] : restricted_) {
    if (StartsWith(check.folded, word) || (parts.ok() && StartsWith(parts->trade_name, word))) {
      // Art. 12 para. 1: approval by the State Council, shown by its document.
      if (approval_document.empty()) {
        restricted_reason = fmt::format("名称冠以“{}”：{}，请附批准文件", word, text);
        check.hits.push_back({"", "", std::string(rule::kRestrictedPrefix),
                              fmt::format("名称以限用词“{}”开头：{}，未附批准文件", word, text)});
      } else {
        approved_prefix = true;
        check.hits.push_back(
            {"", "", std::string(rule::kRestrictedPrefix),
             fmt::format("名称以限用词“{}”开头，已附批准文件“{}”：由登记机关审查，不予即时办结",
                         word, approval_document)});
      }
    } else if (parts.ok() && parts->trade_name.ends_with(word)) {
      // Art. 12 para. 2: inside a name the word may only qualify the industry
      // (as part of the industry term), not end the 字号.
      restricted_reason = fmt::format(
          "名称中间使用“{}”的，该字词应当是行业限定语（企业名称登记管理规定第十二条）", word);
      check.hits.push_back({"", "", std::string(rule::kRestrictedInside), restricted_reason});
    }
  }
  if (check.verdict == Verdict::kOk && !parts.ok()) {
    check.verdict = Verdict::kInvalid;
    check.reason = parts.status().message();
  }
  if (check.verdict == Verdict::kOk && !restricted_reason.empty()) {
    check.verdict = Verdict::kInvalid;
    check.reason = restricted_reason;
  }
  if (check.verdict == Verdict::kOk && approved_prefix) check.verdict = Verdict::kSimilar;
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
