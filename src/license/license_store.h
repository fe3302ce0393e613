// SPDX-License-Identifier: MulanPSL-2.0
// The electronic business licence in the store: the platform's signing keys,
// issuing a licence and its e-seals, the licence's administrators, agent
// authorisations, verification and short-lived QR tokens. docs/license.md.
//
// Every write runs inside the caller's transaction and appends its audit
// record there. Reads take the session of a read or write transaction.
//
// Thread-safety: functions are thread-safe; a session is not.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/status.h"
#include "license/license_document.h"
#include "registry/entity.h"
#include "storage/database.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::license {

// ---- Signing keys -------------------------------------------------------

struct SigningKeyInfo {
  std::string key_id;
  std::string public_key;  // base64
  std::string algorithm;   // "SM3withSM2" | "Ed25519" (signing.h)
  std::string created_at;
  std::string retired_at;  // "" while it signs
  bool active() const { return retired_at.empty(); }
};

// The key that signs now: the newest one not retired; creates (and audits)
// one on first use.
StatusOr<KeyPair> ActiveSigningKey(soci::session& sql, const Clock& clock);
// Retires the signing key and creates a new one (audited as
// "license.key_rotate"). Documents signed by retired keys still verify.
StatusOr<SigningKeyInfo> RotateSigningKey(soci::session& sql, const audit::Actor& actor,
                                          const Clock& clock);
// Every key, newest first.
StatusOr<std::vector<SigningKeyInfo>> ListSigningKeys(soci::session& sql);
// key id → raw public key, for CheckSignature.
StatusOr<std::map<std::string, std::string>> PublicKeys(soci::session& sql);

// ---- Issuing ------------------------------------------------------------

struct LicenseExtras {
  std::string business_scope;  // 经营范围 as registered
  std::string authority_name;  // 登记机关
  // The holder's account (LicenseHolderAccount): the licence's first
  // administrator. Never merely the applicant who filed.
  int64_t holder_user_id = 0;
  // Who the audit record names; the platform ("system") when not set.
  std::optional<audit::Actor> actor;
};

struct IssuedSeal {
  int64_t id = 0;
  std::string kind;        // SealKindId
  std::string kind_name;   // 公章 …
  std::string text;        // engraved text
  std::string public_key;  // base64
  SignedDocument certificate;
  // base64 of the 64-byte Ed25519 secret key: present only in the value
  // IssueLicense returns, never stored. Hand it to the holder once.
  std::string private_key;
};

struct IssuedLicense {
  std::string uscc;
  std::string serial;
  std::string key_id;
  std::string issued_at;
  int64_t holder_user_id = 0;
  SignedDocument document;
  std::vector<IssuedSeal> seals;
};

// 电子营业执照管理办法（试行）: the holder (持照人) of an enterprise's licence is
// its legal representative (负责人); of a 个体工商户's, the operator — in
// both cases the entity's legal_rep_id. The holder's account is
// `applicant_user_id` when that account's citizen ID is the holder's, else the
// oldest active applicant account with it, else 0 (none yet: the licence is
// issued once the holder has an account). An applicant who filed for someone
// else manages the licence only as an agent the holder authorises
// (GrantAuthorization).
StatusOr<int64_t> LicenseHolderAccount(soci::session& sql, const registry::Entity& entity,
                                       int64_t applicant_user_id);

// Issues the licence of a newly registered `entity` (which must already be
// in the store, in this transaction) with its e-seals, makes
// extras.holder_user_id its first administrator and audits "license.issue".
// Serial: "<issue year><10-digit counter>".
// Errors: InvalidArgument naming "business_scope", "authority_name" or
// "holder_user_id" when empty/zero, or when the account's recorded citizen ID
// is not the legal representative's (operator's); AlreadyExists when the entity already has
// a licence; NotFound when the entity is not in the store; FailedPrecondition
// when it is deregistered or revoked.
StatusOr<IssuedLicense> IssueLicense(soci::session& sql, const registry::Entity& entity,
                                     const LicenseExtras& extras, const Clock& clock);

// 换发: after a 变更 of what the licence shows (name, address, legal
// representative, capital, scope), a new document with a new serial, signed
// now with the entity as stored, replaces the one on file; the old licence
// then verifies as "superseded". Administrators and e-seals stay.
// `business_scope` empty keeps the scope on file. Audited "license.reissue"
// (old and new serial). Without a licence nothing happens (false).
StatusOr<bool> ReissueLicense(soci::session& sql, const registry::Entity& entity,
                              std::string_view business_scope, const audit::Actor& actor,
                              const Clock& clock);

// The stored licence (seals without private keys). NotFound if none.
StatusOr<IssuedLicense> GetLicense(soci::session& sql, std::string_view uscc);
// 经营范围 as the entity's licence states it; "" when it has no licence.
StatusOr<std::string> LicensedBusinessScope(soci::session& sql, std::string_view uscc);

// An entity whose licence a user manages: as one of its administrators, or as
// an agent with an authorisation in force today.
struct ManagedLicense {
  std::string uscc;
  std::string name;
  std::string kind;    // registry::KindId
  std::string status;  // registry::StatusId
  bool admin = false;
  std::vector<std::string> tasks;  // the agent's tasks; empty for an administrator
};
// The licences `user_id` manages, administrators' first, then by name.
StatusOr<std::vector<ManagedLicense>> ListManagedLicenses(soci::session& sql, int64_t user_id,
                                                          const Date& today);

// Whether `user_id` is one of the licence's administrators (持照人管理员).
StatusOr<bool> IsLicenseAdmin(soci::session& sql, std::string_view uscc, int64_t user_id);

