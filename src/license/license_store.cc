// SPDX-License-Identifier: MulanPSL-2.0
#include "license/license_store.h"

#include <fmt/format.h>
#include <soci/soci.h>
#include <sodium.h>

#include <algorithm>

#include "license/internal/store_support.h"
#include "storage/rows.h"
#include "storage/serial_counter.h"

namespace amr::license {
namespace {

constexpr std::string_view kSigningAudience = "license";

audit::Actor System() { return audit::Actor{}; }

using storage::RowInt;
using storage::RowText;

std::string Sha256Hex(std::string_view text) {
  InitCrypto();
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::string hex;
  for (unsigned char c : hash) hex += fmt::format("{:02x}", c);
  return hex;
}

std::string RandomToken() {
  InitCrypto();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(sizeof bytes, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, sizeof bytes, variant);
  out.resize(out.size() - 1);
  return out;
}

StatusOr<std::optional<std::string>> EntityStatusOf(soci::session& sql, std::string_view uscc) {
  std::string status;
  soci::indicator ind = soci::i_null;
  const std::string u(uscc);
  sql << "SELECT status FROM entity WHERE uscc = :u", soci::into(status, ind), soci::use(u);
  if (!sql.got_data()) return std::optional<std::string>();
  return std::optional<std::string>(status);
}

StatusOr<KeyPair> DecodeKey(const std::string& key_id, const std::string& public_b64,
                            const std::string& secret_b64) {
  ASSIGN_OR_RETURN(std::string public_key, Base64Decode(public_b64, "public_key"));
  ASSIGN_OR_RETURN(std::string secret_key, Base64Decode(secret_b64, "secret_key"));
  return KeyPairFromBytes(key_id, std::move(public_key), std::move(secret_key));
}

StatusOr<KeyPair> CreateSigningKey(soci::session& sql, const audit::Actor& actor,
                                   const Clock& clock, std::string_view action) {
  KeyPair key = GenerateKeyPair();
  const std::string now = FormatChinaTime(clock.Now());
  const std::string pub = Base64Encode(key.public_key);
  const std::string sec = Base64Encode(key.secret_key);
  sql << "INSERT INTO license_signing_key (key_id, public_key, secret_key, created_at, "
         "retired_at) VALUES (:id, :pub, :sec, :now, NULL)",
      soci::use(key.key_id), soci::use(pub), soci::use(sec), soci::use(now);
  RETURN_IF_ERROR(
      audit::Append(sql,
                    {actor, std::string(action), "license_signing_key", key.key_id, nullptr,
                     nlohmann::json{{"key_id", key.key_id},
                                    {"alg", AlgorithmName(key.algorithm)},
                                    {"public_key", pub},
                                    {"purpose", kSigningAudience}}},
                    clock));
  return key;
}

Status InsertAdmin(soci::session& sql, std::string_view uscc, int64_t user_id,
                   const std::string& now) {
  const std::string u(uscc);
  long long uid = user_id;
  sql << "INSERT INTO license_admin (uscc, user_id, granted_at) VALUES (:u, :id, :now)",
      soci::use(u), soci::use(uid), soci::use(now);
  return OkStatus();
}

nlohmann::json SealSummary(const IssuedSeal& s) {
  return {{"id", s.id}, {"kind", s.kind}, {"public_key", s.public_key}};
}

}  // namespace

namespace internal {

Status RequireLicense(soci::session& sql, std::string_view uscc) {
  const std::string u(uscc);
  long long n = 0;
  sql << "SELECT COUNT(*) FROM license WHERE uscc = :u", soci::into(n), soci::use(u);
  if (n == 0) return NotFoundError(fmt::format("{} 没有电子营业执照", uscc), "uscc");
  return OkStatus();
}

}  // namespace internal

// ---- Signing keys -------------------------------------------------------

StatusOr<KeyPair> ActiveSigningKey(soci::session& sql, const Clock& clock) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT key_id, public_key, secret_key FROM license_signing_key "
                      "WHERE retired_at IS NULL ORDER BY created_at DESC, key_id");
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(KeyPair key, DecodeKey(RowText(r, 0), RowText(r, 1), RowText(r, 2)));
    if (key.algorithm == kCurrentAlgorithm) return key;
    // A key of an algorithm no longer used for signing (Ed25519, before SM2):
    // retired on its first use, its documents still verified (docs/license.md).
    ASSIGN_OR_RETURN(SigningKeyInfo rotated, RotateSigningKey(sql, System(), clock));
    (void)rotated;
    return ActiveSigningKey(sql, clock);
  }
  return CreateSigningKey(sql, System(), clock, "license.key_create");
}

