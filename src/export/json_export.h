// SPDX-License-Identifier: MulanPSL-2.0
// "导出 Excel" for any list route: the same route, the same permission check
// and the same filters, answered as an .xlsx workbook when the request carries
// `format=xlsx`.
//
// A list route answers JSON such as {"items": [...]}. WithXlsxExport wraps its
// handler: with `format=xlsx` it runs the handler as usual (so the guard, the
// scope and every filter apply exactly as for the screen), then turns the
// items into a sheet with the columns of a JsonExport, the titles and values a
// clerk reads on the screen (Chinese state names, China times, names joined
// with "、"). Without it the handler answers as before.
//
// Thread-safety: the wrapped handler is as thread-safe as the one it wraps and
// the JsonExport's value functions.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "export/xlsx.h"
#include "http/router.h"

namespace amr::exports {

// One column: its title, width and how a cell comes from one item.
struct JsonColumn {
  std::string title;
  double width = 16.0;
  std::function<XlsxCell(const nlohmann::json& item)> value;
};

// The value at JSON pointer `pointer` ("/entity/name") of an item: a string as
// text, a number as a number, true/false as 是/否, an array of scalars joined
// with "、"; absent or null is an empty cell.
JsonColumn Field(std::string title, std::string pointer, double width = 16.0);
// A code shown by its name ("pending_review" → "待审核"); an unknown code as is.
JsonColumn Labeled(std::string title, std::string pointer,
                   std::map<std::string, std::string, std::less<>> labels, double width = 12.0);
// An RFC 3339 time shown in China time to the minute: "2026-12-04 16:32".
JsonColumn Time(std::string title, std::string pointer, double width = 18.0);
// The `member` of each object of the array at `pointer`, joined with "、"
// (the officers' names of a visit).
JsonColumn Joined(std::string title, std::string pointer, std::string member, double width = 20.0);
// Any other cell, computed from the whole item.
JsonColumn Computed(std::string title, double width,
                    std::function<XlsxCell(const nlohmann::json& item)> value);

struct JsonExport {
  std::string filename;  // "登记审核队列.xlsx"
  std::string title;     // the sheet's first row, e.g. "企业开办 登记审核队列"
  std::string items_pointer = "/items";  // where the rows are in the route's answer
  std::vector<JsonColumn> columns;
};

// The sheet of `answer`. InvalidArgument if `items_pointer` is not an array of
// objects (a wiring mistake, answered 400 rather than an empty file).
StatusOr<XlsxTable> TableFromJson(const nlohmann::json& answer, const JsonExport& spec);

// Decides the columns from the request (a library's columns depend on its kind).
using ExportFor = std::function<StatusOr<JsonExport>(const http::Request&)>;

// `handler`, answering `format=xlsx` with the workbook of what it answers. A
// non-200 answer (403, 404, 400 of a bad filter) is passed through unchanged;
// `format` other than "xlsx" or "json" is a 400 on field `format`.
http::Handler WithXlsxExport(http::Handler handler, JsonExport spec);
http::Handler WithXlsxExport(http::Handler handler, ExportFor spec);

}  // namespace amr::exports
