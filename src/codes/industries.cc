// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/industries.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "codes/data_dir.h"
#include "codes/data_file.h"

namespace amr::codes {

namespace {

bool IsSectionCode(std::string_view s) { return s.size() == 1 && s[0] >= 'A' && s[0] <= 'Z'; }
bool IsDivisionCode(std::string_view s) {
  return s.size() == 2 && std::isdigit(static_cast<unsigned char>(s[0])) &&
         std::isdigit(static_cast<unsigned char>(s[1]));
}

std::vector<const Industry*> Sorted(std::vector<const Industry*> v) {
  std::sort(v.begin(), v.end(),
            [](const Industry* a, const Industry* b) { return a->code < b->code; });
  return v;
}

}  // namespace

StatusOr<IndustryTable> IndustryTable::LoadCsv(const std::filesystem::path& path) {
  ASSIGN_OR_RETURN(std::vector<internal::CsvRow> rows,
                   internal::ReadCsvTable(path, {"code", "name", "section"}));
  IndustryTable table;
  std::set<std::string, std::less<>> seen;
  for (internal::CsvRow& row : rows) {
    Industry industry{std::move(row.fields[0]), std::move(row.fields[1]), std::move(row.fields[2]),
                      IndustryLevel::kSection};
    if (industry.name.empty()) return internal::DataError(path, row.line, "名称为空");
    if (industry.section.empty()) {
      if (!IsSectionCode(industry.code)) {
        return internal::DataError(path, row.line,
                                   fmt::format("门类代码应为一个大写字母：“{}”", industry.code));
      }
    } else {
      industry.level = IndustryLevel::kDivision;
      if (!IsDivisionCode(industry.code)) {
        return internal::DataError(path, row.line,
                                   fmt::format("大类代码应为两位数字：“{}”", industry.code));
      }
      if (!IsSectionCode(industry.section) || !seen.contains(industry.section)) {
        return internal::DataError(
            path, row.line,
            fmt::format("大类 {} 所属门类“{}”未在前面列出", industry.code, industry.section));
      }
    }
    if (!seen.insert(industry.code).second) {
      return internal::DataError(path, row.line, fmt::format("代码 {} 重复", industry.code));
    }
    table.industries_.push_back(std::move(industry));
  }
  return table;
}

const Industry* IndustryTable::Find(std::string_view code) const {
  for (const Industry& industry : industries_) {
    if (industry.code == code) return &industry;
  }
  return nullptr;
}

std::vector<const Industry*> IndustryTable::Sections() const {
  std::vector<const Industry*> out;
  for (const Industry& i : industries_) {
    if (i.level == IndustryLevel::kSection) out.push_back(&i);
  }
  return Sorted(std::move(out));
}

std::vector<const Industry*> IndustryTable::Divisions() const {
  std::vector<const Industry*> out;
  for (const Industry& i : industries_) {
    if (i.level == IndustryLevel::kDivision) out.push_back(&i);
  }
  return Sorted(std::move(out));
}

std::vector<const Industry*> IndustryTable::DivisionsOf(std::string_view section) const {
  std::vector<const Industry*> out;
  for (const Industry& i : industries_) {
    if (i.level == IndustryLevel::kDivision && i.section == section) out.push_back(&i);
  }
  return Sorted(std::move(out));
}

const IndustryTable& Industries() {
  static const IndustryTable* const table = [] {
    const std::filesystem::path path = DataDir() / "industries.csv";
    StatusOr<IndustryTable> loaded = IndustryTable::LoadCsv(path);
    if (!loaded.ok()) internal::DieForMissingData(path, loaded.status());
    return new IndustryTable(std::move(loaded).value());
  }();
  return *table;
}

}  // namespace amr::codes
