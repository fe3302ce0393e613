// SPDX-License-Identifier: MulanPSL-2.0
#include "license/license_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <memory>
#include <mutex>

namespace amr::license {
namespace {

constexpr double kPageWidth = 842;  // A4 landscape, points
constexpr double kPageHeight = 595;
constexpr const char* kFontFamilies = "Noto Serif CJK SC, Noto Sans CJK SC";

std::mutex& RenderMutex() {
  static std::mutex m;
  return m;
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string Text(const nlohmann::json& payload, const char* key) {
  auto it = payload.find(key);
  if (it == payload.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

// "2026-11-24" → "2026年11月24日".
std::string ChineseDate(const std::string& iso) {
  auto date = Date::Parse(iso);
  if (!date.ok()) return iso;
  return fmt::format("{}年{}月{}日", iso.substr(0, 4), std::stoi(iso.substr(5, 2)),
                     std::stoi(iso.substr(8, 2)));
}

class Painter {
 public:
  explicit Painter(cairo_t* cr) : cr_(cr), layout_(pango_cairo_create_layout(cr)) {}
  ~Painter() { g_object_unref(layout_); }
  Painter(const Painter&) = delete;
  Painter& operator=(const Painter&) = delete;

  // Draws `text` with its top-left corner at (x, y), wrapped at `width`
  // (0: no wrapping); returns the height used.
  // The height `text` would take at `size`, wrapped at `width`.
  double Measure(const std::string& text, double size, double width) {
    Prepare(text, size, width, false, PANGO_ALIGN_LEFT);
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout_, &w, &h);
    return h;
  }

  double Draw(const std::string& text, double x, double y, double size, double width = 0,
              bool bold = false, PangoAlignment align = PANGO_ALIGN_LEFT) {
    Prepare(text, size, width, bold, align);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout_);
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout_, &w, &h);
    return h;
  }

 private:
  void Prepare(const std::string& text, double size, double width, bool bold,
               PangoAlignment align) {
    PangoFontDescription* font = pango_font_description_from_string(kFontFamilies);
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout_, font);
    pango_font_description_free(font);
    pango_layout_set_width(layout_, width > 0 ? static_cast<int>(width * PANGO_SCALE) : -1);
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout_, align);
    pango_layout_set_text(layout_, text.c_str(), static_cast<int>(text.size()));
  }

  cairo_t* cr_;
  PangoLayout* layout_;
};

void DrawQr(cairo_t* cr, std::string_view url, double x, double y, double size) {
  const std::string text(url);
  QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == nullptr) return;
  const int quiet = 2;
  const double module = size / (code->width + 2 * quiet);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < code->width; ++row) {
    for (int col = 0; col < code->width; ++col) {
      if (code->data[row * code->width + col] & 1) {
        cairo_rectangle(cr, x + (col + quiet) * module, y + (row + quiet) * module, module, module);
      }
    }
  }
  cairo_fill(cr);
  QRcode_free(code);
}

void DrawFrame(cairo_t* cr) {
  cairo_set_source_rgb(cr, 0.62, 0.09, 0.09);
  cairo_set_line_width(cr, 4);
  cairo_rectangle(cr, 18, 18, kPageWidth - 36, kPageHeight - 36);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 1);
  cairo_rectangle(cr, 26, 26, kPageWidth - 52, kPageHeight - 52);
  cairo_stroke(cr);
}

}  // namespace

