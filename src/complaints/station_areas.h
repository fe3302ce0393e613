// SPDX-License-Identifier: MulanPSL-2.0
// Which 市场监督管理所 receives a complaint about a business, from the 街道 or
// 镇 its registered address names (data/complaints/station_areas.csv,
// `unit_code,area`, kept by each bureau). No SQL: the store lists the
// county's stations, this picks one.
//
// Thread-safety: immutable after loading.
#pragma once

#include <istream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace amr::complaints {

class StationAreas {
 public:
  // InvalidArgument naming the line for a bad row or header.
  static StatusOr<StationAreas> FromCsv(std::istream& in);
  static const StationAreas& Default();  // aborts with the reason if unreadable

  // The code of the station, among `stations` (unit codes), whose area
  // `address` names; the longest area named wins (三墩镇 before 三墩). "" when
  // none does.
  std::string StationFor(std::string_view address, const std::vector<std::string>& stations) const;

 private:
  std::vector<std::pair<std::string, std::string>> areas_;  // (unit_code, area)
};

}  // namespace amr::complaints
