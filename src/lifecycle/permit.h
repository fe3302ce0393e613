// SPDX-License-Identifier: MulanPSL-2.0
// Permits the bureau issued to an entity (食品经营许可证, 特种设备使用登记证 …),
// recorded so that 证照并销 cancels them together with the business licence
// (deregister.h). The kinds are data (data/lifecycle/permit_kinds.csv).
// Permits are public information (企业信息公示: 行政许可信息).
//
// Thread-safety: PermitKinds is immutable once loaded; functions take the
// caller's session.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::lifecycle {

struct PermitKind {
  std::string code;
  std::string name;
  std::string legal_basis;
};

class PermitKinds {
 public:
  // Reads `dir`/permit_kinds.csv (columns code,name,legal_basis).
  static StatusOr<PermitKinds> Load(const std::filesystem::path& dir);
  // The platform's data (DataDir()/lifecycle), loaded once; aborts if missing.
  static const PermitKinds& Default();

  const PermitKind* Find(std::string_view code) const;
  const std::vector<PermitKind>& all() const { return kinds_; }

 private:
  std::vector<PermitKind> kinds_;
};

struct Permit {
  int64_t id = 0;
  std::string uscc;
  std::string kind;
  std::string kind_name;
  std::string number;
  int64_t issuer_org_unit_id = 0;
  std::string issued_on;    // YYYY-MM-DD
  std::string valid_until;  // YYYY-MM-DD
  std::string state;        // valid | cancelled
  std::string cancelled_on;
  std::string cancel_reason;
};

struct NewPermit {
  std::string kind;
  std::string number;
  std::string issued_on;
  std::string valid_until;
};

// Records a permit of `uscc` issued by `issuer_org_unit_id`, inside the
// caller's transaction, audited ("permit.record"). InvalidArgument naming
// "kind", "number", "issued_on" or "valid_until"; AlreadyExists for a number
// already recorded; FailedPrecondition ("uscc") for an entity that has ended.
StatusOr<Permit> RecordPermit(soci::session& sql, std::string_view uscc, int64_t issuer_org_unit_id,
                              const NewPermit& permit, const PermitKinds& kinds,
                              const audit::Actor& actor, const Clock& clock);

StatusOr<std::vector<Permit>> ListPermits(soci::session& sql, std::string_view uscc,
                                          const PermitKinds& kinds);
StatusOr<Permit> GetPermit(soci::session& sql, int64_t id, const PermitKinds& kinds);

// Cancels one permit in force (state valid → cancelled), audited
// ("permit.cancel"). FailedPrecondition if it is already cancelled;
// InvalidArgument ("reason") for an empty reason.
StatusOr<Permit> CancelPermit(soci::session& sql, int64_t id, std::string_view reason,
                              const Date& on, const PermitKinds& kinds, const audit::Actor& actor,
                              const Clock& clock);

}  // namespace amr::lifecycle
