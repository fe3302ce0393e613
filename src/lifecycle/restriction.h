// SPDX-License-Identifier: MulanPSL-2.0
// Restrictions on a market entity (限制情形): the facts that exclude it from
// 简易注销 (市场主体登记管理条例实施细则 Art. 47; DOMAIN.md §3): on the
// abnormal-operations or serious-violation list, equity frozen or pledged, a
// chattel mortgage, under investigation or in litigation, a licence revoked,
// a penalty unpaid. Staff holding restrictions.write record one with the
// document it rests on and lift it with another; the row stays, so the
// history can be read. The kinds and their Chinese names are data
// (data/lifecycle/restrictions.csv).
//
// Scope: staff act on an entity when a unit where they hold the permission
// contains its registration authority, or covers its region (a station or a
// department unit of the county, city or province: StaffCoversEntity).
// Every change is audited in the caller's transaction.
//
// Thread-safety: RestrictionKinds is immutable once loaded; functions take
// the caller's session.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"
#include "identity/caller.h"
#include "lifecycle/access.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::lifecycle {

struct RestrictionKind {
  std::string kind;  // abnormal_list, equity_frozen …
  std::string name;  // 列入经营异常名录 …
  std::string description;
};

class RestrictionKinds {
 public:
  // kind,name,description; InvalidArgument naming the line otherwise.
  static StatusOr<RestrictionKinds> LoadCsv(const std::filesystem::path& path);
  // DataDir()/lifecycle/restrictions.csv, loaded once; aborts if unreadable.
  static const RestrictionKinds& Default();

  const std::vector<RestrictionKind>& all() const { return kinds_; }
  const RestrictionKind* Find(std::string_view kind) const;
  // The Chinese name, or the id itself for an unknown kind.
  std::string NameOf(std::string_view kind) const;

 private:
  std::vector<RestrictionKind> kinds_;
};

struct Restriction {
  int64_t id = 0;
  std::string uscc;
  std::string kind;
  std::string kind_name;
  std::string document_number;
  std::string issued_by;
  std::string effective_on;
  std::string note;
  std::string recorded_by;
  std::string recorded_at;
  std::string lifted_on;  // "" while in force
  std::string lift_document_number;
  std::string lift_note;
  std::string lifted_by;
  std::string lifted_at;
  bool in_force() const { return lifted_on.empty(); }
};

struct NewRestriction {
  std::string kind;
  std::string document_number;
  std::string issued_by;
  Date effective_on = Date::FromSysDays({});
  std::string note;
};

struct RestrictionLift {
  std::string document_number;
  Date lifted_on = Date::FromSysDays({});
  std::string note;
};

// Whether `caller` holds `permission` for the entity of `access` (see above).
// The platform (no principal) always does.
StatusOr<bool> StaffCoversEntity(soci::session& sql, const identity::Caller& caller,
                                 std::string_view permission, const EntityAccess& access);
// Loads the entity and checks StaffCoversEntity for any of `permissions`:
// NotFound "uscc", PermissionDenied (403) outside.
StatusOr<EntityAccess> AuthorizeStaff(soci::session& sql, const identity::Caller& caller,
                                      std::string_view uscc,
                                      const std::vector<std::string_view>& permissions);

// Records a restriction. InvalidArgument naming kind, document_number,
// effective_on (in the future) or note; FailedPrecondition for a
// deregistered entity.
StatusOr<Restriction> RecordRestriction(soci::session& sql, const identity::Caller& caller,
                                        std::string_view uscc, const NewRestriction& r,
                                        const RestrictionKinds& kinds, const Clock& clock);
// Lifts restriction `id` of `uscc`. NotFound "id"; FailedPrecondition if
// already lifted; InvalidArgument for a missing document number or a date
// before it took effect or in the future.
StatusOr<Restriction> LiftRestriction(soci::session& sql, const identity::Caller& caller,
                                      std::string_view uscc, int64_t id,
                                      const RestrictionLift& lift, const RestrictionKinds& kinds,
                                      const Clock& clock);
// Staff (entities.read_private or restrictions.write): every restriction of
// the entity, in force first, newest first.
StatusOr<std::vector<Restriction>> ListRestrictions(soci::session& sql,
                                                    const identity::Caller& caller,
                                                    std::string_view uscc,
                                                    const RestrictionKinds& kinds);
// Unchecked: those in force on the entity (for eligibility checks).
std::vector<Restriction> RestrictionsInForce(soci::session& sql, std::string_view uscc,
                                             const RestrictionKinds& kinds);

}  // namespace amr::lifecycle
