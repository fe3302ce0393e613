// SPDX-License-Identifier: MulanPSL-2.0
#include "license/license_document.h"

#include <gtest/gtest.h>

namespace amr::license {
namespace {

registry::Entity Company() {
  registry::Entity e;
  e.uscc = "91330106MA2XXXXX1X";
  e.name = "杭州西湖示例科技有限公司";
  e.kind = registry::EntityKind::kEnterprise;
  e.org_form = "有限责任公司";
  e.legal_rep_name = "张三";
  e.registered_capital = 1'000'000;
  e.address = "浙江省杭州市西湖区文三路 1 号";
  e.established_on = *Date::Parse("2026-02-13");
  return e;
}

LicenseFacts Facts(const KeyPair& key) {
  return {"软件开发；信息技术咨询服务", "杭州市西湖区市场监督管理局", *Date::Parse("2026-02-13"),
          "20260000000001", key.key_id};
}

TEST(LicenseDocumentTest, SignatureCoversCanonicalBytesAndSurvivesARoundTrip) {
  KeyPair key = GenerateKeyPair();
  SignedDocument doc = Sign(LicensePayload(Company(), Facts(key)), key);
  std::map<std::string, std::string> keys = {{key.key_id, key.public_key}};
  EXPECT_TRUE(CheckSignature(doc, keys).valid());
  // Parsing the text and checking again: the canonical bytes are recomputed.
  auto parsed = ParseSignedDocument(doc.ToJsonText());
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(CheckSignature(*parsed, keys).valid());
  // Whitespace and key order in the file do not matter; the content does.
  auto pretty = ParseSignedDocument(doc.ToJson().dump(2));
  ASSERT_TRUE(pretty.ok());
  EXPECT_TRUE(CheckSignature(*pretty, keys).valid());
  const std::string bytes = CanonicalBytes(doc.payload);
  EXPECT_EQ(bytes.find("\": "), std::string::npos);
  EXPECT_EQ(bytes.find('\n'), std::string::npos);
  EXPECT_LT(bytes.find("\"address\""), bytes.find("\"uscc\""));  // keys sorted
  EXPECT_NE(CanonicalBytes(doc.payload).find("杭州西湖示例科技有限公司"), std::string::npos);
}

TEST(LicenseDocumentTest, TamperingWithAnyFieldBreaksTheSignature) {
  KeyPair key = GenerateKeyPair();
  SignedDocument doc = Sign(LicensePayload(Company(), Facts(key)), key);
  std::map<std::string, std::string> keys = {{key.key_id, key.public_key}};
  for (const auto& [field, value] : doc.payload.items()) {
    if (field == "key_id") continue;
    SignedDocument changed = doc;
    changed.payload[field] =
        value.is_string() ? nlohmann::json(value.get<std::string>() + "X") : nlohmann::json("X");
    SignatureCheck c = CheckSignature(changed, keys);
    EXPECT_EQ(c.verdict, SignatureVerdict::kBadSignature) << field;
    EXPECT_NE(c.reason.find("签名验证失败"), std::string::npos);
  }
  SignedDocument added = doc;
  added.payload["note"] = "增加的字段";
  EXPECT_EQ(CheckSignature(added, keys).verdict, SignatureVerdict::kBadSignature);
}

TEST(LicenseDocumentTest, WrongOrUnknownKeyIsRefused) {
  KeyPair key = GenerateKeyPair();
  KeyPair other = GenerateKeyPair();
  SignedDocument doc = Sign(LicensePayload(Company(), Facts(key)), key);
  // The key id names the platform's key, but the bytes are another key's.
  EXPECT_EQ(CheckSignature(doc, {{key.key_id, other.public_key}}).verdict,
            SignatureVerdict::kBadSignature);
  // A key the verifier does not know.
  SignatureCheck unknown = CheckSignature(doc, {{other.key_id, other.public_key}});
  EXPECT_EQ(unknown.verdict, SignatureVerdict::kUnknownKey);
  EXPECT_NE(unknown.reason.find(key.key_id), std::string::npos);
  // Signed by someone else claiming the platform's key id.
  nlohmann::json forged_payload = doc.payload;
  SignedDocument forged = Sign(forged_payload, other);
  EXPECT_EQ(CheckSignature(forged, {{key.key_id, key.public_key}}).verdict,
            SignatureVerdict::kBadSignature);
  SignedDocument garbled = doc;
  garbled.signature = "not base64!";
  EXPECT_EQ(CheckSignature(garbled, {{key.key_id, key.public_key}}).verdict,
            SignatureVerdict::kMalformed);
}

TEST(LicenseDocumentTest, KeyIdsAreDerivedFromThePublicKey) {
  KeyPair a = GenerateKeyPair();
  KeyPair b = GenerateKeyPair();
  EXPECT_EQ(a.key_id, KeyIdOf(a.public_key));
  EXPECT_NE(a.key_id, b.key_id);
  EXPECT_EQ(a.key_id.size(), 17u);
}

TEST(LicenseDocumentTest, PayloadNamesTheFieldsOfThePrintedLicence) {
  KeyPair key = GenerateKeyPair();
  nlohmann::json p = LicensePayload(Company(), Facts(key));
  EXPECT_EQ(p["kind_name"], "有限责任公司");
  EXPECT_EQ(p["legal_rep_title"], "法定代表人");
  EXPECT_EQ(p["registered_capital"], 1'000'000);
  EXPECT_EQ(p["established_on"], "2026-02-13");
  EXPECT_EQ(p["registration_authority"], "杭州市西湖区市场监督管理局");
  registry::Entity shop = Company();
  shop.kind = registry::EntityKind::kIndividualBusiness;
  shop.org_form.clear();
  shop.registered_capital.reset();
  nlohmann::json q = LicensePayload(shop, Facts(key));
  EXPECT_EQ(q["kind_name"], "个体工商户");
  EXPECT_EQ(q["legal_rep_title"], "经营者");
  EXPECT_TRUE(q["registered_capital"].is_null());
  EXPECT_FALSE(q.contains("operating_term"));  // none recorded
  registry::Entity partnership = Company();
  partnership.org_form = "有限合伙企业";
  EXPECT_EQ(LegalRepTitleOf(partnership), "执行事务合伙人");
  partnership.operating_term = registry::OperatingTerm{Date::Parse("2046-02-12").value()};
  nlohmann::json r = LicensePayload(partnership, Facts(key));
  EXPECT_EQ(r["operating_term"]["label"], "合伙期限");
  EXPECT_EQ(r["operating_term"]["until"], "2046-02-12");
  EXPECT_EQ(CapitalText(1'000'000), "100万元");
  EXPECT_EQ(CapitalText(125'000), "12.5万元");
  EXPECT_EQ(CapitalText(3'000), "3000元");
}

TEST(LicenseDocumentTest, SealSetDependsOnTheKind) {
  registry::Entity e = Company();
  EXPECT_EQ(SealsFor(e).size(), 4u);
  EXPECT_EQ(SealText(e, SealKind::kLegalRep), "张三印");
  EXPECT_EQ(SealText(e, SealKind::kFinance), "杭州西湖示例科技有限公司财务专用章");
  e.kind = registry::EntityKind::kIndividualBusiness;
  std::vector<SealKind> shop = SealsFor(e);
  EXPECT_EQ(shop.size(), 3u);
  EXPECT_EQ(std::count(shop.begin(), shop.end(), SealKind::kFinance), 0);
}

TEST(LicenseDocumentTest, ReadsJsonAndPdfFilesAndRefusesOthers) {
  KeyPair key = GenerateKeyPair();
  SignedDocument doc = Sign(LicensePayload(Company(), Facts(key)), key);
  auto from_json = ReadDocumentFile(doc.ToJsonText());
  ASSERT_TRUE(from_json.ok());
  EXPECT_EQ(from_json->signature, doc.signature);
  const std::string pdf = EmbedInPdf("%PDF-1.5\n...\n%%EOF", doc);
  auto from_pdf = ReadDocumentFile(pdf);
  ASSERT_TRUE(from_pdf.ok()) << from_pdf.status().message();
  EXPECT_EQ(from_pdf->payload, doc.payload);
  auto bare_pdf = ReadDocumentFile("%PDF-1.5\n%%EOF\n");
  ASSERT_FALSE(bare_pdf.ok());
  EXPECT_EQ(bare_pdf.status().field(), "file");
  EXPECT_NE(bare_pdf.status().message().find("没有嵌入"), std::string::npos);
  EXPECT_FALSE(ReadDocumentFile("hello").ok());
  EXPECT_FALSE(ReadDocumentFile(R"({"alg":"RSA","payload":{},"signature":""})").ok());
}

}  // namespace
}  // namespace amr::license