// 促进个体工商户发展条例 Art. 13 (变更经营者): the licence stays, its
// administrator rights pass from the old operator to the new one. Accounts
// whose citizen ID is `old_operator_id` stop being administrators; the
// active applicant account whose citizen ID is `new_operator_id` becomes one
// (none yet: `added_user_id` 0, and the window adds it once the operator has
// an account). Audited "license.admin_transfer" with masked IDs. Without a
// licence nothing changes (`has_license` false).
struct AdminTransfer {
  bool has_license = false;
  std::vector<int64_t> removed_user_ids;
  int64_t added_user_id = 0;
};
StatusOr<AdminTransfer> TransferLicenseAdmin(soci::session& sql, std::string_view uscc,
                                             std::string_view old_operator_id,
                                             std::string_view new_operator_id,
                                             const audit::Actor& actor, const Clock& clock);

// ---- Verification -------------------------------------------------------

struct Verification {
  bool valid = false;
  std::string code;    // "valid", "unknown_key", "bad_signature", "malformed",
                       // "no_such_license", "superseded", "entity_deregistered",
                       // "entity_revoked"
  std::string reason;  // Chinese, empty when valid
  std::string key_id;
  std::string entity_status;       // "active"… from the store; "" if unknown
  std::string entity_status_name;  // "存续"…
};

// Checks `document` against the store: the signature by a key of the
// platform (retired keys included), that it is the licence on file for its
// USCC, and the entity's status (注销/吊销 entities are invalid, with the
// status named; 歇业 stays valid and is shown).
StatusOr<Verification> VerifyDocument(soci::session& sql, const SignedDocument& document);

// ---- Dynamic QR codes ---------------------------------------------------

struct QrToken {
  std::string token;       // 43 characters, URL-safe
  std::string expires_at;  // RFC 3339 +08:00
};
// A new token for the licence of `uscc`, valid for `ttl` (audited as
// "license.qr_issue"). NotFound if there is no licence.
StatusOr<QrToken> CreateQrToken(soci::session& sql, std::string_view uscc, std::chrono::seconds ttl,
                                const audit::Actor& actor, const Clock& clock);
struct QrLookup {
  bool expired = false;
  IssuedLicense license;  // filled when not expired
};
// The licence a token shows. NotFound for an unknown token.
StatusOr<QrLookup> ResolveQrToken(soci::session& sql, std::string_view token, const Clock& clock);

// ---- Agent authorisations -----------------------------------------------

// The tasks an agent can be authorised for, in this order.
struct TaskInfo {
  std::string_view id;    // "registration"
  std::string_view name;  // "登记注册"
};
std::span<const TaskInfo> AllTasks();
// InvalidArgument (field "tasks") naming the known tasks otherwise; accepts
// the id or the Chinese name.
StatusOr<std::string> ParseTask(std::string_view text);

struct NewAuthorization {
  int64_t agent_user_id = 0;     // a user of the platform, or
  std::string agent_citizen_id;  // a person named by citizen ID (agent_name required)
  std::string agent_name;
  std::vector<std::string> tasks;  // task ids
  Date valid_from = Date::FromSysDays({});
  Date valid_until = Date::FromSysDays({});
};

struct Authorization {
  int64_t id = 0;
  std::string uscc;
  int64_t agent_user_id = 0;
  std::string agent_citizen_id;
  std::string agent_name;
  std::vector<std::string> tasks;
  Date valid_from = Date::FromSysDays({});
  Date valid_until = Date::FromSysDays({});
  int64_t granted_by = 0;
  std::string granted_at;
  std::string revoked_at;  // "" unless revoked
  int64_t revoked_by = 0;
  // "pending" (before valid_from), "active", "expired" (after valid_until)
  // or "revoked", on the China date of `now`.
  std::string_view StateAt(Clock::TimePoint now) const;
};

// Validates and stores an authorisation (audited "license.authorize").
// Errors: InvalidArgument naming "agent_user_id"/"agent_citizen_id" (exactly
// one; the user must exist; the ID must be valid), "agent_name", "tasks"
// (non-empty, known, no repeats), "valid_until" (not before valid_from nor
// before today, at most 3 years after valid_from); NotFound for no licence.
StatusOr<Authorization> GrantAuthorization(soci::session& sql, std::string_view uscc,
                                           const NewAuthorization& grant, const audit::Actor& actor,
                                           const Clock& clock);
// All of the licence's authorisations, newest first.
StatusOr<std::vector<Authorization>> ListAuthorizations(soci::session& sql, std::string_view uscc);
// Revokes one (audited "license.authorization_revoke"); it stops working at
// once. NotFound if `id` is not an authorisation of `uscc`;
// FailedPrecondition if already revoked.
StatusOr<Authorization> RevokeAuthorization(soci::session& sql, std::string_view uscc, int64_t id,
                                            const audit::Actor& actor, const Clock& clock);

// Whether `user_id` may act for the entity `uscc` on `task` at `now`: one of
// the licence's administrators, or the agent of an unrevoked authorisation
// covering `task` whose period contains the China date of `now` (agents
// named by citizen ID match users with that citizen ID). Reads the store on
// every call, so a revocation or expiry applies to the very next call.
// InvalidArgument (field "tasks", as ParseTask) for an unknown task; false
// when there is no licence.
StatusOr<bool> IsAuthorized(soci::session& sql, std::string_view uscc, int64_t user_id,
                            std::string_view task, Clock::TimePoint now);
StatusOr<bool> IsAuthorized(storage::Database& db, std::string_view uscc, int64_t user_id,
                            std::string_view task, Clock::TimePoint now);
// Whether `user_id` holds any authorisation of `uscc` in force at `now`.
StatusOr<bool> HasAnyAuthorization(soci::session& sql, std::string_view uscc, int64_t user_id,
                                   Clock::TimePoint now);

}  // namespace amr::license
