// SPDX-License-Identifier: MulanPSL-2.0
// An entity's branches (分支机构) and its investments in other market entities
// (对外投资). While a branch is not deregistered, or an investment lasts, the
// entity cannot use 简易注销 (市场主体登记管理条例实施细则 Art. 48 (五): 企业所属的
// 非法人分支机构未办理注销登记的; the investment exclusion is a setting, see
// data/lifecycle/simplified_exclusions.json). Staff holding
// restrictions.write record a link with the record it rests on and end it
// when the branch is deregistered or the investment withdrawn; the row stays.
// A branch registered here ends by itself once its own status is deregistered.
//
// Scope: as restrictions (StaffCoversEntity). Every change is audited in the
// caller's transaction.
//
// Thread-safety: functions; the session belongs to the caller.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"
#include "identity/caller.h"
#include "registry/entity.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::lifecycle {

struct Affiliation {
  int64_t id = 0;
  std::string uscc;        // the parent or the investor
  std::string kind;        // branch | investment
  std::string other_uscc;  // the branch or the invested entity
  std::string other_name;
  std::string other_status;  // its status when registered here ("" otherwise)
  std::string started_on;
  std::string document;
  std::string recorded_by;
  std::string recorded_at;
  std::string ended_on;  // "" while it lasts
  std::string ended_by;
  std::string ended_at;
  // A branch registered here and deregistered counts as ended.
  bool open() const { return ended_on.empty() && other_status != "deregistered"; }
};

struct NewAffiliation {
  std::string kind;
  std::string other_uscc;  // a valid USCC (GB 32100)
  std::string other_name;  // required when other_uscc is not registered here
  Date started_on = Date::FromSysDays({});
  std::string document;
};

// Records a link. InvalidArgument naming kind, other_uscc (malformed, the
// entity itself), other_name or started_on (in the future); AlreadyExists for
// a link that already lasts; FailedPrecondition for a deregistered entity.
StatusOr<Affiliation> RecordAffiliation(soci::session& sql, const identity::Caller& caller,
                                        std::string_view uscc, const NewAffiliation& a,
                                        const Clock& clock);
// For an entity registered now (企业开办, in its transaction; unchecked): the
// links it comes with — its parent's branch link (a 分公司, `parent_uscc`) and
// each investor's investment link (`investor_usccs`), starting today, for
// the parent and investors registered here (others are not in the store).
// `document` names the record they rest on. Audited ("affiliation.record").
Status RecordLinksAtRegistration(soci::session& sql, const registry::Entity& entity,
                                 std::string_view parent_uscc,
                                 const std::vector<std::string>& investor_usccs,
                                 const std::string& document, const audit::Actor& actor,
                                 const Clock& clock);
// Ends link `id` of `uscc` on `ended_on`. NotFound "id"; FailedPrecondition if
// already ended; InvalidArgument for a date before it started or in the future.
StatusOr<Affiliation> EndAffiliation(soci::session& sql, const identity::Caller& caller,
                                     std::string_view uscc, int64_t id, const Date& ended_on,
                                     const Clock& clock);
// Staff (entities.read_private or restrictions.write): every link, lasting first.
StatusOr<std::vector<Affiliation>> ListAffiliations(soci::session& sql,
                                                    const identity::Caller& caller,
                                                    std::string_view uscc);
// Unchecked: the links that last (for eligibility checks).
std::vector<Affiliation> OpenAffiliations(soci::session& sql, std::string_view uscc);

// An entity `uscc` is linked with by a lasting link, either way.
struct LinkedEntity {
  std::string uscc;
  std::string kind;  // branch (the parent of `uscc`, or a branch of it) | investment
};
// Unchecked: every lasting link of `uscc`, as parent or branch, investor or
// invested; for the name engine (企业名称登记管理规定 Arts. 13, 15, 17).
std::vector<LinkedEntity> LinkedEntities(soci::session& sql, std::string_view uscc);

}  // namespace amr::lifecycle
