// SPDX-License-Identifier: MulanPSL-2.0
// The electronic business licence (电子营业执照) as a signed document, and the
// signatures that make it one (SM2 with SM3; Ed25519 for documents issued
// before: signing.h). No I/O.
//
// A signed document is the JSON object
//   {"alg":"SM3withSM2","payload":{…},"signature":"<base64>"}
// where the signature covers the canonical bytes of `payload` and
// payload.key_id names the platform key that made it. Canonical bytes: the
// payload serialised as compact UTF-8 JSON (no whitespace, non-ASCII
// characters unescaped), object keys sorted by their UTF-8 bytes, integers
// only (no floating-point numbers), which is what nlohmann::json::dump()
// produces for such a value. Anyone can recompute them from the file.
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "license/signing.h"
#include "registry/entity.h"

namespace amr::license {

// The payload's "type" for a licence and for an e-seal certificate.
inline constexpr std::string_view kLicenseType = "business_license";
inline constexpr std::string_view kSealType = "e_seal_certificate";

std::string Base64Encode(std::string_view bytes);
// InvalidArgument naming `field` for text that is not standard base64.
StatusOr<std::string> Base64Decode(std::string_view text, std::string_view field);

// The bytes a signature covers (see above).
std::string CanonicalBytes(const nlohmann::json& payload);

struct SignedDocument {
  nlohmann::json payload;
  std::string signature;  // base64 of the signature's bytes (signing.h)
  SignatureAlgorithm algorithm = kCurrentAlgorithm;

  std::string KeyId() const;
  // The document as one line of JSON (the file `amr license verify` reads).
  std::string ToJsonText() const;
  nlohmann::json ToJson() const;
};

// Signs `payload` (which must carry key_id == key.key_id) with the key's
// algorithm.
SignedDocument Sign(nlohmann::json payload, const KeyPair& key);

// Reads a signed document from JSON text. InvalidArgument (field "document")
// for anything that is not {"alg":"SM3withSM2"|"Ed25519","payload":{…},
// "signature":"…"}.
StatusOr<SignedDocument> ParseSignedDocument(std::string_view text);

// Why a document is not valid, by the signature alone.
enum class SignatureVerdict { kValid, kUnknownKey, kBadSignature, kMalformed };
std::string_view VerdictId(SignatureVerdict verdict);  // "valid", "unknown_key", …
struct SignatureCheck {
  SignatureVerdict verdict = SignatureVerdict::kMalformed;
  std::string reason;  // Chinese, empty when valid
  bool valid() const { return verdict == SignatureVerdict::kValid; }
};
// Checks the signature with the public key the document's key id names in
// `public_keys` (key id → public key bytes); a key of another algorithm than
// the document's is a bad signature.
SignatureCheck CheckSignature(const SignedDocument& document,
                              const std::map<std::string, std::string>& public_keys);

// The public keys of a keys file: the answer of GET /api/v1/licenses/keys
// or `amr license keys`, {"keys":[{"key_id":…,"public_key":"<base64>"},…]}.
// InvalidArgument (field "keys") for anything else.
StatusOr<std::map<std::string, std::string>> ParsePublicKeys(std::string_view json_text);

// What the licence states besides the entity's registered facts.
struct LicenseFacts {
  std::string business_scope;  // 经营范围
  std::string authority_name;  // 登记机关, e.g. 杭州市西湖区市场监督管理局
  Date issued_on = Date::FromSysDays({});
  std::string serial;  // 执照编号
  std::string key_id;
};

// The licence payload (field names in docs/license.md): uscc, name, kind,
// kind_name (类型), legal_rep_title (法定代表人/经营者/执行事务合伙人/投资人),
// legal_rep_name, registered_capital (yuan, null if none), established_on,
// address, operating_term ({"label": 营业期限|合伙期限, "from", "until": date
// or null for 长期}; absent when the entity records none), business_scope,
// registration_authority, issued_on, serial, key_id, type, version.
nlohmann::json LicensePayload(const registry::Entity& entity, const LicenseFacts& facts);

// 类型 as printed: the organisation form for enterprises, else the kind.
std::string KindNameOf(const registry::Entity& entity);
// The title of the person the licence names.
std::string LegalRepTitleOf(const registry::Entity& entity);
// "100万元" / "12.5万元" / "3000元" for yuan.
std::string CapitalText(int64_t yuan);

// E-seals: the free set issued with the licence.
enum class SealKind { kOfficial, kFinance, kInvoice, kLegalRep };
std::string_view SealKindId(SealKind kind);    // "official", "finance", "invoice", "legal_rep"
std::string_view SealKindName(SealKind kind);  // "公章", …
// Which seals `entity` receives: every kind for enterprises and
// cooperatives; 公章, 发票专用章 and the operator's 名章 for individual
// businesses (no separate finance seal).
std::vector<SealKind> SealsFor(const registry::Entity& entity);
// The text engraved on the seal: the entity's name (the name seal: the
// person's name + "印").
std::string SealText(const registry::Entity& entity, SealKind kind);

// The certificate payload of an e-seal: type, seal_id, uscc, entity name,
// kind, kind_name, text, public_key (base64), issued_on, license_serial,
// key_id.
nlohmann::json SealPayload(const registry::Entity& entity, SealKind kind, int64_t seal_id,
                           std::string_view public_key, const LicenseFacts& facts);

// The PDF carries the signed document after its end, between these lines,
// base64-encoded (see license_pdf.h).
inline constexpr std::string_view kPdfMarkerBegin = "%AMR-LICENSE-DOCUMENT-BEGIN";
inline constexpr std::string_view kPdfMarkerEnd = "%AMR-LICENSE-DOCUMENT-END";
// Appends the document to a PDF file's bytes.
std::string EmbedInPdf(std::string pdf, const SignedDocument& document);
// The signed document from a file: a PDF with an embedded document, or JSON.
// InvalidArgument (field "file") naming what is wrong otherwise.
StatusOr<SignedDocument> ReadDocumentFile(std::string_view bytes);

}  // namespace amr::license
