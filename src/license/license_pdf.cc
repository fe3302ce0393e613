// SPDX-License-Identifier: MulanPSL-2.0
#include "license/license_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <cmath>
#include <memory>
#include <mutex>
#include <numbers>

#include "common/text.h"

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
    // The seal draws rotated: the layout follows the current transformation.
    pango_cairo_update_layout(cr_, layout_);
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

// The characters of `text`, one UTF-8 sequence each.
std::vector<std::string> Characters(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    const size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    out.emplace_back(text.substr(i, n));
    i += n;
  }
  return out;
}

// The authority's seal centred at (cx, cy): ring, name along the upper arc
// (each character upright towards the centre), star.
void DrawSeal(cairo_t* cr, Painter& paint, std::string_view authority, double cx, double cy,
              double radius) {
  constexpr double kPi = std::numbers::pi;
  cairo_save(cr);
  cairo_set_source_rgba(cr, 0.84, 0.06, 0.06, 0.82);
  cairo_set_line_width(cr, radius * 0.055);
  cairo_arc(cr, cx, cy, radius * 0.96, 0, 2 * kPi);
  cairo_stroke(cr);

  // Star: five points on radius r, inner points on r·0.382.
  const double star = radius * 0.30;
  cairo_move_to(cr, cx, cy - star);
  for (int i = 1; i < 10; ++i) {
    const double r = i % 2 == 0 ? star : star * 0.382;
    const double a = -kPi / 2 + i * kPi / 5;
    cairo_line_to(cr, cx + r * std::cos(a), cy + r * std::sin(a));
  }
  cairo_close_path(cr);
  cairo_fill(cr);

  const std::vector<std::string> chars = Characters(authority);
  const double n = static_cast<double>(chars.size());
  // About 22° a character, at most 250° of arc, centred on the top.
  const double span = std::min(250.0, 22.0 * n) * kPi / 180;
  // The size that leaves a little room between characters at the middle of
  // the text's band.
  const double size = std::min(radius * 0.24, radius * 0.64 * span / std::max(n, 1.0));
  for (size_t i = 0; i < chars.size(); ++i) {
    const double angle = n > 1 ? -span / 2 + span * static_cast<double>(i) / (n - 1) : 0;
    cairo_save(cr);
    cairo_translate(cr, cx, cy);
    cairo_rotate(cr, angle);
    const double width = size * 1.2;
    paint.Draw(chars[i], -width / 2, -radius * 0.84, size, width, true, PANGO_ALIGN_CENTER);
    cairo_restore(cr);
  }
  cairo_restore(cr);
}

Status CheckAuthority(std::string_view authority) {
  if (authority.empty() || Utf8Length(authority) > 30) {
    return InvalidArgumentError("登记机关名称应为 1 到 30 个字", "authority");
  }
  return OkStatus();
}

// "2026年12月7日 至 长期" from the payload's operating_term; "" without one.
std::string OperatingTermText(const nlohmann::json& p) {
  auto term = p.find("operating_term");
  if (term == p.end() || !term->is_object()) return "";
  const std::string until = Text(*term, "until");
  return ChineseDate(Text(*term, "from")) + " 至 " + (until.empty() ? "长期" : ChineseDate(until));
}

}  // namespace

StatusOr<std::string> RenderAuthoritySealPng(std::string_view authority, int pixels) {
  RETURN_IF_ERROR(CheckAuthority(authority));
  if (pixels < 32 || pixels > 1024) {
    return InvalidArgumentError("印章图片的边长应为 32 到 1024 像素", "pixels");
  }
  std::lock_guard<std::mutex> lock(RenderMutex());
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pixels, pixels);
  cairo_t* cr = cairo_create(surface);
  {
    Painter paint(cr);
    DrawSeal(cr, paint, authority, pixels / 2.0, pixels / 2.0, pixels / 2.0 - 1);
  }
  cairo_destroy(cr);
  std::string png;
  const cairo_status_t status = cairo_surface_write_to_png_stream(surface, AppendToString, &png);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return InternalError(fmt::format("生成印章图片失败：{}", cairo_status_to_string(status)));
  }
  return png;
}

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
    if (const std::string term = OperatingTermText(p); !term.empty()) {
      ry = row(rx, rw, rv, ry, Text(p["operating_term"], "label"), term);
    }
    ry = row(rx, rw, rv, ry, p.value("kind", "") == "individual_business" ? "经营场所" : "住　　所",
             Text(p, "address"));

    // Authority and date, bottom right.
    paint.Draw("登记机关", rx, 470, label_size, rw, true);
    paint.Draw(Text(p, "registration_authority"), rx + rw, 470, value_size, rv);
    paint.Draw(ChineseDate(Text(p, "issued_on")), rx + rw, 500, value_size, rv);
    // The authority's seal over its name and the date, as on paper.
    const std::string authority = Text(p, "registration_authority");
    if (CheckAuthority(authority).ok()) DrawSeal(cr, paint, authority, rx + rw + 80, 490, 56);

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
