// SPDX-License-Identifier: MulanPSL-2.0
#include "complaints/station_areas.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "codes/data_dir.h"
#include "common/csv.h"

namespace amr::complaints {

StatusOr<StationAreas> StationAreas::FromCsv(std::istream& in) {
  CsvReader reader(in);
  std::vector<std::string> fields;
  ASSIGN_OR_RETURN(bool any, reader.Next(fields));
  if (!any || fields != std::vector<std::string>{"unit_code", "area"}) {
    return InvalidArgumentError("station_areas.csv 的表头应为 unit_code,area", "header");
  }
  StationAreas out;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.Next(fields));
    if (!more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != 2 || fields[0].empty() || fields[1].empty() || fields[1].size() > 60) {
      return InvalidArgumentError(
          fmt::format("station_areas.csv 第 {} 行应为 单位代码,街道或镇名", reader.line()), "area");
    }
    out.areas_.emplace_back(fields[0], fields[1]);
  }
  return out;
}

const StationAreas& StationAreas::Default() {
  static const StationAreas* areas = [] {
    const auto path = codes::DataDir() / "complaints" / "station_areas.csv";
    std::ifstream in(path, std::ios::binary);
    StatusOr<StationAreas> loaded =
        in ? FromCsv(in) : StatusOr<StationAreas>(NotFoundError("文件不存在"));
    if (!loaded.ok()) {
      std::fprintf(stderr, "无法读取 %s：%s\n", path.string().c_str(),
                   loaded.status().message().c_str());
      std::abort();
    }
    return new StationAreas(*std::move(loaded));
  }();
  return *areas;
}

std::string StationAreas::StationFor(std::string_view address,
                                     const std::vector<std::string>& stations) const {
  std::string best;
  size_t best_length = 0;
  for (const auto& [code, area] : areas_) {
    if (area.size() <= best_length) continue;
    if (std::find(stations.begin(), stations.end(), code) == stations.end()) continue;
    if (address.find(area) != std::string_view::npos) {
      best = code;
      best_length = area.size();
    }
  }
  return best;
}

}  // namespace amr::complaints
