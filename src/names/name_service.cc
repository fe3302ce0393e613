// SPDX-License-Identifier: MulanPSL-2.0
#include "names/name_service.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "codes/data_dir.h"
#include "codes/deadline.h"
#include "codes/industries.h"
#include "codes/regions.h"
#include "common/text.h"
#include "storage/change_log.h"
#include "storage/query.h"
#include "storage/rows.h"
#include "storage/sql_text.h"

namespace amr::names {
namespace {

using storage::RowInt;

Date ParseDay(const std::string& text) {
  auto d = Date::Parse(text.substr(0, 10));
  return d.ok() ? *d : Date::FromSysDays({});
}

// The entity columns every Art. 17 reader takes, with the recorded date its
// name ended: the deregistration's (注销) from deregistration_record, "" if
// none is recorded. Never the row's updated_at: any later edit moves that.
constexpr const char* kEntityNameColumns =
    "e.uscc, e.name, e.region_code, e.industry_code, e.status, "
    "COALESCE(d.deregistered_on, '') FROM entity e "
    "LEFT JOIN deregistration_record d ON d.uscc = e.uscc";

// 吊销 is not 注销: a revoked entity still exists and keeps its name until it
// is deregistered. A deregistered one blocks its 字号 for a year from the
// recorded deregistration date (企业名称登记管理规定 Art. 17); without a
// recorded date (an import from the former system) its entity row blocks
// nothing, and a name record the platform ended still does.
// Returns false when the row no longer counts; sets `until` otherwise.
bool EntityNameCounts(const std::string& status, const std::string& ended_on, Date today,
                      Date& until) {
  until = Date::FromSysDays(std::chrono::sys_days::max());
  if (status != "deregistered") return true;
  if (ended_on.empty()) return false;
  until = EndedNameBlocksUntil(ParseDay(ended_on));
  return until >= today;
}

StatusOr<std::string> CityOf(std::string_view region6) {
  if (codes::Regions().Find(region6) == nullptr) {
    return InvalidArgumentError(fmt::format("登记机关行政区划代码“{}”不存在", region6),
                                "authority");
  }
  const codes::Region* city = codes::Regions().AuthorityCity(region6);
  if (city == nullptr) {
    return InvalidArgumentError(
        fmt::format("“{}”不是设区的市或其下的县级登记机关的区划代码", region6), "authority");
  }
  return city->code;
}

Status CheckIndustry(std::string_view code) {
  if (code.empty()) return OkStatus();
  const codes::Industry* i = codes::Industries().Find(code);
  if (i == nullptr || i->level != codes::IndustryLevel::kDivision) {
    return InvalidArgumentError(fmt::format("行业代码“{}”不是国民经济行业分类的大类代码", code),
                                "industry");
  }
  return OkStatus();
}

// SQL prefix of the county codes under an authority city.
std::string CityPrefix(const std::string& city) {
  if (city.ends_with("0000")) return city.substr(0, 2);
  if (city.ends_with("00")) return city.substr(0, 4);
  return city;
}

// Art. 17 against the store: reservations, name records and entity rows.
StatusOr<std::vector<NameHit>> StoreConflicts(soci::session& sql, const NameWords& words,
                                              const NameParts& parts, const std::string& city,
                                              Date today, int64_t skip_reservation,
                                              const std::string& skip_uscc,
                                              const std::vector<RelatedEntity>& related) {
  std::vector<NameHit> hits;
  const std::string today_text = today.ToString();
  const std::string year_ago = today.AddDays(-366).ToString();
  auto add = [&](const std::string& name, const std::string& uscc, bool ended = false) {
    NameHit hit{name, uscc, std::string(rule::kArt17),
                fmt::format("同一登记机关辖区内字号“{}”已被“{}”使用或保留（第十七条）",
                            parts.trade_name, name)};
    hit.ended = ended;
    hits.push_back(std::move(hit));
  };
  {
    storage::Params p;
    RETURN_IF_ERROR(storage::Query(
        sql,
        "SELECT id, name, industry_term, expires_on FROM name_reservation WHERE authority_city = " +
            p.Text(city) + " AND trade_name = " + p.Text(parts.trade_name) +
            " AND status = 'reserved'",
        p, [&](const soci::row& r) -> Status {
          if (RowInt(r, 0) == skip_reservation) return OkStatus();
          if (ParseDay(r.get<std::string>(3)) < today) return OkStatus();
          if (words.SameIndustryForArt17(parts.industry, r.get<std::string>(2))) {
            add(r.get<std::string>(1), "");
          }
          return OkStatus();
        }));
  }
  {
    storage::Params p;
    RETURN_IF_ERROR(storage::Query(
        sql,
        "SELECT uscc, name, industry_term, status, ended_on FROM name_record WHERE "
        "authority_city = " +
            p.Text(city) + " AND trade_name = " + p.Text(parts.trade_name),
        p, [&](const soci::row& r) -> Status {
          const std::string uscc = r.get<std::string>(0);
          const bool ended = r.get<std::string>(3) == "ended";
          if (uscc == skip_uscc) return OkStatus();
          if (ended && EndedNameBlocksUntil(ParseDay(r.get<std::string>(4))) < today) {
            return OkStatus();
          }
          if (words.SameIndustryForArt17(parts.industry, r.get<std::string>(2))) {
            add(r.get<std::string>(1), uscc, ended);
          }
          return OkStatus();
        }));
  }
  {
    // Entities imported or registered before name records existed.
    const std::string prefix = storage::EscapeLike(CityPrefix(city)) + "%";
    const std::string like = "%" + storage::EscapeLike(parts.trade_name) + "%";
    storage::Params p;
    RETURN_IF_ERROR(storage::Query(
        sql,
        std::string("SELECT ") + kEntityNameColumns + " WHERE e.region_code LIKE " +
            p.Text(prefix) + " ESCAPE '\\' AND e.name LIKE " + p.Text(like) + " ESCAPE '\\'",
        p, [&](const soci::row& r) -> Status {
          const std::string uscc = r.get<std::string>(0);
          if (uscc == skip_uscc) return OkStatus();
          const codes::Region* c = codes::Regions().AuthorityCity(r.get<std::string>(2));
          if (c == nullptr || c->code != city) return OkStatus();
          Date until = today;
          if (!EntityNameCounts(r.get<std::string>(4), r.get<std::string>(5), today, until)) {
            return OkStatus();
          }
          auto other = words.Parse(FoldText(r.get<std::string>(1)));
          if (!other.ok() || other->trade_name != parts.trade_name) return OkStatus();
          if (words.SameIndustryForArt17(parts.industry, other->industry)) {
            add(r.get<std::string>(1), uscc, r.get<std::string>(4) == "deregistered");
          }
          return OkStatus();
        }));
  }
  // Arts. 13, 15, 17: the names of related entities their relation exempts.
  NameCheck found;
  found.verdict = hits.empty() ? Verdict::kOk : Verdict::kConflict;
  found.hits = std::move(hits);
  ApplyRelations(found, related);
  hits = std::move(found.hits);
  (void)year_ago;
  (void)today_text;
  return hits;
}

Reservation ReservationFromRow(const soci::row& r, const NameWords& words) {
  Reservation x;
  x.id = RowInt(r, 0);
  x.name = r.get<std::string>(1);
  auto parts = words.Parse(FoldText(x.name));
  if (parts.ok()) x.parts = *parts;
  x.region_code = r.get<std::string>(2);
  x.authority_city = r.get<std::string>(3);
  x.industry_code = r.get<std::string>(4);
  x.user_id = RowInt(r, 5);
  x.org_unit_path = r.get<std::string>(6);
  x.reserved_on = ParseDay(r.get<std::string>(7));
  x.expires_on = ParseDay(r.get<std::string>(8));
  x.status = r.get<std::string>(9);
  x.used_by_uscc = r.get<std::string>(10);
  x.pre_approval_item = r.get<std::string>(11);
  return x;
}

constexpr const char* kReservationColumns =
    "id, name, region_code, authority_city, industry_code, user_id, org_unit_path, reserved_on, "
    "expires_on, status, used_by_uscc, pre_approval_item";

}  // namespace

NameService::NameService(storage::Database* db, const Clock& clock, const NameWords& words,
                         NameServiceOptions options)
    : db_(db),
      clock_(clock),
      words_(words),
      options_(options),
      index_(std::make_unique<NameIndex>(words)) {}

Status NameService::LoadAll() {
  index_->Clear();
  const Date today = ChinaDate(clock_.Now());
  return db_->ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(seq_, storage::LastChangeSeq(sql));
    {
      soci::rowset<soci::row> rows = (sql.prepare << "SELECT " << kEntityNameColumns);
      for (const soci::row& r : rows) {
        IndexedName n;
        n.uscc = r.get<std::string>(0);
        n.key = n.uscc;
        n.name = r.get<std::string>(1);
        const codes::Region* city = codes::Regions().AuthorityCity(r.get<std::string>(2));
        if (city == nullptr) continue;
        n.authority_city = city->code;
        n.industry_code = r.get<std::string>(3);
        if (!EntityNameCounts(r.get<std::string>(4), r.get<std::string>(5), today,
                              n.blocks_until)) {
          continue;
        }
        auto parts = words_.Parse(FoldText(n.name));
        if (!parts.ok()) continue;
        n.parts = std::move(*parts);
        index_->Add(n);
      }
    }
    {
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT " << kReservationColumns
                       << " FROM name_reservation WHERE status = 'reserved'");
      for (const soci::row& r : rows) {
        Reservation x = ReservationFromRow(r, words_);
        if (x.expires_on < today || x.parts.trade_name.empty()) continue;
        index_->Add({"r:" + std::to_string(x.id), x.name, "", x.authority_city, x.industry_code,
                     x.parts, x.expires_on});
      }
    }
    {
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT id, uscc, name, authority_city, industry_code, ended_on "
                          "FROM name_record WHERE status = 'ended'");
      for (const soci::row& r : rows) {
        const Date until = EndedNameBlocksUntil(ParseDay(r.get<std::string>(5)));
        if (until < today) continue;
        auto parts = words_.Parse(FoldText(r.get<std::string>(2)));
        if (!parts.ok()) continue;
        index_->Add({"h:" + std::to_string(RowInt(r, 0)), r.get<std::string>(2),
                     r.get<std::string>(1), r.get<std::string>(3), r.get<std::string>(4), *parts,
                     until});
      }
    }
    return OkStatus();
  });
}

