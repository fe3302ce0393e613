// SPDX-License-Identifier: MulanPSL-2.0
#include "export/json_export.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <utility>

#include "common/clock.h"

namespace amr::exports {
namespace {

using nlohmann::json;

// The value at `pointer`, or null when the pointer is malformed or absent.
const json& At(const json& item, const std::string& pointer) {
  static const json kNull;
  if (pointer.empty()) return item;
  try {
    json::json_pointer p(pointer);
    return item.contains(p) ? item.at(p) : kNull;
  } catch (const json::exception&) {
    return kNull;
  }
}

std::string ScalarText(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "是" : "否";
  if (v.is_null()) return "";
  return v.dump();
}

XlsxCell Cell(const json& v) {
  if (v.is_null()) return std::monostate{};
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return std::string(v.get<bool>() ? "是" : "否");
  if (v.is_number()) return v.get<double>();
  if (v.is_array()) {
    std::string joined;
    for (const json& e : v) {
      if (e.is_structured()) continue;
      if (!joined.empty()) joined += "、";
      joined += ScalarText(e);
    }
    return joined;
  }
  return v.dump();
}

http::Response XlsxAnswer(const http::Response& answer, const JsonExport& spec) {
  json body = json::parse(answer.body, nullptr, false);
  if (body.is_discarded()) {
    return http::Response::Error(InternalError("列表的应答不是 JSON，无法导出"));
  }
  auto table = TableFromJson(body, spec);
  if (!table.ok()) return http::Response::Error(table.status());
  auto bytes = RenderXlsx(*table);
  if (!bytes.ok()) return http::Response::Error(bytes.status());
  http::Response r = http::Response::Text(std::move(*bytes), std::string(kXlsxContentType));
  r.headers.emplace_back("Content-Disposition", AttachmentDisposition(spec.filename));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace

JsonColumn Field(std::string title, std::string pointer, double width) {
  return {std::move(title), width,
          [pointer = std::move(pointer)](const json& item) { return Cell(At(item, pointer)); }};
}

JsonColumn Labeled(std::string title, std::string pointer,
                   std::map<std::string, std::string, std::less<>> labels, double width) {
  return {std::move(title), width,
          [pointer = std::move(pointer), labels = std::move(labels)](const json& item) -> XlsxCell {
            const json& v = At(item, pointer);
            if (!v.is_string()) return Cell(v);
            auto it = labels.find(v.get<std::string>());
            return it == labels.end() ? v.get<std::string>() : it->second;
          }};
}

JsonColumn Time(std::string title, std::string pointer, double width) {
  return {std::move(title), width, [pointer = std::move(pointer)](const json& item) -> XlsxCell {
            const json& v = At(item, pointer);
            if (!v.is_string()) return Cell(v);
            auto t = ParseTime(v.get<std::string>());
            if (!t.ok()) return v.get<std::string>();
            std::string china = FormatChinaTime(*t);  // 2026-12-04T16:32:05+08:00
            return china.substr(0, 10) + " " + china.substr(11, 5);
          }};
}

JsonColumn Joined(std::string title, std::string pointer, std::string member, double width) {
  return {std::move(title), width,
          [pointer = std::move(pointer), member = std::move(member)](const json& item) -> XlsxCell {
            const json& list = At(item, pointer);
            if (!list.is_array()) return Cell(list);
            std::string joined;
            for (const json& e : list) {
              const std::string text = ScalarText(e.is_object() ? At(e, "/" + member) : e);
              if (text.empty()) continue;
              if (!joined.empty()) joined += "、";
              joined += text;
            }
            return joined;
          }};
}

JsonColumn Computed(std::string title, double width,
                    std::function<XlsxCell(const nlohmann::json& item)> value) {
  return {std::move(title), width, std::move(value)};
}

StatusOr<XlsxTable> TableFromJson(const json& answer, const JsonExport& spec) {
  const json& items = At(answer, spec.items_pointer);
  if (!items.is_array()) {
    return InvalidArgumentError(fmt::format("应答中 {} 不是列表，无法导出", spec.items_pointer),
                                "format");
  }
  XlsxTable table;
  std::string sheet = spec.filename;
  if (auto dot = sheet.rfind('.'); dot != std::string::npos) sheet.resize(dot);
  table.sheet_name = sheet.empty() ? "Sheet1" : sheet;
  table.title = spec.title;
  for (const JsonColumn& c : spec.columns) table.columns.push_back({c.title, c.width});
  for (const json& item : items) {
    if (!item.is_object()) {
      return InvalidArgumentError("列表的条目不是对象，无法导出", "format");
    }
    std::vector<XlsxCell> row;
    row.reserve(spec.columns.size());
    for (const JsonColumn& c : spec.columns) row.push_back(c.value(item));
    table.rows.push_back(std::move(row));
  }
  const json& total = At(answer, "/total");
  table.note =
      total.is_number_integer() && total.get<int64_t>() > static_cast<int64_t>(items.size())
          ? fmt::format("共 {} 条符合条件，本表为其中 {} 条；请缩小查询范围后再导出。",
                        total.get<int64_t>(), items.size())
          : fmt::format("共 {} 条。", items.size());
  return table;
}

http::Handler WithXlsxExport(http::Handler handler, JsonExport spec) {
  return WithXlsxExport(std::move(handler),
                        ExportFor([spec = std::move(spec)](const http::Request&) { return spec; }));
}

http::Handler WithXlsxExport(http::Handler handler, ExportFor spec) {
  return [handler = std::move(handler), spec = std::move(spec)](http::Request& req) {
    const std::optional<std::string> format = req.Query("format");
    if (!format || *format == "json") return handler(req);
    if (*format != "xlsx") {
      return http::Response::Error(
          InvalidArgumentError(fmt::format("导出格式只能是 xlsx，收到“{}”", *format), "format"));
    }
    req.query.erase("format");
    auto columns = spec(req);
    if (!columns.ok()) return http::Response::Error(columns.status());
    http::Response answer = handler(req);
    if (answer.status != 200) return answer;
    return XlsxAnswer(answer, *columns);
  };
}

}  // namespace amr::exports