StatusOr<std::string> RenderLicensePdf(const SignedDocument& document,
                                       std::string_view verify_url) {
  const nlohmann::json& p = document.payload;
  if (p.value("type", "") != kLicenseType) {
    return InvalidArgumentError("只能为营业执照生成 PDF", "document");
  }
  std::lock_guard<std::mutex> lock(RenderMutex());
  std::string pdf;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(AppendToString, &pdf, kPageWidth, kPageHeight);
  const std::string title = "营业执照 " + Text(p, "name");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "OpenAMR");
  const std::string keywords =
      "uscc:" + Text(p, "uscc") + " serial:" + Text(p, "serial") + " key_id:" + Text(p, "key_id");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, keywords.c_str());
  cairo_t* cr = cairo_create(surface);
  {
    Painter paint(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    DrawFrame(cr);

    // Title and the code line.
    cairo_set_source_rgb(cr, 0.62, 0.09, 0.09);
    paint.Draw("营 业 执 照", 0, 52, 44, kPageWidth, true, PANGO_ALIGN_CENTER);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    paint.Draw("（电子营业执照）", 0, 112, 13, kPageWidth, false, PANGO_ALIGN_CENTER);
    cairo_set_source_rgb(cr, 0, 0, 0);
    paint.Draw("统一社会信用代码", 60, 56, 12);
    paint.Draw(Text(p, "uscc"), 60, 74, 15, 0, true);
    paint.Draw("编号：" + Text(p, "serial"), 60, 98, 10);

    DrawQr(cr, verify_url, kPageWidth - 60 - 96, 44, 96);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    paint.Draw("扫码核验", kPageWidth - 60 - 96, 142, 9, 96, false, PANGO_ALIGN_CENTER);

    // Two columns of facts.
    cairo_set_source_rgb(cr, 0, 0, 0);
    const double label_size = 13;
    const double value_size = 13;
    const double gap = 12;
    auto row = [&](double x, double label_w, double value_w, double y, const std::string& label,
                   const std::string& value) {
      paint.Draw(label, x, y, label_size, label_w, true);
      const double h =
          paint.Draw(value.empty() ? "——" : value, x + label_w, y, value_size, value_w);
      return y + std::max(h, label_size * 1.4) + gap;
    };
    double y = 180;
    const double lx = 70, lw = 118, lv = 250;
    y = row(lx, lw, lv, y, "名　　称", Text(p, "name"));
    y = row(lx, lw, lv, y, "类　　型", Text(p, "kind_name"));
    std::string rep_title = Text(p, "legal_rep_title");
    y = row(lx, lw, lv, y, rep_title.empty() ? "法定代表人" : rep_title, Text(p, "legal_rep_name"));
    std::string scope = Text(p, "business_scope");
    // 经营范围 may run long: the largest size from 12 down to 6 points that
    // keeps it above the frame's lower edge.
    paint.Draw("经营范围", lx, y, label_size, lw, true);
    const double room = kPageHeight - 64 - y;
    double scope_size = 12;
    while (scope_size > 6 && paint.Measure(scope, scope_size, lv) > room) scope_size -= 0.5;
    paint.Draw(scope, lx + lw, y, scope_size, lv);

    double ry = 180;
    const double rx = 462, rw = 100, rv = 220;
    const std::string capital =
        p.contains("registered_capital") && p["registered_capital"].is_number_integer()
            ? CapitalText(p["registered_capital"].get<int64_t>())
            : "";
    if (!capital.empty()) ry = row(rx, rw, rv, ry, "注册资本", capital);
    ry = row(rx, rw, rv, ry, "成立日期", ChineseDate(Text(p, "established_on")));
    ry = row(rx, rw, rv, ry, p.value("kind", "") == "individual_business" ? "经营场所" : "住　　所",
             Text(p, "address"));

    // Authority and date, bottom right.
    paint.Draw("登记机关", rx, 470, label_size, rw, true);
    paint.Draw(Text(p, "registration_authority"), rx + rw, 470, value_size, rv);
    paint.Draw(ChineseDate(Text(p, "issued_on")), rx + rw, 500, value_size, rv);

    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    // What a holder and a counterparty read: how to check it, in words (the
    // key and algorithm are in the file for those who check it by program).
    paint.Draw(
        "本执照由登记机关电子签名签发。核验：在市场监管政务服务网站“电子营业执照核验”"
        "上传本执照文件或输入执照编号，或扫描持照人出示的二维码。",
        0, kPageHeight - 52, 8, kPageWidth, false, PANGO_ALIGN_CENTER);
  }
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return InternalError(fmt::format("生成 PDF 失败：{}", cairo_status_to_string(status)));
  }
  return EmbedInPdf(std::move(pdf), document);
}

}  // namespace amr::license