Status NameService::Apply(soci::session& sql, const std::string& table, const std::string& key,
                          const Date& today) {
  storage::Params p;
  if (table == "entity") {
    index_->Remove(key);
    return storage::Query(
        sql, std::string("SELECT ") + kEntityNameColumns + " WHERE e.uscc = " + p.Text(key), p,
        [&](const soci::row& r) -> Status {
          IndexedName n;
          n.key = n.uscc = key;
          n.name = r.get<std::string>(1);
          const codes::Region* city = codes::Regions().AuthorityCity(r.get<std::string>(2));
          auto parts = words_.Parse(FoldText(n.name));
          if (city == nullptr || !parts.ok()) return OkStatus();
          n.authority_city = city->code;
          n.industry_code = r.get<std::string>(3);
          n.parts = *parts;
          if (EntityNameCounts(r.get<std::string>(4), r.get<std::string>(5), today,
                               n.blocks_until)) {
            index_->Add(n);
          }
          return OkStatus();
        });
  }
  if (table == "name_reservation") {
    index_->Remove("r:" + key);
    return storage::Query(sql,
                          std::string("SELECT ") + kReservationColumns +
                              " FROM name_reservation WHERE id = " + p.Int(std::stoll(key)),
                          p, [&](const soci::row& r) -> Status {
                            Reservation x = ReservationFromRow(r, words_);
                            if (x.status == "reserved" && !x.parts.trade_name.empty()) {
                              index_->Add({"r:" + key, x.name, "", x.authority_city,
                                           x.industry_code, x.parts, x.expires_on});
                            }
                            return OkStatus();
                          });
  }
  if (table == "name_record") {
    index_->Remove("h:" + key);
    return storage::Query(
        sql,
        "SELECT uscc, name, authority_city, industry_code, ended_on, status FROM name_record "
        "WHERE id = " +
            p.Int(std::stoll(key)),
        p, [&](const soci::row& r) -> Status {
          if (r.get<std::string>(5) != "ended") return OkStatus();
          auto parts = words_.Parse(FoldText(r.get<std::string>(1)));
          if (!parts.ok()) return OkStatus();
          index_->Add({"h:" + key, r.get<std::string>(1), r.get<std::string>(0),
                       r.get<std::string>(2), r.get<std::string>(3), *parts,
                       EndedNameBlocksUntil(ParseDay(r.get<std::string>(4)))});
          return OkStatus();
        });
  }
  return OkStatus();
}

