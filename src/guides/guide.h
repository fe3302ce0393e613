// SPDX-License-Identifier: MulanPSL-2.0
// 办事指南: the guide shown beside a form of the portal (basis, who may apply,
// conditions, steps, time limit, fee, contact), from data/guides/guides.json,
// which the bureau edits. No SQL, no HTTP.
//
// Thread-safety: a GuideBook is an immutable value.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/status.h"

namespace amr::guides {

struct Guide {
  std::string id;
  std::string title;
  std::vector<std::string> basis;
  std::string who;
  std::vector<std::string> conditions;
  std::vector<std::string> steps;
  std::string time_limit;
  std::string fee;
  std::string contact;
  std::string updated_on;  // YYYY-MM-DD
};

class GuideBook {
 public:
  // Checks every guide (ids of [a-z_], 1–40; every text field present, valid
  // UTF-8, bounded; updated_on a date). InvalidArgument naming the guide and
  // field otherwise.
  static StatusOr<GuideBook> Parse(const nlohmann::json& document);
  // Reads and parses the file (Internal when it cannot be read).
  static StatusOr<GuideBook> Load(const std::filesystem::path& file);

  const Guide* Find(std::string_view id) const;
  const std::map<std::string, Guide, std::less<>>& guides() const { return guides_; }

 private:
  std::map<std::string, Guide, std::less<>> guides_;
};

nlohmann::json GuideJson(const Guide& guide);

}  // namespace amr::guides
