// SPDX-License-Identifier: MulanPSL-2.0
#include "inspection/config.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "codes/data_dir.h"
#include "common/csv.h"

namespace amr::inspection {
namespace {

using Rows = std::vector<std::vector<std::string>>;

StatusOr<Rows> ReadCsv(const std::filesystem::path& path, size_t columns) {
  std::ifstream in(path);
  if (!in) return InvalidArgumentError(fmt::format("无法读取 {}", path.string()), "file");
  CsvReader reader(in);
  std::vector<std::string> fields;
  Rows rows;
  bool header = true;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.Next(fields));
    if (!more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != columns) {
      return InvalidArgumentError(
          fmt::format("{} 第 {} 行应有 {} 列", path.filename().string(), reader.line(), columns),
          "file");
    }
    if (header) {
      header = false;
      continue;
    }
    rows.push_back(fields);
  }
  return rows;
}

StatusOr<double> Number(std::string_view text, std::string_view what) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || !(v >= 0 && v <= 1e6)) {
    return InvalidArgumentError(fmt::format("{} 不是有效数值：{}", what, text), "file");
  }
  return v;
}

}  // namespace

const ResultState* InspectionConfig::State(std::string_view id) const {
  for (const ResultState& s : states) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

StatusOr<InspectionConfig> LoadInspectionConfig(const std::filesystem::path& dir) {
  InspectionConfig config;
  ASSIGN_OR_RETURN(Rows ratios, ReadCsv(dir / "credit_ratios.csv", 5));
  std::array<bool, 4> seen{};
  for (const auto& r : ratios) {
    if (r[0].size() != 1 || r[0][0] < 'A' || r[0][0] > 'D') {
      return InvalidArgumentError("credit_ratios.csv：信用风险分类应为 A/B/C/D：" + r[0], "file");
    }
    CreditRatio c;
    c.credit_class = r[0][0];
    c.name = r[1];
    ASSIGN_OR_RETURN(c.ratio, Number(r[2], "ratio"));
    ASSIGN_OR_RETURN(c.min_ratio, Number(r[3], "min_ratio"));
    ASSIGN_OR_RETURN(c.max_ratio, Number(r[4], "max_ratio"));
    if (c.max_ratio > 1 || c.min_ratio > c.ratio || c.ratio > c.max_ratio) {
      return InvalidArgumentError(
          fmt::format("credit_ratios.csv：{} 类应满足 0 ≤ min_ratio ≤ ratio ≤ max_ratio ≤ 1",
                      c.credit_class),
          "file");
    }
    seen[c.credit_class - 'A'] = true;
    config.ratios[c.credit_class - 'A'] = c;
  }
  for (size_t i = 0; i < seen.size(); ++i) {
    if (!seen[i]) {
      return InvalidArgumentError(
          fmt::format("credit_ratios.csv 缺少 {} 类", static_cast<char>('A' + i)), "file");
    }
  }
  ASSIGN_OR_RETURN(Rows states, ReadCsv(dir / "result_states.csv", 4));
  for (const auto& r : states) {
    config.states.push_back({r[0], r[1], r[2] == "1", r[3] == "1"});
  }
  if (config.State("not_inspected") == nullptr) {
    return InvalidArgumentError("result_states.csv 缺少 not_inspected（未检查）", "file");
  }
  ASSIGN_OR_RETURN(Rows settings, ReadCsv(dir / "settings.csv", 2));
  for (const auto& r : settings) {
    if (r[0] == "result_deadline_workdays" || r[0] == "deadline_warning_workdays") {
      ASSIGN_OR_RETURN(double v, Number(r[1], r[0]));
      (r[0] == "result_deadline_workdays" ? config.result_deadline_workdays
                                          : config.deadline_warning_workdays) = static_cast<int>(v);
    } else if (r[0] == "milestone") {
      Milestone m;
      const std::string& v = r[1];
      if (v.size() < 7 || v[2] != '-' || v[5] != ':') {
        return InvalidArgumentError("settings.csv：milestone 应为 MM-DD:比例，如 06-30:0.5",
                                    "file");
      }
      m.month = std::atoi(v.substr(0, 2).c_str());
      m.day = std::atoi(v.substr(3, 2).c_str());
      ASSIGN_OR_RETURN(m.share, Number(v.substr(6), "milestone"));
      if (m.month < 1 || m.month > 12 || m.day < 1 || m.day > 31 || m.share > 1) {
        return InvalidArgumentError("settings.csv：milestone 日期或比例无效：" + v, "file");
      }
      config.milestones.push_back(m);
    } else {
      return InvalidArgumentError("settings.csv：未知设置 " + r[0], "file");
    }
  }
  return config;
}

const InspectionConfig& Config() {
  static const InspectionConfig config = [] {
    auto loaded = LoadInspectionConfig(codes::DataDir() / "inspection");
    if (!loaded.ok()) {
      std::fprintf(stderr, "无法加载 data/inspection：%s\n", loaded.status().message().c_str());
      std::abort();
    }
    return *loaded;
  }();
  return config;
}

}  // namespace amr::inspection