Status NameService::CatchUp() {
  if (db_ == nullptr) return OkStatus();
  std::lock_guard lock(follow_mu_);
  return CatchUpLocked();
}

Status NameService::Follow() {
  std::unique_lock lock(follow_mu_, std::try_to_lock);
  if (!lock.owns_lock()) {
    // A snapshot is being written (it holds the lock so that the index and
    // its position agree): check against the index as it stands.
    if (writing_snapshot_.load()) return OkStatus();
    lock.lock();
  }
  return CatchUpLocked();
}

Status NameService::CatchUpLocked() {
  while (true) {
    // Mostly nothing has changed: one statement says so. Otherwise the rows
    // the changes name are read in one read transaction; a change of every
    // row ("*", an import) reloads the index.
    ASSIGN_OR_RETURN(std::vector<storage::Change> changes, storage::ChangesSince(*db_, seq_, 1000));
    if (changes.empty()) break;
    bool reload = false;
    int64_t seq = seq_;
    RETURN_IF_ERROR(db_->ReadTransaction([&](soci::session& sql) -> Status {
      seq = seq_;
      reload = false;
      const Date today = ChinaDate(clock_.Now());
      for (const storage::Change& c : changes) {
        if (c.row_key == "*") {
          reload = true;
          return OkStatus();
        }
        RETURN_IF_ERROR(Apply(sql, c.table_name, c.row_key, today));
        seq = std::max(seq, c.seq);
      }
      return OkStatus();
    }));
    seq_ = seq;
    if (reload) {
      RETURN_IF_ERROR(LoadAll());
      continue;
    }
    if (changes.size() < 1000) break;
  }
  last_follow_ms_ =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Now().time_since_epoch())
          .count();
  return OkStatus();
}

