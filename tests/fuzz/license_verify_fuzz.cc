// SPDX-License-Identifier: MulanPSL-2.0
// Fuzz target: the e-licence document verifier, as anyone may call it
// (POST /api/v1/licenses/verify): parsing the document, its canonical bytes
// and the SM2/SM3 and Ed25519 checks against known keys.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "license/license_document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const amr::license::KeyPair sm2 = amr::license::GenerateKeyPair();
  static const amr::license::KeyPair ed25519 =
      amr::license::GenerateKeyPair(amr::license::SignatureAlgorithm::kEd25519);
  static const std::map<std::string, std::string> keys = {{sm2.key_id, sm2.public_key},
                                                          {ed25519.key_id, ed25519.public_key}};
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto document = amr::license::ParseSignedDocument(text);
  if (document.ok()) {
    (void)amr::license::CheckSignature(*document, keys);
    (void)document->ToJsonText();
    (void)document->KeyId();
  }
  (void)amr::license::ParsePublicKeys(text);
  return 0;
}