StatusOr<SigningKeyInfo> RotateSigningKey(soci::session& sql, const audit::Actor& actor,
                                          const Clock& clock) {
  const std::string now = FormatChinaTime(clock.Now());
  sql << "UPDATE license_signing_key SET retired_at = :now WHERE retired_at IS NULL",
      soci::use(now);
  ASSIGN_OR_RETURN(KeyPair key, CreateSigningKey(sql, actor, clock, "license.key_rotate"));
  return SigningKeyInfo{key.key_id, Base64Encode(key.public_key),
                        std::string(AlgorithmName(key.algorithm)), now, ""};
}

StatusOr<std::vector<SigningKeyInfo>> ListSigningKeys(soci::session& sql) {
  std::vector<SigningKeyInfo> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT key_id, public_key, created_at, retired_at FROM "
                      "license_signing_key ORDER BY created_at DESC, key_id");
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(std::string public_key, Base64Decode(RowText(r, 1), "public_key"));
    std::optional<SignatureAlgorithm> algorithm = AlgorithmOfPublicKey(public_key);
    if (!algorithm) return InternalError(fmt::format("签名密钥 {} 的公钥无法识别", RowText(r, 0)));
    out.push_back({RowText(r, 0), RowText(r, 1), std::string(AlgorithmName(*algorithm)),
                   RowText(r, 2), RowText(r, 3)});
  }
  // A rotation within one second: the signing key first.
  std::stable_sort(out.begin(), out.end(), [](const SigningKeyInfo& a, const SigningKeyInfo& b) {
    return a.active() && !b.active();
  });
  return out;
}

StatusOr<std::map<std::string, std::string>> PublicKeys(soci::session& sql) {
  ASSIGN_OR_RETURN(std::vector<SigningKeyInfo> keys, ListSigningKeys(sql));
  std::map<std::string, std::string> out;
  for (const SigningKeyInfo& k : keys) {
    ASSIGN_OR_RETURN(out[k.key_id], Base64Decode(k.public_key, "public_key"));
  }
  return out;
}

// ---- Issuing ------------------------------------------------------------

StatusOr<int64_t> LicenseHolderAccount(soci::session& sql, const registry::Entity& entity,
                                       int64_t applicant_user_id) {
  if (entity.legal_rep_id.empty()) return int64_t{0};
  if (applicant_user_id > 0) {
    long long uid = applicant_user_id;
    std::string citizen;
    soci::indicator ind = soci::i_null;
    sql << "SELECT citizen_id FROM app_user WHERE id = :id AND kind = 'applicant' AND active = 1",
        soci::use(uid), soci::into(citizen, ind);
    if (sql.got_data() && ind == soci::i_ok && citizen == entity.legal_rep_id) {
      return applicant_user_id;
    }
  }
  long long found = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MIN(id) FROM app_user WHERE citizen_id = :c AND kind = 'applicant' AND "
         "active = 1",
      soci::use(entity.legal_rep_id), soci::into(found, ind);
  return ind == soci::i_ok ? static_cast<int64_t>(found) : int64_t{0};
}

