// SPDX-License-Identifier: MulanPSL-2.0
#include "license/license_pdf.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

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
