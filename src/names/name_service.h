// SPDX-License-Identifier: MulanPSL-2.0
// The name engine as the rest of the platform uses it (名称自主申报).
//
//   NameService names(&db, clock);      // one per process
//   RETURN_IF_ERROR(names.Start());     // builds the in-memory index from the store
//   ASSIGN_OR_RETURN(NameCheck c, names.Check("杭州某某科技有限公司", "330106", "65"));
//
// Check() applies the word rules (name_rules.h) and compares with the index
// (name_index.h): Art. 17 conflicts within the registration authority's
// 设区的市 and the advisory 2017 similarity hints. Before comparing it follows
// the change log (storage/change_log.h) so writes by any server instance are
// seen: entity rows (table "entity", registry), reservations
// ("name_reservation") and name records ("name_record"); row_key "*" rebuilds.
//
// Binding writes do not trust the index: Reserve() and RecordRegistered()
// re-run the Art. 17 test against the store inside the caller's transaction
// (SQLite: one writer; PostgreSQL: SERIALIZABLE, the loser retries and then
// sees the winner), so of two concurrent conflicting writes exactly one wins.
//
// Dates (data/names/periods.json, counted by codes::FixedPeriodEnd under
// 民法典 Arts. 201-202): a reservation made on D counts through the same date
// two months later (reserved 2026-01-31: through 2026-03-31; 2025-12-31:
// through 2026-02-28); a name ended (注销 or changed) on D blocks its 字号
// through D + 1 year.
//
// Snapshot (options.snapshot, docs/names.md): Start() reads the index from
// a snapshot file when it belongs to this store and these word lists and its
// change-log position is one the store has, then follows the change log from
// there; otherwise it builds from the store as before, says why in the log
// and start_report(), and writes a new snapshot. SaveSnapshot() writes one
// now; StartSnapshots()/StopSnapshots() write one periodically and at a
// clean stop. While one is written, checks use the index as it stands
// instead of waiting to follow the change log.
//
// Thread-safety: Check, CatchUp, SaveSnapshot and the store functions are thread-safe.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"
#include "names/name_index.h"
#include "names/name_periods.h"
#include "names/name_rules.h"
#include "storage/database.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::names {

struct NameServiceOptions {
  // How old the index may be before Check() follows the change log again;
  // 0 = on every check.
  std::chrono::milliseconds follow_interval{0};
  // The index's snapshot file (name_snapshot.h); empty: none.
  std::filesystem::path snapshot;
};

// How the last Start() got its index.
struct NameIndexStart {
  bool from_snapshot = false;
  std::string rebuild_reason;  // why the snapshot was not used ("" if it was, or none is set)
  int64_t snapshot_seq = 0;    // the change-log position of the snapshot read
  int64_t seq = 0;             // the position after following the change log
  size_t names = 0;            // live names in the index
};

struct ReservationRequest {
  std::string name;
  std::string region_code;    // REGION6 of the registration authority (a county or city)
  std::string industry_code;  // GB/T 4754 division, optional
  int64_t user_id = 0;        // who reserves (0: the platform / command line)
  std::string org_unit_path;  // the unit whose data scope covers it ("" if none)
  // 企业名称登记管理规定 Art. 12: the State Council's approval (its document
  // number) for a name led by 中国/中华/中央/全国/国家; "" if none.
  std::string approval_document;
  // The approval required before registration the entity needs
  // (PreApprovalItems code): the reservation lasts one year; "" if none.
  std::string pre_approval_item;
};

struct Reservation {
  int64_t id = 0;
  std::string name;
  NameParts parts;
  std::string region_code, authority_city, industry_code;
  int64_t user_id = 0;
  std::string org_unit_path;
  Date reserved_on = Date::FromSysDays({});
  Date expires_on = Date::FromSysDays({});  // last day it counts
  std::string status;                       // reserved, used, cancelled
  std::string used_by_uscc;
  std::string pre_approval_item;  // "" for an ordinary two-month reservation
};

// What the 企业开办 registration passes when it registers an entity.
struct RegisteredName {
  std::string uscc;
  std::string name;
  std::string region_code;     // county-level code of the registration authority
  std::string industry_code;   // GB/T 4754 division
  int64_t reservation_id = 0;  // the applicant's reservation for this name, 0 if none
  // Entities whose names do not conflict with this one (ApplyRelations:
  // a branch's parent, investors, a name's transferor or licensor, 个转企's
  // individual business), as the caller established them.
  std::vector<RelatedEntity> related;
  // The approval document of a name led by a restricted word (Art. 12), as
  // checked when the application was decided; "" if none.
  std::string approval_document;
};

class NameService {
 public:
  // `db` may be null: then only the word rules apply (amr names check without --db).
  NameService(storage::Database* db, const Clock& clock, const NameWords& words = Words(),
              NameServiceOptions options = {});
  NameService(const NameService&) = delete;
  NameService& operator=(const NameService&) = delete;

  ~NameService();

