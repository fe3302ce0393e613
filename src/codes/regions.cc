// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/regions.h"

#include <fmt/format.h>

#include <algorithm>
#include <span>

#include "codes/data_dir.h"
#include "codes/data_file.h"

namespace amr::codes {

namespace {

// Pseudo-cities of 统计用区划代码: groupings, not places (see regions.h).
constexpr std::string_view kMunicipalGroups[] = {"市辖区", "县"};
constexpr std::string_view kDirectGroups[] = {"省直辖县级行政区划", "自治区直辖县级行政区划"};

bool Contains(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool IsMunicipalGroup(const Region& r) {
  return r.level == RegionLevel::kCity && Contains(kMunicipalGroups, r.name);
}
bool IsDirectGroup(const Region& r) {
  return r.level == RegionLevel::kCity && Contains(kDirectGroups, r.name);
}

bool IsSixDigits(std::string_view s) {
  return s.size() == 6 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

StatusOr<RegionLevel> ParseLevel(std::string_view text) {
  if (text == "province") return RegionLevel::kProvince;
  if (text == "city") return RegionLevel::kCity;
  if (text == "county") return RegionLevel::kCounty;
  return InvalidArgumentError(fmt::format("级别应为 province、city 或 county，收到“{}”", text));
}

}  // namespace

StatusOr<RegionTable> RegionTable::LoadCsv(const std::filesystem::path& path) {
  ASSIGN_OR_RETURN(std::vector<internal::CsvRow> rows,
                   internal::ReadCsvTable(path, {"code", "name", "parent_code", "level"}));
  std::vector<std::pair<Region, size_t>> parsed;  // with its line, for messages
  parsed.reserve(rows.size());
  for (internal::CsvRow& row : rows) {
    Region region{std::move(row.fields[0]), std::move(row.fields[1]), std::move(row.fields[2]),
                  RegionLevel::kProvince};
    StatusOr<RegionLevel> level = ParseLevel(row.fields[3]);
    if (!level.ok()) return internal::DataError(path, row.line, level.status().message());
    region.level = *level;
    if (!IsSixDigits(region.code)) {
      return internal::DataError(path, row.line,
                                 fmt::format("区划代码应为 6 位数字：“{}”", region.code));
    }
    if (region.name.empty()) return internal::DataError(path, row.line, "名称为空");
    if ((region.level == RegionLevel::kProvince) != region.parent_code.empty()) {
      return internal::DataError(path, row.line, "只有省级区划没有上级代码");
    }
    parsed.emplace_back(std::move(region), row.line);
  }
  // Code order, whatever the file's order.
  std::stable_sort(parsed.begin(), parsed.end(),
                   [](const auto& a, const auto& b) { return a.first.code < b.first.code; });
  RegionTable table;
  std::vector<size_t> lines;
  for (auto& [region, line] : parsed) {
    if (!table.by_code_.emplace(region.code, table.regions_.size()).second) {
      return internal::DataError(path, line, fmt::format("区划代码 {} 重复", region.code));
    }
    table.regions_.push_back(std::move(region));
    lines.push_back(line);
  }
  for (size_t i = 0; i < table.regions_.size(); ++i) {
    const Region& region = table.regions_[i];
    if (region.level == RegionLevel::kProvince) {
      table.children_[""].push_back(i);
      continue;
    }
    const Region* parent = table.Find(region.parent_code);
    const RegionLevel expected =
        region.level == RegionLevel::kCity ? RegionLevel::kProvince : RegionLevel::kCity;
    if (parent == nullptr || parent->level != expected) {
      return internal::DataError(
          path, lines[i],
          fmt::format("{} 的上级代码 {} 不存在或级别不对", region.code, region.parent_code));
    }
    table.children_[region.parent_code].push_back(i);
  }
  return table;
}

const Region* RegionTable::Find(std::string_view code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &regions_[it->second];
}

std::vector<const Region*> RegionTable::Chain(std::string_view code) const {
  std::vector<const Region*> chain;
  for (const Region* r = Find(code); r != nullptr; r = Find(r->parent_code)) {
    chain.push_back(r);
    if (r->parent_code.empty()) break;
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

std::string RegionTable::ChainName(std::string_view code) const {
  std::string name;
  for (const Region* r : Chain(code)) {
    if (IsPseudoCity(*r)) continue;
    if (!name.empty()) name += ' ';
    name += r->name;
  }
  return name;
}

std::vector<const Region*> RegionTable::Children(std::string_view code) const {
  std::vector<const Region*> out;
  auto it = children_.find(code);
  if (it == children_.end()) return out;
  out.reserve(it->second.size());
  for (size_t i : it->second) out.push_back(&regions_[i]);
  return out;
}

bool RegionTable::IsPseudoCity(const Region& region) const {
  return IsMunicipalGroup(region) || IsDirectGroup(region);
}

bool RegionTable::IsMunicipality(const Region& province) const {
  const std::vector<const Region*> kids = Children(province.code);
  return !kids.empty() && std::all_of(kids.begin(), kids.end(),
                                      [](const Region* r) { return IsMunicipalGroup(*r); });
}

const Region* RegionTable::AuthorityCity(std::string_view code) const {
  const Region* region = Find(code);
  if (region == nullptr) return nullptr;
  switch (region->level) {
    case RegionLevel::kProvince:
      return IsMunicipality(*region) ? region : nullptr;
    case RegionLevel::kCity:
      if (IsMunicipalGroup(*region)) return Find(region->parent_code);
      if (IsDirectGroup(*region)) return nullptr;
      return region;
    case RegionLevel::kCounty: {
      const Region* city = Find(region->parent_code);
      if (IsMunicipalGroup(*city)) return Find(city->parent_code);
      if (IsDirectGroup(*city)) return region;
      return city;
    }
  }
  return nullptr;
}

const RegionTable& Regions() {
  static const RegionTable* const table = [] {
    const std::filesystem::path path = DataDir() / "regions.csv";
    StatusOr<RegionTable> loaded = RegionTable::LoadCsv(path);
    if (!loaded.ok()) internal::DieForMissingData(path, loaded.status());
    return new RegionTable(std::move(loaded).value());
  }();
  return *table;
}

}  // namespace amr::codes
