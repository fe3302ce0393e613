// SPDX-License-Identifier: MulanPSL-2.0
// Excel export: one table as an .xlsx workbook (Office Open XML), written with
// libxlsxwriter. Tables of the web UI offer "导出 Excel" through routes that
// build an XlsxTable and answer with XlsxDownload.
//
// The sheet: an optional title row (bold, merged across the columns), a bold
// header row that stays in view when scrolling (frozen pane) and carries
// Excel's filter buttons, then the rows. Text cells stay text (a USCC or an
// ID number is never turned into a number); numbers are numbers.
//
// Thread-safety: all functions are thread-safe (each call writes its own
// temporary file).
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/status.h"

namespace amr::exports {

struct XlsxColumn {
  std::string title;    // "统一社会信用代码"
  double width = 16.0;  // in characters of the default font
};

// An empty cell, a text or a number.
using XlsxCell = std::variant<std::monostate, std::string, double>;

struct XlsxTable {
  std::string sheet_name = "Sheet1";  // at most 31 characters; []:*?/\ are replaced
  std::string title;                  // optional first row, e.g. "市场主体公示信息"
  std::string note;                   // optional row under the table, e.g. what was left out
  std::vector<XlsxColumn> columns;
  std::vector<std::vector<XlsxCell>> rows;  // each at most columns.size() cells
};

// The workbook's bytes. InvalidArgument if there are no columns or a row is
// longer than the header; Internal if libxlsxwriter fails.
StatusOr<std::string> RenderXlsx(const XlsxTable& table);

// The media type of an .xlsx file.
inline constexpr std::string_view kXlsxContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A Content-Disposition value that downloads as `filename` (UTF-8, e.g.
// "市场主体.xlsx"): an ASCII fallback name plus RFC 5987 filename*.
std::string AttachmentDisposition(std::string_view filename);

}  // namespace amr::exports