  // Builds the index from the store (entities, reservations, ended names) and
  // remembers the change-log position, or reads it from the snapshot and
  // follows the change log from the snapshot's position. No-op without a
  // database.
  Status Start();
  const NameIndexStart& start_report() const { return start_; }

  // Follows the change log, then writes the snapshot (no-op without a
  // snapshot path or a database). Unavailable if the file cannot be written.
  Status SaveSnapshot();
  // Writes the snapshot every `interval` from a thread of its own when the
  // index has moved since the last one. StopSnapshots() ends that thread and
  // writes once more if the index moved (a clean stop); errors are logged.
  void StartSnapshots(std::chrono::milliseconds interval);
  void StopSnapshots();
  // Applies the change log since the last position.
  Status CatchUp();

  // The full check. InvalidArgument for an unknown `authority_region6` (field
  // "authority") or `industry_code` (field "industry"); a bad name is not an
  // error but verdict invalid.
  // `approval_document`: see NameWords::CheckWords (Art. 12). The region of
  // the name must be the authority's or one above it (Art. 7): else invalid.
  // `related`: entities whose names the relation exempts (ApplyRelations).
  StatusOr<NameCheck> Check(std::string_view name, std::string_view authority_region6,
                            std::string_view industry_code = {},
                            std::string_view approval_document = {},
                            const std::vector<RelatedEntity>& related = {});
  // The same check against the index as it stands, without following the
  // change log (which reads the store in a transaction of its own): for
  // callers already inside a write transaction, such as 企业开办's decision.
  // The index may lag the store by the writes since the last follow, so the
  // binding test is RecordRegistered's, inside that transaction.
  StatusOr<NameCheck> CheckAsIndexed(std::string_view name, std::string_view authority_region6,
                                     std::string_view industry_code = {},
                                     std::string_view approval_document = {},
                                     const std::vector<RelatedEntity>& related = {});

  // Reserves a name inside the caller's write transaction: word rules
  // (invalid/prohibited → InvalidArgument field "name"), then Art. 17 against
  // the store (→ FailedPrecondition naming the other name), then inserts the
  // reservation, the audit record ("name.reserve") and the change.
  StatusOr<Reservation> Reserve(soci::session& sql, const ReservationRequest& request,
                                const audit::Actor& actor);
  StatusOr<Reservation> GetReservation(soci::session& sql, int64_t id) const;

  // Called by registration inside its own transaction, after InsertEntity:
  // parses the name (InvalidArgument field "name"), re-checks Art. 17 against
  // the store ignoring the given reservation, this USCC and the names the
  // relations in `name.related` exempt (FailedPrecondition
  // on a conflict), marks the reservation used (it must be 'reserved',
  // unexpired, for the same folded name and authority city: else
  // FailedPrecondition field "reservation_id"), records the name
  // (name_record 'registered'), audits "name.register" and appends the change.
  Status RecordRegistered(soci::session& sql, const RegisteredName& name,
                          const audit::Actor& actor);
  // For name changes and 注销 (not 吊销: a revoked entity keeps its name until
  // it is deregistered): the USCC's registered name record ends on `ended_on`
  // (blocks one more year). NotFound if it has no registered record.
  Status RecordNameEnded(soci::session& sql, std::string_view uscc, Date ended_on,
                         std::string_view reason, const audit::Actor& actor);

  const NameIndex& index() const { return *index_; }
  const NameWords& words() const { return words_; }
  bool has_store() const { return db_ != nullptr; }

 private:
  StatusOr<NameCheck> CheckImpl(std::string_view name, std::string_view authority_region6,
                                std::string_view industry_code, std::string_view approval_document,
                                const std::vector<RelatedEntity>& related, bool follow);
  // Applies one change of the change log, reading its row on `sql`.
  Status Apply(soci::session& sql, const std::string& table, const std::string& row_key,
               const Date& today);
  Status LoadAll();
  Status CatchUpLocked();
  // For checks: as CatchUp, but not waiting while a snapshot is written.
  Status Follow();
  // Reads the snapshot if it is usable (FailedPrecondition/NotFound saying why not).
  Status LoadSnapshotLocked();
  Status SaveSnapshotLocked();
  Status SaveSnapshotIfMoved();
  void StopSnapshotThread();
  // What identifies this store (name_service_snapshot.cc).
  StatusOr<std::string> StoreIdentity(soci::session& sql) const;

  storage::Database* db_;
  const Clock& clock_;
  const NameWords& words_;
  NameServiceOptions options_;
  std::unique_ptr<NameIndex> index_;
  std::mutex follow_mu_;
  int64_t seq_ = 0;
  std::atomic<int64_t> last_follow_ms_{INT64_MIN};
  NameIndexStart start_;
  std::atomic<bool> writing_snapshot_{false};
  int64_t snapshot_seq_ = -1;  // the position of the last snapshot read or written
  std::mutex snapshots_mu_;
  std::condition_variable snapshots_cv_;
  bool stop_snapshots_ = false;
  std::thread snapshots_;
};

}  // namespace amr::names