StatusOr<NameCheck> NameService::Check(std::string_view name, std::string_view authority_region6,
                                       std::string_view industry_code,
                                       std::string_view approval_document,
                                       const std::vector<RelatedEntity>& related) {
  return CheckImpl(name, authority_region6, industry_code, approval_document, related,
                   /*follow=*/true);
}

StatusOr<NameCheck> NameService::CheckAsIndexed(std::string_view name,
                                                std::string_view authority_region6,
                                                std::string_view industry_code,
                                                std::string_view approval_document,
                                                const std::vector<RelatedEntity>& related) {
  return CheckImpl(name, authority_region6, industry_code, approval_document, related,
                   /*follow=*/false);
}

StatusOr<NameCheck> NameService::CheckImpl(std::string_view name,
                                           std::string_view authority_region6,
                                           std::string_view industry_code,
                                           std::string_view approval_document,
                                           const std::vector<RelatedEntity>& related, bool follow) {
  ASSIGN_OR_RETURN(std::string city, CityOf(authority_region6));
  RETURN_IF_ERROR(CheckIndustry(industry_code));
  RETURN_IF_ERROR(words_.CheckLength(name));
  if (follow && db_ != nullptr) {
    const int64_t now_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Now().time_since_epoch())
            .count();
    if (options_.follow_interval.count() == 0 ||
        now_ms - last_follow_ms_.load() >= options_.follow_interval.count()) {
      RETURN_IF_ERROR(Follow());
    }
  }
  NameCheck check = words_.CheckWords(name, approval_document);
  if (check.verdict == Verdict::kOk || check.verdict == Verdict::kSimilar) {
    // 企业名称登记管理规定 Art. 7: the authority's own region or a higher one.
    if (Status region = NameWords::CheckRegionForAuthority(check.parts, authority_region6);
        !region.ok()) {
      check.verdict = Verdict::kInvalid;
      check.reason = region.message();
      return check;
    }
    index_->Find(check, city, industry_code, ChinaDate(clock_.Now()));
    ApplyRelations(check, related);
  }
  return check;
}

namespace {

// Takes the name's claim row (city, 字号) before the store is re-checked for
// Art. 17 conflicts, which are all of the same 字号 in the same city. Two
// writers of one 字号 thus queue on that row whatever their isolation: under
// READ COMMITTED (企业开办) the second sees the first's name once it may go
// on; under SERIALIZABLE a writer whose snapshot predates the other's commit
// fails on the row and is rerun with a fresh one. Names of other 字号 never
// meet.
Status ClaimName(soci::session& sql, const std::string& city, const std::string& trade_name) {
  sql << "INSERT INTO name_claim (authority_city, trade_name, claims) VALUES (:c, :t, 1) "
         "ON CONFLICT (authority_city, trade_name) DO UPDATE SET claims = name_claim.claims + 1",
      soci::use(city), soci::use(trade_name);
  return OkStatus();
}

}  // namespace