StatusOr<IssuedLicense> IssueLicense(soci::session& sql, const registry::Entity& entity,
                                     const LicenseExtras& extras, const Clock& clock) {
  if (extras.business_scope.empty()) {
    return InvalidArgumentError("经营范围不能为空", "business_scope");
  }
  if (extras.authority_name.empty()) {
    return InvalidArgumentError("登记机关名称不能为空", "authority_name");
  }
  if (extras.holder_user_id <= 0) {
    return InvalidArgumentError("须指明持照人（法定代表人或经营者）的账户", "holder_user_id");
  }
  {
    // 电子营业执照管理办法（试行）: the holder is the legal representative
    // (operator). An account whose recorded citizen ID is someone else's is an
    // agent at most, by the holder's authorisation.
    long long uid = extras.holder_user_id;
    std::string citizen;
    soci::indicator ind = soci::i_null;
    sql << "SELECT citizen_id FROM app_user WHERE id = :id", soci::use(uid),
        soci::into(citizen, ind);
    if (sql.got_data() && ind == soci::i_ok && !citizen.empty() && !entity.legal_rep_id.empty() &&
        citizen != entity.legal_rep_id) {
      return InvalidArgumentError(
          fmt::format(
              "电子营业执照的持照人须为{}本人；其他人经持照人授权后作为经办人",
              entity.kind == registry::EntityKind::kIndividualBusiness ? "经营者" : "法定代表人"),
          "holder_user_id");
    }
  }
  ASSIGN_OR_RETURN(std::optional<std::string> status, EntityStatusOf(sql, entity.uscc));
  if (!status) {
    return NotFoundError(fmt::format("市场主体 {} 尚未登记，不能签发执照", entity.uscc), "uscc");
  }
  if (*status == "deregistered" || *status == "revoked") {
    return FailedPreconditionError(
        fmt::format("市场主体 {} 已注销或被吊销，不能签发执照", entity.uscc), "uscc");
  }
  {
    const std::string u = entity.uscc;
    long long n = 0;
    sql << "SELECT COUNT(*) FROM license WHERE uscc = :u", soci::into(n), soci::use(u);
    if (n > 0) {
      return AlreadyExistsError(fmt::format("{} 已有电子营业执照", entity.uscc), "uscc");
    }
  }
  ASSIGN_OR_RETURN(KeyPair key, ActiveSigningKey(sql, clock));
  ASSIGN_OR_RETURN(int64_t number, storage::NextSerial(sql, "license_serial"));
  const Clock::TimePoint now_tp = clock.Now();
  const std::string now = FormatChinaTime(now_tp);
  LicenseFacts facts;
  facts.business_scope = extras.business_scope;
  facts.authority_name = extras.authority_name;
  facts.issued_on = ChinaDate(now_tp);
  facts.serial = fmt::format("{}{:010d}", facts.issued_on.ToString().substr(0, 4), number);
  facts.key_id = key.key_id;

  IssuedLicense issued;
  issued.uscc = entity.uscc;
  issued.serial = facts.serial;
  issued.key_id = key.key_id;
  issued.issued_at = now;
  issued.holder_user_id = extras.holder_user_id;
  issued.document = Sign(LicensePayload(entity, facts), key);
  const std::string text = issued.document.ToJsonText();
  long long holder = extras.holder_user_id;
  sql << "INSERT INTO license (uscc, serial, key_id, document, holder_user_id, issued_at) "
         "VALUES (:u, :serial, :key, :doc, :holder, :now)",
      soci::use(issued.uscc), soci::use(issued.serial), soci::use(issued.key_id), soci::use(text),
      soci::use(holder), soci::use(now);
  RETURN_IF_ERROR(InsertAdmin(sql, entity.uscc, extras.holder_user_id, now));

  nlohmann::json seal_summaries = nlohmann::json::array();
  for (SealKind kind : SealsFor(entity)) {
    ASSIGN_OR_RETURN(int64_t seal_id, storage::NextSerial(sql, "e_seal"));
    KeyPair seal_key = GenerateKeyPair();
    IssuedSeal seal;
    seal.id = seal_id;
    seal.kind = std::string(SealKindId(kind));
    seal.kind_name = std::string(SealKindName(kind));
    seal.text = SealText(entity, kind);
    seal.public_key = Base64Encode(seal_key.public_key);
    seal.certificate = Sign(SealPayload(entity, kind, seal_id, seal_key.public_key, facts), key);
    seal.private_key = Base64Encode(seal_key.secret_key);
    const std::string cert = seal.certificate.ToJsonText();
    long long sid = seal_id;
    sql << "INSERT INTO e_seal (id, uscc, kind, name, public_key, certificate, issued_at) "
           "VALUES (:id, :u, :kind, :name, :pub, :cert, :now)",
        soci::use(sid), soci::use(issued.uscc), soci::use(seal.kind), soci::use(seal.text),
        soci::use(seal.public_key), soci::use(cert), soci::use(now);
    seal_summaries.push_back(SealSummary(seal));
    issued.seals.push_back(std::move(seal));
  }
  RETURN_IF_ERROR(audit::Append(
      sql,
      {extras.actor.value_or(System()), "license.issue", "license", entity.uscc, nullptr,
       nlohmann::json{{"serial", issued.serial},
                      {"key_id", issued.key_id},
                      {"holder_user_id", extras.holder_user_id},
                      {"seals", seal_summaries}}},
      clock));
  return issued;
}

