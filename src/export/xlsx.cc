// SPDX-License-Identifier: MulanPSL-2.0
#include "export/xlsx.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace amr::exports {
namespace {

// A temporary file that is removed when it goes out of scope.
class TempFile {
 public:
  TempFile() {
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
    if (ec) dir = "/tmp";
    std::string pattern = (dir / "amr-export-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd >= 0) {
      close(fd);
      path_ = pattern;
    }
  }
  ~TempFile() {
    if (!path_.empty()) {
      std::error_code ec;
      std::filesystem::remove(path_, ec);
    }
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string SheetName(std::string_view name) {
  std::string out;
  for (char c : name) {
    out += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  }
  if (out.empty()) out = "Sheet1";
  // At most 31 characters: cut at a UTF-8 character boundary.
  size_t chars = 0, at = 0;
  while (at < out.size() && chars < 31) {
    unsigned char c = static_cast<unsigned char>(out[at]);
    at += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++chars;
  }
  return out.substr(0, std::min(at, out.size()));
}

Status Check(lxw_error err, std::string_view what) {
  if (err == LXW_NO_ERROR) return OkStatus();
  return InternalError(fmt::format("生成 Excel 文件失败（{}）：{}", what, lxw_strerror(err)));
}

}  // namespace

StatusOr<std::string> RenderXlsx(const XlsxTable& table) {
  if (table.columns.empty()) return InvalidArgumentError("导出的表格没有列", "columns");
  for (size_t i = 0; i < table.rows.size(); ++i) {
    if (table.rows[i].size() > table.columns.size()) {
      return InvalidArgumentError(fmt::format("第 {} 行的单元格多于表头的列数", i + 1), "rows");
    }
  }
  TempFile file;
  if (file.path().empty()) return InternalError("生成 Excel 文件失败：无法创建临时文件");

  // Not constant_memory: that mode writes inline strings and cannot merge the title row; the
  // routes cap what one export holds instead.
  lxw_workbook* book = workbook_new(file.path().c_str());
  if (book == nullptr) return InternalError("生成 Excel 文件失败：无法创建工作簿");

  const std::string sheet_name = SheetName(table.sheet_name);
  lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name.c_str());
  lxw_format* title_format = workbook_add_format(book);
  format_set_bold(title_format);
  format_set_font_size(title_format, 14);
  lxw_format* header_format = workbook_add_format(book);
  format_set_bold(header_format);
  format_set_bg_color(header_format, 0xDDEBF7);
  format_set_border(header_format, LXW_BORDER_THIN);
  lxw_format* text_format = workbook_add_format(book);
  format_set_num_format(text_format, "@");

  Status status = OkStatus();
  auto step = [&](lxw_error err, std::string_view what) {
    if (status.ok()) status = Check(err, what);
  };
  const auto last_col = static_cast<lxw_col_t>(table.columns.size() - 1);
  for (lxw_col_t c = 0; c <= last_col; ++c) {
    step(worksheet_set_column(sheet, c, c, table.columns[c].width, nullptr), "列宽");
  }
  lxw_row_t row = 0;
  if (!table.title.empty()) {
    if (last_col > 0) {
      step(worksheet_merge_range(sheet, 0, 0, 0, last_col, table.title.c_str(), title_format),
           "标题");
    } else {
      step(worksheet_write_string(sheet, 0, 0, table.title.c_str(), title_format), "标题");
    }
    ++row;
  }
  const lxw_row_t header_row = row;
  for (lxw_col_t c = 0; c <= last_col; ++c) {
    step(worksheet_write_string(sheet, row, c, table.columns[c].title.c_str(), header_format),
         "表头");
  }
  ++row;
  for (const std::vector<XlsxCell>& cells : table.rows) {
    for (size_t c = 0; c < cells.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      if (const auto* text = std::get_if<std::string>(&cells[c])) {
        step(worksheet_write_string(sheet, row, col, text->c_str(), text_format), "单元格");
      } else if (const auto* number = std::get_if<double>(&cells[c])) {
        step(worksheet_write_number(sheet, row, col, *number, nullptr), "单元格");
      }
    }
    ++row;
  }
  const lxw_row_t last_row = row > header_row + 1 ? row - 1 : header_row;
  step(worksheet_autofilter(sheet, header_row, 0, last_row, last_col), "筛选");
  worksheet_freeze_panes(sheet, header_row + 1, 0);
  if (!table.note.empty()) {
    step(worksheet_write_string(sheet, row + 1, 0, table.note.c_str(), nullptr), "说明");
  }
  // workbook_close writes the file and frees the workbook, also after an error.
  lxw_error closed = workbook_close(book);
  RETURN_IF_ERROR(status);
  RETURN_IF_ERROR(Check(closed, "写入文件"));

  std::ifstream in(file.path(), std::ios::binary);
  if (!in) return InternalError("生成 Excel 文件失败：无法读回临时文件");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

std::string AttachmentDisposition(std::string_view filename) {
  std::string ascii;
  for (char c : filename) {
    unsigned char u = static_cast<unsigned char>(c);
    bool plain = (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
                 c == '.' || c == '-' || c == '_';
    if (plain) ascii += c;
  }
  if (ascii.empty() || ascii.front() == '.') ascii = "export" + ascii;
  std::string encoded;
  for (char c : filename) {
    unsigned char u = static_cast<unsigned char>(c);
    bool unreserved = (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
                      c == '.' || c == '-' || c == '_' || c == '~';
    encoded += unreserved ? std::string(1, c) : fmt::format("%{:02X}", u);
  }
  return fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii, encoded);
}

}  // namespace amr::exports
