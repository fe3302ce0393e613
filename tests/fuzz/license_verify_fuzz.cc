// SPDX-License-Identifier: MulanPSL-2.0
// Fuzz target: the e-licence document verifier, as anyone may call it
// (POST /api/v1/licenses/verify): parsing the document, its canonical bytes
// and the Ed25519 check against a known key.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "license/license_document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const amr::license::KeyPair key = amr::license::GenerateKeyPair();
  static const std::map<std::string, std::string> keys = {{key.key_id, key.public_key}};
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