StatusOr<bool> ReissueLicense(soci::session& sql, const registry::Entity& entity,
                              std::string_view business_scope, const audit::Actor& actor,
                              const Clock& clock) {
  std::string old_serial, old_text;
  sql << "SELECT serial, document FROM license WHERE uscc = :u", soci::into(old_serial),
      soci::into(old_text), soci::use(entity.uscc);
  if (!sql.got_data()) return false;
  ASSIGN_OR_RETURN(SignedDocument old, ParseSignedDocument(old_text));
  ASSIGN_OR_RETURN(KeyPair key, ActiveSigningKey(sql, clock));
  ASSIGN_OR_RETURN(int64_t number, storage::NextSerial(sql, "license_serial"));
  const Clock::TimePoint now_tp = clock.Now();
  const std::string now = FormatChinaTime(now_tp);
  LicenseFacts facts;
  facts.business_scope = business_scope.empty() ? old.payload.value("business_scope", std::string())
                                                : std::string(business_scope);
  facts.authority_name = old.payload.value("registration_authority", std::string());
  facts.issued_on = ChinaDate(now_tp);
  facts.serial = fmt::format("{}{:010d}", facts.issued_on.ToString().substr(0, 4), number);
  facts.key_id = key.key_id;
  const std::string text = Sign(LicensePayload(entity, facts), key).ToJsonText();
  sql << "UPDATE license SET serial = :s, key_id = :k, document = :d, issued_at = :now "
         "WHERE uscc = :u",
      soci::use(facts.serial), soci::use(facts.key_id), soci::use(text), soci::use(now),
      soci::use(entity.uscc);
  RETURN_IF_ERROR(audit::Append(
      sql,
      {actor, "license.reissue", "license", entity.uscc, nlohmann::json{{"serial", old_serial}},
       nlohmann::json{{"serial", facts.serial}, {"key_id", key.key_id}}},
      clock));
  return true;
}

StatusOr<IssuedLicense> GetLicense(soci::session& sql, std::string_view uscc) {
  const std::string u(uscc);
  IssuedLicense out;
  bool found = false;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT serial, key_id, document, holder_user_id, issued_at FROM license "
                        "WHERE uscc = :u",
         soci::use(u));
    for (const soci::row& r : rows) {
      found = true;
      out.uscc = u;
      out.serial = RowText(r, 0);
      out.key_id = RowText(r, 1);
      ASSIGN_OR_RETURN(out.document, ParseSignedDocument(RowText(r, 2)));
      out.holder_user_id = RowInt(r, 3);
      out.issued_at = RowText(r, 4);
    }
  }
  if (!found) return NotFoundError(fmt::format("{} 没有电子营业执照", uscc), "uscc");
  soci::rowset<soci::row> seals =
      (sql.prepare << "SELECT id, kind, name, public_key, certificate FROM e_seal WHERE uscc = :u "
                      "ORDER BY id",
       soci::use(u));
  for (const soci::row& r : seals) {
    IssuedSeal s;
    s.id = RowInt(r, 0);
    s.kind = RowText(r, 1);
    s.text = RowText(r, 2);
    s.public_key = RowText(r, 3);
    ASSIGN_OR_RETURN(s.certificate, ParseSignedDocument(RowText(r, 4)));
    auto name = s.certificate.payload.find("kind_name");
    if (name != s.certificate.payload.end() && name->is_string()) s.kind_name = *name;
    out.seals.push_back(std::move(s));
  }
  return out;
}

