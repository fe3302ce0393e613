// SPDX-License-Identifier: MulanPSL-2.0
// The editable settings of 双随机、一公开 (data/inspection/): the credit-class
// ratio table, the result states, the result deadline and the milestones.
// DOMAIN.md §5 marks the national ratios as unpublished and the 20-working-day
// result deadline as unverified, so all of it is data an administrator edits,
// not code.
//
// Thread-safety: an InspectionConfig is an immutable value; Config() loads
// once and is thread-safe.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace amr::inspection {

// One row of credit_ratios.csv: the default sampling ratio of a credit risk
// class and the band a task's ratio must keep to (A ≤5%, B 5–20% … in the
// local example of DOMAIN.md §5).
struct CreditRatio {
  char credit_class = 'A';
  std::string name;
  double ratio = 0;
  double min_ratio = 0;
  double max_ratio = 1;
};

// One row of result_states.csv (DOMAIN.md §5 result states).
struct ResultState {
  std::string id;    // "no_problem"
  std::string name;  // "未发现问题"
  bool completed = false;
  bool problem = false;
};

struct Milestone {
  int month = 0;
  int day = 0;
  double share = 0;  // of a plan's tasks completed by that date
};

struct InspectionConfig {
  std::array<CreditRatio, 4> ratios;  // A, B, C, D
  std::vector<ResultState> states;
  int result_deadline_workdays = 20;
  int deadline_warning_workdays = 5;
  std::vector<Milestone> milestones;

  // nullptr if unknown.
  const ResultState* State(std::string_view id) const;
  const CreditRatio& Ratio(char credit_class) const { return ratios[credit_class - 'A']; }
};

// Reads credit_ratios.csv, result_states.csv and settings.csv from `dir`.
// InvalidArgument naming the file and line for any malformed row.
StatusOr<InspectionConfig> LoadInspectionConfig(const std::filesystem::path& dir);

// The process-wide configuration from DataDir()/"inspection", loaded on first
// use. Prints the reason and aborts if it cannot be loaded (like Calendar()).
const InspectionConfig& Config();

}  // namespace amr::inspection
