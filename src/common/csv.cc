// SPDX-License-Identifier: MulanPSL-2.0
#include "common/csv.h"

#include <fmt/format.h>

namespace amr {

StatusOr<bool> CsvReader::Next(std::vector<std::string>& fields) {
  fields.clear();
  std::string line;
  if (!std::getline(in_, line)) return false;
  record_line_ = next_line_++;
  // A UTF-8 byte order mark, as spreadsheet programs write it.
  if (record_line_ == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
  std::string field;
  size_t i = 0;
  while (true) {
    field.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) {
          // The quoted field continues on the next physical line.
          std::string more;
          if (!std::getline(in_, more)) {
            return InvalidArgumentError(fmt::format("第 {} 行：引号未闭合", record_line_), "line");
          }
          ++next_line_;
          line += '\n';
          line += more;
          continue;
        }
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += line[i++];
      }
      if (i < line.size() && line[i] == '\r' && i + 1 == line.size()) ++i;
      if (i < line.size() && line[i] != ',') {
        return InvalidArgumentError(fmt::format("第 {} 行：引号后出现多余字符", record_line_),
                                    "line");
      }
    } else {
      size_t end = line.find(',', i);
      if (end == std::string::npos) end = line.size();
      field.assign(line, i, end - i);
      i = end;
      if (i == line.size() && !field.empty() && field.back() == '\r') field.pop_back();
    }
    fields.push_back(field);
    if (i >= line.size()) break;
    ++i;  // Skip the comma.
    if (i == line.size()) {
      fields.emplace_back();
      break;
    }
  }
  return true;
}

void AppendCsvField(std::string_view field, std::string& out) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string CsvRecord(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendCsvField(fields[i], out);
  }
  out.push_back('\n');
  return out;
}

}  // namespace amr