StatusOr<std::string> LicensedBusinessScope(soci::session& sql, std::string_view uscc) {
  const std::string u(uscc);
  std::string document;
  soci::indicator ind = soci::i_null;
  sql << "SELECT document FROM license WHERE uscc = :u", soci::use(u), soci::into(document, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::string();
  ASSIGN_OR_RETURN(SignedDocument parsed, ParseSignedDocument(document));
  return parsed.payload.value("business_scope", std::string());
}

StatusOr<std::vector<ManagedLicense>> ListManagedLicenses(soci::session& sql, int64_t user_id,
                                                          const Date& today) {
  long long uid = user_id;
  const std::string day = today.ToString();
  std::vector<ManagedLicense> out;
  auto seen = [&](const std::string& uscc) {
    return std::any_of(out.begin(), out.end(),
                       [&](const ManagedLicense& m) { return m.uscc == uscc; });
  };
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT e.uscc, e.name, e.kind, e.status FROM license_admin a JOIN "
                        "entity e ON e.uscc = a.uscc WHERE a.user_id = :u ORDER BY e.name",
         soci::use(uid));
    for (const soci::row& r : rows) {
      out.push_back({RowText(r, 0), RowText(r, 1), RowText(r, 2), RowText(r, 3), true, {}});
    }
  }
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT e.uscc, e.name, e.kind, e.status, z.tasks FROM "
                      "license_authorization z JOIN entity e ON e.uscc = z.uscc WHERE "
                      "z.agent_user_id = :u AND z.revoked_at IS NULL AND z.valid_from <= :d1 "
                      "AND z.valid_until >= :d2 ORDER BY e.name, z.id",
       soci::use(uid), soci::use(day), soci::use(day));
  for (const soci::row& r : rows) {
    if (seen(RowText(r, 0))) continue;
    ManagedLicense m{RowText(r, 0), RowText(r, 1), RowText(r, 2), RowText(r, 3), false, {}};
    std::string tasks = RowText(r, 4);
    for (size_t start = 0; start <= tasks.size();) {
      const size_t comma = std::min(tasks.find(',', start), tasks.size());
      if (comma > start) m.tasks.push_back(tasks.substr(start, comma - start));
      start = comma + 1;
    }
    out.push_back(std::move(m));
  }
  return out;
}

StatusOr<bool> IsLicenseAdmin(soci::session& sql, std::string_view uscc, int64_t user_id) {
  const std::string u(uscc);
  long long uid = user_id;
  long long n = 0;
  sql << "SELECT COUNT(*) FROM license_admin WHERE uscc = :u AND user_id = :id", soci::into(n),
      soci::use(u), soci::use(uid);
  return n > 0;
}

StatusOr<AdminTransfer> TransferLicenseAdmin(soci::session& sql, std::string_view uscc,
                                             std::string_view old_operator_id,
                                             std::string_view new_operator_id,
                                             const audit::Actor& actor, const Clock& clock) {
  const std::string u(uscc), old_id(old_operator_id), new_id(new_operator_id);
  AdminTransfer out;
  long long licences = 0;
  sql << "SELECT COUNT(*) FROM license WHERE uscc = :u", soci::into(licences), soci::use(u);
  if (licences == 0) return out;
  out.has_license = true;
  if (!old_id.empty()) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT a.user_id FROM license_admin a JOIN app_user p ON p.id = "
                        "a.user_id WHERE a.uscc = :u AND p.citizen_id = :c ORDER BY a.user_id",
         soci::use(u), soci::use(old_id));
    for (const soci::row& r : rows) out.removed_user_ids.push_back(RowInt(r, 0));
  }
  for (int64_t id : out.removed_user_ids) {
    long long uid = id;
    sql << "DELETE FROM license_admin WHERE uscc = :u AND user_id = :id", soci::use(u),
        soci::use(uid);
  }
  if (!new_id.empty()) {
    long long found = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT MIN(id) FROM app_user WHERE citizen_id = :c AND kind = 'applicant' AND "
           "active = 1",
        soci::use(new_id), soci::into(found, ind);
    if (ind == soci::i_ok && found > 0) {
      ASSIGN_OR_RETURN(bool already, IsLicenseAdmin(sql, uscc, found));
      if (!already) RETURN_IF_ERROR(InsertAdmin(sql, uscc, found, FormatChinaTime(clock.Now())));
      out.added_user_id = found;
    }
  }
  auto mask = [](const std::string& id) {
    return id.size() == 18 ? id.substr(0, 6) + "********" + id.substr(14) : std::string();
  };
  RETURN_IF_ERROR(audit::Append(
      sql,
      {actor, "license.admin_transfer", "license", u,
       nlohmann::json{{"operator_citizen_id", mask(old_id)}, {"admins", out.removed_user_ids}},
       nlohmann::json{{"operator_citizen_id", mask(new_id)}, {"admin", out.added_user_id}}},
      clock));
  return out;
}

