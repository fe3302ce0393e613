// SPDX-License-Identifier: MulanPSL-2.0
#include "license/license_document.h"

#include <fmt/format.h>
#include <sodium.h>

#include <cstdlib>

#include "common/json_input.h"

namespace amr::license {
namespace {

void EnsureSodium() { InitCrypto(); }

}  // namespace

std::string Base64Encode(std::string_view bytes) {
  EnsureSodium();
  const int variant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

StatusOr<std::string> Base64Decode(std::string_view text, std::string_view field) {
  EnsureSodium();
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return InvalidArgumentError(fmt::format("{} 不是有效的 base64 编码", field),
                                std::string(field));
  }
  out.resize(len);
  return out;
}

std::string CanonicalBytes(const nlohmann::json& payload) {
  return payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string SignedDocument::KeyId() const {
  auto it = payload.find("key_id");
  return it != payload.end() && it->is_string() ? it->get<std::string>() : "";
}

nlohmann::json SignedDocument::ToJson() const {
  return {{"alg", AlgorithmName(algorithm)}, {"payload", payload}, {"signature", signature}};
}

std::string SignedDocument::ToJsonText() const { return CanonicalBytes(ToJson()); }

SignedDocument Sign(nlohmann::json payload, const KeyPair& key) {
  const std::string signature = SignBytes(CanonicalBytes(payload), key);
  return SignedDocument{std::move(payload), Base64Encode(signature), key.algorithm};
}

StatusOr<SignedDocument> ParseSignedDocument(std::string_view text) {
  ASSIGN_OR_RETURN(nlohmann::json j, ParseJsonInput(text, "document", "执照文件"));
  if (!j.is_object()) {
    return InvalidArgumentError("这不是电子营业执照文件，请上传下载的执照文件", "document");
  }
  auto alg = j.find("alg");
  std::optional<SignatureAlgorithm> algorithm;
  if (alg != j.end() && alg->is_string()) algorithm = ParseAlgorithmName(alg->get<std::string>());
  if (!algorithm) {
    return InvalidArgumentError("这不是本平台签发的电子营业执照文件（缺少签名算法或算法不受支持）",
                                "document");
  }
  auto payload = j.find("payload");
  if (payload == j.end() || !payload->is_object()) {
    return InvalidArgumentError("执照文件缺少 payload 对象", "document");
  }
  auto sig = j.find("signature");
  if (sig == j.end() || !sig->is_string()) {
    return InvalidArgumentError("执照文件缺少 signature 字符串", "document");
  }
  return SignedDocument{*payload, sig->get<std::string>(), *algorithm};
}

std::string_view VerdictId(SignatureVerdict verdict) {
  switch (verdict) {
    case SignatureVerdict::kValid:
      return "valid";
    case SignatureVerdict::kUnknownKey:
      return "unknown_key";
    case SignatureVerdict::kBadSignature:
      return "bad_signature";
    case SignatureVerdict::kMalformed:
      return "malformed";
  }
  return "malformed";
}

SignatureCheck CheckSignature(const SignedDocument& document,
                              const std::map<std::string, std::string>& public_keys) {
  const std::string key_id = document.KeyId();
  if (key_id.empty()) return {SignatureVerdict::kMalformed, "执照内容缺少签名密钥编号 key_id"};
  auto key = public_keys.find(key_id);
  if (key == public_keys.end() || !AlgorithmOfPublicKey(key->second)) {
    return {SignatureVerdict::kUnknownKey,
            fmt::format("签名密钥 {} 不是本平台已公布的密钥", key_id)};
  }
  auto sig = Base64Decode(document.signature, "signature");
  if (!sig.ok() || sig->empty()) {
    return {SignatureVerdict::kMalformed, "签名不是 base64 编码"};
  }
  if (!VerifyBytes(document.algorithm, key->second, CanonicalBytes(document.payload), *sig)) {
    return {SignatureVerdict::kBadSignature, "签名验证失败：执照内容被改动或并非本平台签发"};
  }
  return {SignatureVerdict::kValid, ""};
}

StatusOr<std::map<std::string, std::string>> ParsePublicKeys(std::string_view json_text) {
  auto parsed = ParseJsonInput(json_text, "keys", "公钥文件");
  nlohmann::json j = parsed.ok() ? *std::move(parsed) : nlohmann::json();
  if (!j.is_object() || !j.contains("keys") || !j["keys"].is_array()) {
    return InvalidArgumentError("公钥文件应为 {\"keys\": [{\"key_id\", \"public_key\"}…]}", "keys");
  }
  std::map<std::string, std::string> out;
  for (const nlohmann::json& k : j["keys"]) {
    if (!k.is_object() || !k.contains("key_id") || !k["key_id"].is_string() ||
        !k.contains("public_key") || !k["public_key"].is_string()) {
      return InvalidArgumentError("公钥文件的每一项须有 key_id 和 public_key", "keys");
    }
    auto raw = Base64Decode(k["public_key"].get<std::string>(), "keys");
    if (!raw.ok() || !AlgorithmOfPublicKey(*raw)) {
      return InvalidArgumentError(
          fmt::format("公钥 {} 不是 SM2 公钥（DER）或 32 字节 Ed25519 公钥的 base64 编码",
                      k["key_id"].get<std::string>()),
          "keys");
    }
    if (KeyIdOf(*raw) != k["key_id"].get<std::string>()) {
      return InvalidArgumentError(
          fmt::format("公钥 {} 与其编号不符", k["key_id"].get<std::string>()), "keys");
    }
    out[k["key_id"].get<std::string>()] = *raw;
  }
  if (out.empty()) return InvalidArgumentError("公钥文件中没有公钥", "keys");
  return out;
}

std::string KindNameOf(const registry::Entity& entity) {
  switch (entity.kind) {
    case registry::EntityKind::kIndividualBusiness:
      return "个体工商户";
    case registry::EntityKind::kCooperative:
      return "农民专业合作社";
    case registry::EntityKind::kEnterprise:
      break;
  }
  return entity.org_form.empty() ? "企业" : entity.org_form;
}

std::string LegalRepTitleOf(const registry::Entity& entity) {
  if (entity.kind == registry::EntityKind::kIndividualBusiness) return "经营者";
  if (entity.org_form.find("合伙") != std::string::npos) return "执行事务合伙人";
  if (entity.org_form.find("个人独资") != std::string::npos) return "投资人";
  if (entity.org_form.find("分公司") != std::string::npos) return "负责人";
  return "法定代表人";
}

std::string CapitalText(int64_t yuan) {
  if (yuan % 10000 == 0) return fmt::format("{}万元", yuan / 10000);
  if (yuan >= 10000) {
    std::string text = fmt::format("{}.{:04d}", yuan / 10000, yuan % 10000);
    while (text.back() == '0') text.pop_back();
    return text + "万元";
  }
  return fmt::format("{}元", yuan);
}

nlohmann::json LicensePayload(const registry::Entity& entity, const LicenseFacts& facts) {
  nlohmann::json p;
  p["type"] = kLicenseType;
  p["version"] = 1;
  p["uscc"] = entity.uscc;
  p["name"] = entity.name;
  p["kind"] = registry::KindId(entity.kind);
  p["kind_name"] = KindNameOf(entity);
  p["legal_rep_title"] = LegalRepTitleOf(entity);
  p["legal_rep_name"] = entity.legal_rep_name;
  p["registered_capital"] =
      entity.registered_capital ? nlohmann::json(*entity.registered_capital) : nullptr;
  p["established_on"] = entity.established_on.ToString();
  p["address"] = entity.address;
  if (entity.operating_term) {
    p["operating_term"] = {{"label", registry::OperatingTermLabel(entity)},
                           {"from", entity.established_on.ToString()},
                           {"until", entity.operating_term->until
                                         ? nlohmann::json(entity.operating_term->until->ToString())
                                         : nlohmann::json(nullptr)}};
  }
  p["business_scope"] = facts.business_scope;
  p["registration_authority"] = facts.authority_name;
  p["issued_on"] = facts.issued_on.ToString();
  p["serial"] = facts.serial;
  p["key_id"] = facts.key_id;
  return p;
}

std::string_view SealKindId(SealKind kind) {
  switch (kind) {
    case SealKind::kOfficial:
      return "official";
    case SealKind::kFinance:
      return "finance";
    case SealKind::kInvoice:
      return "invoice";
    case SealKind::kLegalRep:
      return "legal_rep";
  }
  return "official";
}

std::string_view SealKindName(SealKind kind) {
  switch (kind) {
    case SealKind::kOfficial:
      return "公章";
    case SealKind::kFinance:
      return "财务专用章";
    case SealKind::kInvoice:
      return "发票专用章";
    case SealKind::kLegalRep:
      return "法定代表人名章";
  }
  return "公章";
}

std::vector<SealKind> SealsFor(const registry::Entity& entity) {
  if (entity.kind == registry::EntityKind::kIndividualBusiness) {
    return {SealKind::kOfficial, SealKind::kInvoice, SealKind::kLegalRep};
  }
  return {SealKind::kOfficial, SealKind::kFinance, SealKind::kInvoice, SealKind::kLegalRep};
}

std::string SealText(const registry::Entity& entity, SealKind kind) {
  switch (kind) {
    case SealKind::kLegalRep:
      return entity.legal_rep_name + "印";
    case SealKind::kFinance:
      return entity.name + "财务专用章";
    case SealKind::kInvoice:
      return entity.name + "发票专用章";
    case SealKind::kOfficial:
      break;
  }
  return entity.name;
}

nlohmann::json SealPayload(const registry::Entity& entity, SealKind kind, int64_t seal_id,
                           std::string_view public_key, const LicenseFacts& facts) {
  nlohmann::json p;
  p["type"] = kSealType;
  p["version"] = 1;
  p["seal_id"] = seal_id;
  p["uscc"] = entity.uscc;
  p["name"] = entity.name;
  p["kind"] = SealKindId(kind);
  p["kind_name"] = SealKindName(kind);
  p["text"] = SealText(entity, kind);
  p["public_key"] = Base64Encode(public_key);
  p["issued_on"] = facts.issued_on.ToString();
  p["license_serial"] = facts.serial;
  p["key_id"] = facts.key_id;
  return p;
}

std::string EmbedInPdf(std::string pdf, const SignedDocument& document) {
  if (!pdf.empty() && pdf.back() != '\n') pdf += '\n';
  pdf += kPdfMarkerBegin;
  pdf += '\n';
  pdf += '%';
  pdf += Base64Encode(document.ToJsonText());
  pdf += '\n';
  pdf += kPdfMarkerEnd;
  pdf += '\n';
  return pdf;
}

StatusOr<SignedDocument> ReadDocumentFile(std::string_view bytes) {
  if (bytes.starts_with("%PDF")) {
    const size_t begin = bytes.rfind(kPdfMarkerBegin);
    if (begin == std::string_view::npos) {
      return InvalidArgumentError("PDF 文件中没有嵌入的电子营业执照签名数据", "file");
    }
    size_t start = begin + kPdfMarkerBegin.size();
    while (start < bytes.size() && (bytes[start] == '\n' || bytes[start] == '\r')) ++start;
    if (start < bytes.size() && bytes[start] == '%') ++start;
    const size_t end = bytes.find(kPdfMarkerEnd, start);
    if (end == std::string_view::npos) {
      return InvalidArgumentError("PDF 文件中嵌入的签名数据不完整", "file");
    }
    std::string_view encoded = bytes.substr(start, end - start);
    while (!encoded.empty() && (encoded.back() == '\n' || encoded.back() == '\r')) {
      encoded.remove_suffix(1);
    }
    auto text = Base64Decode(encoded, "file");
    if (!text.ok()) return InvalidArgumentError("PDF 文件中嵌入的签名数据不是 base64", "file");
    auto doc = ParseSignedDocument(*text);
    if (!doc.ok()) return doc.status().WithField("file");
    return doc;
  }
  auto doc = ParseSignedDocument(bytes);
  if (!doc.ok()) return doc.status().WithField("file");
  return doc;
}

}  // namespace amr::license
