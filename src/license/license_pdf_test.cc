// SPDX-License-Identifier: MulanPSL-2.0
#include "license/license_pdf.h"

#include <cairo.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstring>
#include <thread>
#include <vector>

namespace amr::license {
namespace {

SignedDocument Sample(const KeyPair& key) {
  registry::Entity e;
  e.uscc = "91330106MA2XXXXX1X";
  e.name = "杭州西湖示例科技有限公司";
  e.kind = registry::EntityKind::kEnterprise;
  e.org_form = "有限责任公司";
  e.legal_rep_name = "张三";
  e.registered_capital = 1'000'000;
  e.address = "浙江省杭州市西湖区文三路 1 号";
  e.established_on = *Date::Parse("2026-02-13");
  e.operating_term = registry::OperatingTerm{};
  std::string scope;
  for (int i = 0; i < 20; ++i) scope += "软件开发；信息技术咨询服务；";
  LicenseFacts f{scope, "杭州市西湖区市场监督管理局", *Date::Parse("2026-02-13"), "20260000000001",
                 key.key_id};
  return Sign(LicensePayload(e, f), key);
}

// How cairo writes a non-ASCII metadata string: UTF-16BE in hex with a BOM.
std::string PdfHexString(const std::u16string& text) {
  std::string out = "<FEFF";
  for (char16_t c : text) out += fmt::format("{:04X}", static_cast<unsigned>(c));
  return out + ">";
}

TEST(LicensePdfTest, RendersAPdfCarryingTheSignedDocument) {
  KeyPair key = GenerateKeyPair();
  SignedDocument doc = Sample(key);
  auto pdf = RenderLicensePdf(doc, "https://amr.example.gov.cn/api/v1/licenses/verify?uscc=x");
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  EXPECT_TRUE(pdf->starts_with("%PDF-"));
  EXPECT_NE(pdf->find("%%EOF"), std::string::npos);
  EXPECT_NE(pdf->find("/Type /Page"), std::string::npos);
  // The entity's name is in the document title (营业执照 + name).
  EXPECT_NE(pdf->find(PdfHexString(u"营业执照 杭州西湖示例科技有限公司")), std::string::npos);
  // A CJK font is embedded (found through fontconfig).
  EXPECT_NE(pdf->find("CJK"), std::string::npos);
  // The signed document rides along and still verifies.
  EXPECT_NE(pdf->find(kPdfMarkerBegin), std::string::npos);
  auto read = ReadDocumentFile(*pdf);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->payload["name"], "杭州西湖示例科技有限公司");
  EXPECT_TRUE(CheckSignature(*read, {{key.key_id, key.public_key}}).valid());
}

TEST(LicensePdfTest, RendersFromManyThreadsAtOnce) {
  KeyPair key = GenerateKeyPair();
  SignedDocument doc = Sample(key);
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      auto pdf = RenderLicensePdf(doc, "https://example/verify");
      ok[i] = pdf.ok() && pdf->starts_with("%PDF-") ? 1 : 0;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(std::count(ok.begin(), ok.end(), 1), 4);
}

// The payload states 营业期限 for a company (长期 here) and the PDF prints it.
TEST(LicensePdfTest, ThePayloadCarriesTheOperatingTerm) {
  KeyPair key = GenerateKeyPair();
  SignedDocument doc = Sample(key);
  EXPECT_EQ(doc.payload["operating_term"]["label"], "营业期限");
  EXPECT_EQ(doc.payload["operating_term"]["from"], "2026-02-13");
  EXPECT_TRUE(doc.payload["operating_term"]["until"].is_null());
  auto pdf = RenderLicensePdf(doc, "https://example/verify");
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
}

// ARGB32 pixel (x, y) of a decoded PNG surface: alpha and red, green, blue.
struct Pixel {
  int a, r, g, b;
};
Pixel At(cairo_surface_t* s, int x, int y) {
  const unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  uint32_t v;
  std::memcpy(&v, data + y * stride + x * 4, 4);
  return {static_cast<int>(v >> 24), static_cast<int>((v >> 16) & 0xff),
          static_cast<int>((v >> 8) & 0xff), static_cast<int>(v & 0xff)};
}

cairo_status_t ReadFromString(void* closure, unsigned char* data, unsigned int length) {
  auto* in = static_cast<std::string_view*>(closure);
  if (in->size() < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, in->data(), length);
  in->remove_prefix(length);
  return CAIRO_STATUS_SUCCESS;
}

// The authority's seal: a red ring, red characters along the top arc, a red
// star in the middle, transparent outside the ring and between the star and
// the ring's lower half.
TEST(LicensePdfTest, TheAuthoritySealIsARedRingWithTheNameAndAStar) {
  auto png = RenderAuthoritySealPng("杭州市西湖区市场监督管理局", 200);
  ASSERT_TRUE(png.ok()) << png.status().message();
  ASSERT_TRUE(png->starts_with("\x89PNG"));
  std::string_view in = *png;
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(ReadFromString, &in);
  ASSERT_EQ(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
  ASSERT_EQ(cairo_image_surface_get_width(s), 200);
  auto red = [](const Pixel& p) { return p.a > 150 && p.r > 2 * p.g && p.r > 2 * p.b; };
  EXPECT_EQ(At(s, 2, 2).a, 0);        // a corner, outside the ring
  EXPECT_TRUE(red(At(s, 100, 100)));  // the star's centre
  EXPECT_TRUE(red(At(s, 100, 195)));  // the ring at the bottom
  EXPECT_TRUE(red(At(s, 5, 100)));    // the ring at the left
  EXPECT_EQ(At(s, 100, 160).a, 0);    // inside, below the star: empty
  // Characters along the upper arc: some red between the ring and the star.
  int inked = 0;
  for (int x = 60; x < 140; ++x) {
    for (int y = 16; y < 50; ++y) inked += red(At(s, x, y)) ? 1 : 0;
  }
  EXPECT_GT(inked, 100);
  cairo_surface_destroy(s);

  auto empty = RenderAuthoritySealPng("", 200);
  EXPECT_EQ(empty.status().field(), "authority");
  auto tiny = RenderAuthoritySealPng("杭州市西湖区市场监督管理局", 8);
  EXPECT_EQ(tiny.status().field(), "pixels");
}

TEST(LicensePdfTest, RefusesASealCertificate) {
  KeyPair key = GenerateKeyPair();
  SignedDocument doc = Sample(key);
  doc.payload["type"] = kSealType;
  auto pdf = RenderLicensePdf(doc, "x");
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().field(), "document");
}

}  // namespace
}  // namespace amr::license