StatusOr<Reservation> NameService::Reserve(soci::session& sql, const ReservationRequest& req,
                                           const audit::Actor& actor) {
  ASSIGN_OR_RETURN(std::string city, CityOf(req.region_code));
  RETURN_IF_ERROR(CheckIndustry(req.industry_code));
  RETURN_IF_ERROR(words_.CheckLength(req.name));
  if (!req.pre_approval_item.empty() && FindPreApprovalItem(req.pre_approval_item) == nullptr) {
    return InvalidArgumentError(fmt::format("“{}”不在登记前置审批事项表中", req.pre_approval_item),
                                "pre_approval_item");
  }
  NameCheck words = words_.CheckWords(req.name, req.approval_document);
  if (words.verdict == Verdict::kInvalid) {
    return InvalidArgumentError(fmt::format("名称不符合规则：{}", words.reason), "name");
  }
  if (words.verdict == Verdict::kProhibited) {
    return InvalidArgumentError(
        fmt::format("名称含禁用内容：{}", words.hits.empty() ? "" : words.hits[0].message), "name");
  }
  RETURN_IF_ERROR(NameWords::CheckRegionForAuthority(words.parts, req.region_code));
  const Date today = ChinaDate(clock_.Now());
  RETURN_IF_ERROR(ClaimName(sql, city, words.parts.trade_name));
  ASSIGN_OR_RETURN(auto conflicts,
                   StoreConflicts(sql, words_, words.parts, city, today, 0, std::string(), {}));
  if (!conflicts.empty()) {
    return FailedPreconditionError(conflicts.front().message, "name");
  }
  Reservation x;
  x.name = req.name;
  x.parts = words.parts;
  x.region_code = req.region_code;
  x.authority_city = city;
  x.industry_code = req.industry_code;
  x.user_id = req.user_id;
  x.org_unit_path = req.org_unit_path;
  x.reserved_on = today;
  x.pre_approval_item = req.pre_approval_item;
  x.expires_on =
      x.pre_approval_item.empty() ? ReservationExpiry(today) : PreApprovalReservationExpiry(today);
  x.status = "reserved";
  const std::string now = FormatChinaTime(clock_.Now()), reserved = x.reserved_on.ToString(),
                    expires = x.expires_on.ToString();
  const long long user = x.user_id;
  long long id = 0;
  sql << "INSERT INTO name_reservation (name, folded_name, trade_name, industry_term, "
         "industry_code, region_code, authority_city, user_id, org_unit_path, reserved_on, "
         "expires_on, status, created_at, pre_approval_item) VALUES (:n, :f, :t, :i, :ic, :r, :c, "
         ":u, :p, :ro, :eo, 'reserved', :ca, :pa) RETURNING id",
      soci::use(x.name), soci::use(words.folded), soci::use(x.parts.trade_name),
      soci::use(x.parts.industry), soci::use(x.industry_code), soci::use(x.region_code),
      soci::use(city), soci::use(user), soci::use(x.org_unit_path), soci::use(reserved),
      soci::use(expires), soci::use(now), soci::use(x.pre_approval_item), soci::into(id);
  x.id = id;
  RETURN_IF_ERROR(audit::Append(sql,
                                {actor,
                                 "name.reserve",
                                 "name_reservation",
                                 std::to_string(id),
                                 nullptr,
                                 {{"name", x.name},
                                  {"authority_city", city},
                                  {"expires_on", expires},
                                  {"pre_approval_item", x.pre_approval_item},
                                  {"approval_document", req.approval_document}}},
                                clock_));
  RETURN_IF_ERROR(storage::AppendChange(sql, "name_reservation", std::to_string(id), "insert",
                                        x.region_code, now));
  return x;
}

StatusOr<Reservation> NameService::GetReservation(soci::session& sql, int64_t id) const {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kReservationColumns << " FROM name_reservation WHERE id = :id",
       soci::use(key));
  for (const soci::row& r : rows) return ReservationFromRow(r, words_);
  return NotFoundError(fmt::format("名称保留 {} 不存在", id), "id");
}