// ---- Verification -------------------------------------------------------

StatusOr<Verification> VerifyDocument(soci::session& sql, const SignedDocument& document) {
  Verification v;
  v.key_id = document.KeyId();
  ASSIGN_OR_RETURN(auto keys, PublicKeys(sql));
  SignatureCheck check = CheckSignature(document, keys);
  if (!check.valid()) {
    v.code = std::string(VerdictId(check.verdict));
    v.reason = check.reason;
    return v;
  }
  const nlohmann::json& p = document.payload;
  if (p.value("type", "") != kLicenseType || !p.contains("uscc") || !p["uscc"].is_string() ||
      !p.contains("serial") || !p["serial"].is_string()) {
    v.code = "malformed";
    v.reason = "签名有效，但该文件不是营业执照（可能是电子印章证书）";
    return v;
  }
  const std::string uscc = p["uscc"];
  ASSIGN_OR_RETURN(std::optional<std::string> status, EntityStatusOf(sql, uscc));
  if (status) {
    v.entity_status = *status;
    auto parsed = registry::ParseStatus(*status);
    if (parsed.ok()) v.entity_status_name = std::string(registry::StatusName(*parsed));
  }
  std::string serial;
  soci::indicator ind = soci::i_null;
  sql << "SELECT serial FROM license WHERE uscc = :u", soci::into(serial, ind), soci::use(uscc);
  if (!sql.got_data()) {
    v.code = "no_such_license";
    v.reason = fmt::format("登记机关没有 {} 的执照记录", uscc);
    return v;
  }
  if (serial != p["serial"].get<std::string>()) {
    v.code = "superseded";
    v.reason = fmt::format("该执照（编号 {}）已被编号 {} 的执照取代",
                           p["serial"].get<std::string>(), serial);
    return v;
  }
  if (v.entity_status == "deregistered") {
    v.code = "entity_deregistered";
    v.reason = "签名有效，但该市场主体已注销，执照失效";
    return v;
  }
  if (v.entity_status == "revoked") {
    v.code = "entity_revoked";
    v.reason = "签名有效，但该市场主体已被吊销营业执照";
    return v;
  }
  v.valid = true;
  v.code = "valid";
  return v;
}

// ---- Dynamic QR codes ---------------------------------------------------

StatusOr<QrToken> CreateQrToken(soci::session& sql, std::string_view uscc, std::chrono::seconds ttl,
                                const audit::Actor& actor, const Clock& clock) {
  RETURN_IF_ERROR(internal::RequireLicense(sql, uscc));
  if (ttl.count() <= 0) return InvalidArgumentError("二维码有效期须为正数", "ttl");
  QrToken token;
  token.token = RandomToken();
  const Clock::TimePoint now = clock.Now();
  token.expires_at = FormatChinaTime(now + ttl);
  const std::string created = FormatChinaTime(now);
  const std::string hash = Sha256Hex(token.token);
  const std::string u(uscc);
  sql << "INSERT INTO license_qr_token (token_hash, uscc, created_at, expires_at) VALUES (:h, :u, "
         ":c, :e)",
      soci::use(hash), soci::use(u), soci::use(created), soci::use(token.expires_at);
  RETURN_IF_ERROR(audit::Append(
      sql,
      {actor, "license.qr_issue", "license", u, nullptr,
       nlohmann::json{{"token_sha256", hash.substr(0, 16)}, {"expires_at", token.expires_at}}},
      clock));
  return token;
}

StatusOr<QrLookup> ResolveQrToken(soci::session& sql, std::string_view token, const Clock& clock) {
  const std::string hash = Sha256Hex(token);
  std::string uscc, expires;
  soci::indicator i1 = soci::i_null, i2 = soci::i_null;
  sql << "SELECT uscc, expires_at FROM license_qr_token WHERE token_hash = :h",
      soci::into(uscc, i1), soci::into(expires, i2), soci::use(hash);
  if (!sql.got_data()) return NotFoundError("二维码无效", "token");
  ASSIGN_OR_RETURN(Clock::TimePoint until, ParseTime(expires, "expires_at"));
  QrLookup out;
  if (clock.Now() >= until) {
    out.expired = true;
    return out;
  }
  ASSIGN_OR_RETURN(out.license, GetLicense(sql, uscc));
  return out;
}

}  // namespace amr::license
