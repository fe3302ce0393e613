// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/data_file.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "common/csv.h"

namespace amr::codes::internal {

Status DataError(const std::filesystem::path& path, size_t line, std::string_view what) {
  return InvalidArgumentError(
      fmt::format("数据文件 {} 第 {} 行：{}", path.filename().string(), line, what));
}

StatusOr<std::vector<CsvRow>> ReadCsvTable(const std::filesystem::path& path,
                                           std::initializer_list<std::string_view> columns) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(fmt::format("无法打开数据文件 {}", path.string()));
  CsvReader reader(in);
  std::vector<CsvRow> rows;
  std::vector<std::string> fields;
  bool header_seen = false;
  while (true) {
    StatusOr<bool> more = reader.Next(fields);
    if (!more.ok()) {
      return InvalidArgumentError(
          fmt::format("数据文件 {}：{}", path.filename().string(), more.status().message()));
    }
    if (!*more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;  // A blank line.
    if (!header_seen) {
      if (!std::equal(fields.begin(), fields.end(), columns.begin(), columns.end())) {
        return DataError(path, reader.line(), fmt::format("表头应为“{}”", fmt::join(columns, ",")));
      }
      header_seen = true;
      continue;
    }
    if (fields.size() != columns.size()) {
      return DataError(path, reader.line(),
                       fmt::format("应有 {} 列，实有 {} 列", columns.size(), fields.size()));
    }
    rows.push_back(CsvRow{reader.line(), fields});
  }
  if (!header_seen) return DataError(path, 1, "文件为空");
  return rows;
}

void DieForMissingData(const std::filesystem::path& path, const Status& status) {
  std::fprintf(stderr,
               "OpenAMR 无法加载数据文件 %s：%s\n"
               "请确认数据目录正确（可用环境变量 AMR_DATA_DIR 指定），"
               "或用 scripts/gen-data 重新生成。\n",
               path.string().c_str(), status.message().c_str());
  std::abort();
}

}  // namespace amr::codes::internal