Status NameService::RecordRegistered(soci::session& sql, const RegisteredName& reg,
                                     const audit::Actor& actor) {
  ASSIGN_OR_RETURN(std::string city, CityOf(reg.region_code));
  // No length test here: a submission's name passed CheckAsIndexed (the one
  // limit) before, and the old name of an imported entity is recorded as it is.
  NameCheck words = words_.CheckWords(reg.name, reg.approval_document);
  if (words.verdict == Verdict::kInvalid || words.verdict == Verdict::kProhibited) {
    return InvalidArgumentError(
        fmt::format("名称不符合规则：{}", words.reason.empty() && !words.hits.empty()
                                              ? words.hits[0].message
                                              : words.reason),
        "name");
  }
  const Date today = ChinaDate(clock_.Now());
  const std::string now = FormatChinaTime(clock_.Now());
  if (reg.reservation_id != 0) {
    ASSIGN_OR_RETURN(Reservation x, GetReservation(sql, reg.reservation_id));
    if (x.status != "reserved" || x.expires_on < today || x.authority_city != city ||
        FoldText(x.name) != words.folded) {
      return FailedPreconditionError(
          fmt::format("名称保留 {} 已使用、已过期或与所登记名称不符", x.id), "reservation_id");
    }
    const long long id = x.id;
    sql << "UPDATE name_reservation SET status = 'used', used_by_uscc = :u WHERE id = :id",
        soci::use(reg.uscc), soci::use(id);
  }
  RETURN_IF_ERROR(ClaimName(sql, city, words.parts.trade_name));
  ASSIGN_OR_RETURN(auto conflicts, StoreConflicts(sql, words_, words.parts, city, today,
                                                  reg.reservation_id, reg.uscc, reg.related));
  if (!conflicts.empty()) return FailedPreconditionError(conflicts.front().message, "name");
  long long id = 0;
  sql << "INSERT INTO name_record (uscc, name, trade_name, industry_term, industry_code, "
         "region_code, authority_city, status, created_at) VALUES (:u, :n, :t, :i, :ic, :r, :c, "
         "'registered', :ca) RETURNING id",
      soci::use(reg.uscc), soci::use(reg.name), soci::use(words.parts.trade_name),
      soci::use(words.parts.industry), soci::use(reg.industry_code), soci::use(reg.region_code),
      soci::use(city), soci::use(now), soci::into(id);
  RETURN_IF_ERROR(audit::Append(
      sql,
      {actor,
       "name.register",
       "name_record",
       reg.uscc,
       nullptr,
       {{"name", reg.name}, {"reservation_id", reg.reservation_id}, {"authority_city", city}}},
      clock_));
  if (reg.reservation_id != 0) {
    RETURN_IF_ERROR(storage::AppendChange(sql, "name_reservation",
                                          std::to_string(reg.reservation_id), "update",
                                          reg.region_code, now));
  }
  return storage::AppendChange(sql, "name_record", std::to_string(id), "insert", reg.region_code,
                               now);
}

Status NameService::RecordNameEnded(soci::session& sql, std::string_view uscc_view, Date ended_on,
                                    std::string_view reason_view, const audit::Actor& actor) {
  const std::string uscc(uscc_view), reason(reason_view), ended = ended_on.ToString();
  long long id = 0;
  std::string region;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(id) FROM name_record WHERE uscc = :u AND status = 'registered'",
      soci::use(uscc), soci::into(id, ind);
  if (ind != soci::i_ok) {
    return NotFoundError(fmt::format("统一社会信用代码 {} 没有在用的名称记录", uscc), "uscc");
  }
  sql << "SELECT region_code FROM name_record WHERE id = :id", soci::use(id), soci::into(region);
  sql << "UPDATE name_record SET status = 'ended', ended_on = :e, reason = :r WHERE id = :id",
      soci::use(ended), soci::use(reason), soci::use(id);
  RETURN_IF_ERROR(audit::Append(sql,
                                {actor,
                                 "name.end",
                                 "name_record",
                                 uscc,
                                 {{"status", "registered"}},
                                 {{"status", "ended"}, {"ended_on", ended}, {"reason", reason}}},
                                clock_));
  return storage::AppendChange(sql, "name_record", std::to_string(id), "update", region,
                               FormatChinaTime(clock_.Now()));
}

}  // namespace amr::names
