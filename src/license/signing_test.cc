// SPDX-License-Identifier: MulanPSL-2.0
#include "license/signing.h"

#include <gtest/gtest.h>

#include "license/license_document.h"

namespace amr::license {
namespace {

// Documents signed outside the platform by the OpenSSL command line
// (`openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678`
// for SM2; `openssl pkeyutl -sign -rawin` for Ed25519) over the canonical
// bytes of their payload: a verifier using any implementation of the
// standards must agree with ours, and ours with it.
constexpr char kSm2PublicKey[] =
    "MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAEaGbipa3xlxm3I/mPmQ+69jEI2+t2Ohk2gC3OG0+Zp1TcfHwutCFTxCgD"
    "YAu9Fdn/tSkToy1W1eVAHet4f8D6Mg==";
constexpr char kSm2Document[] =
    R"({"alg":"SM3withSM2","payload":{"key_id":"k120c1e75bab4e1af","name":"杭州西湖示例科技有限公司",)"
    R"("type":"business_license","uscc":"91330106MA2XXXXX1X","version":1},"signature":"MEQCICaskT)"
    R"(bA79gPeBSWJy7s3AcVOsW8kSE7RM/xqa1sPm5YAiAkzbY2C/Wwr01KU8GzrZlQ8E8pQDPm26IKrUNT2+qHbg=="})";
constexpr char kEd25519PublicKey[] = "VK2MQfUR2MpSsQBbxJo+//bHYefJfIRjSokzpxZ+Wxs=";
constexpr char kEd25519Document[] =
    R"({"alg":"Ed25519","payload":{"key_id":"ka586bd66c206af28","name":"杭州西湖示例科技有限公司",)"
    R"("type":"business_license","uscc":"91330106MA2XXXXX1X","version":1},"signature":"2FwabCFp04x)"
    R"(UuHePpp7NnFQSCmXUKwvJBKGv/27a7l/Q6PEVg9BKuOFPmdWJvln0SCwni9g6vYoatKsuER4ECQ=="})";

std::map<std::string, std::string> Keys(std::string_view key_id, std::string_view base64) {
  return {{std::string(key_id), *Base64Decode(base64, "key")}};
}

TEST(SigningTest, NewKeysAreSm2AndSignWithSm3) {
  KeyPair key = GenerateKeyPair();
  EXPECT_EQ(key.algorithm, SignatureAlgorithm::kSm2Sm3);
  EXPECT_EQ(AlgorithmOfPublicKey(key.public_key), SignatureAlgorithm::kSm2Sm3);
  EXPECT_EQ(key.key_id, KeyIdOf(key.public_key));
  const std::string sig = SignBytes("营业执照", key);
  EXPECT_TRUE(VerifyBytes(SignatureAlgorithm::kSm2Sm3, key.public_key, "营业执照", sig));
  EXPECT_FALSE(VerifyBytes(SignatureAlgorithm::kSm2Sm3, key.public_key, "营业执照。", sig));
  // SM2 signatures are randomised: two signatures differ, both verify.
  const std::string again = SignBytes("营业执照", key);
  EXPECT_NE(sig, again);
  EXPECT_TRUE(VerifyBytes(SignatureAlgorithm::kSm2Sm3, key.public_key, "营业执照", again));
  // The same bytes under the other algorithm's name do not verify.
  EXPECT_FALSE(VerifyBytes(SignatureAlgorithm::kEd25519, key.public_key, "营业执照", sig));

  SignedDocument doc = Sign({{"key_id", key.key_id}, {"name", "示例"}}, key);
  EXPECT_EQ(doc.ToJson()["alg"], "SM3withSM2");
  auto parsed = ParseSignedDocument(doc.ToJsonText());
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(CheckSignature(*parsed, {{key.key_id, key.public_key}}).valid());
}

TEST(SigningTest, StoredKeysAreRecognisedByTheirBytes) {
  for (SignatureAlgorithm alg : {SignatureAlgorithm::kSm2Sm3, SignatureAlgorithm::kEd25519}) {
    KeyPair key = GenerateKeyPair(alg);
    auto back = KeyPairFromBytes(key.key_id, key.public_key, key.secret_key);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(back->algorithm, alg);
    EXPECT_TRUE(VerifyBytes(alg, key.public_key, "x", SignBytes("x", *back)));
  }
  KeyPair sm2 = GenerateKeyPair(SignatureAlgorithm::kSm2Sm3);
  KeyPair ed = GenerateKeyPair(SignatureAlgorithm::kEd25519);
  // A public key of one algorithm with the other's secret key is refused.
  EXPECT_EQ(KeyPairFromBytes("k1", sm2.public_key, ed.secret_key).status().code(),
            StatusCode::kInternal);
  EXPECT_EQ(KeyPairFromBytes("k1", ed.public_key, sm2.secret_key).status().code(),
            StatusCode::kInternal);
  EXPECT_FALSE(AlgorithmOfPublicKey("not a key"));
  EXPECT_FALSE(AlgorithmOfPublicKey(sm2.public_key.substr(0, 40)));
}

TEST(SigningTest, AnSm2DocumentSignedByOpenSslVerifies) {
  auto doc = ParseSignedDocument(kSm2Document);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->algorithm, SignatureAlgorithm::kSm2Sm3);
  auto keys = Keys("k120c1e75bab4e1af", kSm2PublicKey);
  EXPECT_EQ(KeyIdOf(keys.begin()->second), "k120c1e75bab4e1af");
  EXPECT_TRUE(CheckSignature(*doc, keys).valid());
  SignedDocument changed = *doc;
  changed.payload["name"] = "杭州西湖示例科技有限责任公司";
  EXPECT_EQ(CheckSignature(changed, keys).verdict, SignatureVerdict::kBadSignature);
}

TEST(SigningTest, Ed25519DocumentsIssuedBeforeStillVerify) {
  auto doc = ParseSignedDocument(kEd25519Document);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->algorithm, SignatureAlgorithm::kEd25519);
  auto keys = Keys("ka586bd66c206af28", kEd25519PublicKey);
  EXPECT_TRUE(CheckSignature(*doc, keys).valid());
  // Relabelled as SM2, the same signature is refused, not mis-verified.
  SignedDocument relabelled = *doc;
  relabelled.algorithm = SignatureAlgorithm::kSm2Sm3;
  EXPECT_EQ(CheckSignature(relabelled, keys).verdict, SignatureVerdict::kBadSignature);
}

TEST(SigningTest, APublicKeysFileMayHoldBothAlgorithms) {
  const std::string text = std::string(R"({"keys":[{"key_id":"k120c1e75bab4e1af","public_key":")") +
                           kSm2PublicKey + R"("},{"key_id":"ka586bd66c206af28","public_key":")" +
                           kEd25519PublicKey + R"("}]})";
  auto keys = ParsePublicKeys(text);
  ASSERT_TRUE(keys.ok()) << keys.status().message();
  EXPECT_EQ(keys->size(), 2u);
  EXPECT_TRUE(CheckSignature(*ParseSignedDocument(kSm2Document), *keys).valid());
  EXPECT_TRUE(CheckSignature(*ParseSignedDocument(kEd25519Document), *keys).valid());
  // Neither an SM2 key nor 32 bytes: refused naming the key.
  auto bad = ParsePublicKeys(R"({"keys":[{"key_id":"k1","public_key":"AAAA"}]})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("k1"), std::string::npos);
}

TEST(SigningTest, AnUnknownAlgorithmIsRefused) {
  auto doc = ParseSignedDocument(R"({"alg":"RS256","payload":{},"signature":""})");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().field(), "document");
}

}  // namespace
}  // namespace amr::license
