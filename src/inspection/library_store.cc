// SPDX-License-Identifier: MulanPSL-2.0
#include "inspection/library_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <map>
#include <set>

#include "audit/audit_log.h"
#include "common/csv.h"
#include "common/text.h"
#include "common/text_rules.h"
#include "identity/roles.h"
#include "inspection/internal/row_int.h"
#include "storage/change_log.h"

namespace amr::inspection {
namespace {

struct Unit {
  int64_t id = 0;
  std::string path;
  std::string region_code;
};

// Resolves org unit codes once per import.
class Units {
 public:
  explicit Units(soci::session& sql) : sql_(sql) {}
  StatusOr<Unit> ByCode(const std::string& code, std::string_view field) {
    auto it = cache_.find(code);
    if (it != cache_.end()) return it->second;
    Unit u;
    long long id = 0;
    soci::indicator ind = soci::i_null;
    sql_ << "SELECT id, path, region_code FROM org_unit WHERE code = :c", soci::use(code),
        soci::into(id, ind), soci::into(u.path), soci::into(u.region_code);
    if (ind != soci::i_ok) {
      return NotFoundError(fmt::format("机构代码“{}”不存在", code), std::string(field));
    }
    u.id = id;
    cache_[code] = u;
    return u;
  }

 private:
  soci::session& sql_;
  std::map<std::string, Unit> cache_;
};

bool Exists(soci::session& sql, const char* query, const std::string& key) {
  long long n = 0;
  sql << query, soci::use(key), soci::into(n);
  return n > 0;
}

Status LineError(size_t line, const Status& s) {
  return Status(s.code(), fmt::format("第 {} 行：{}（列 {}）", line, s.message(), s.field()),
                s.field());
}

const std::vector<std::string>& Header(LibraryKind kind) {
  static const std::vector<std::string> items = {"code",         "org_unit_code", "name",
                                                 "category",     "legal_basis",   "content",
                                                 "entity_kinds", "industries"};
  static const std::vector<std::string> targets = {
      "target_key", "kind", "name", "entity_uscc", "org_unit_code", "labels", "special_library"};
  static const std::vector<std::string> officers = {"code",         "name",     "org_unit_code",
                                                    "station_code", "username", "qualifications",
                                                    "status",       "conflicts"};
  switch (kind) {
    case LibraryKind::kItems:
      return items;
    case LibraryKind::kTargets:
      return targets;
    case LibraryKind::kOfficers:
      return officers;
  }
  return items;
}

Status Required(const std::string& value, std::string_view field) {
  if (value.empty()) return InvalidArgumentError("不能为空", std::string(field));
  if (Utf8Length(value) > 500)
    return InvalidArgumentError("过长（至多 500 个字）", std::string(field));
  return OkStatus();
}

// One validated row, ready to insert.
struct Row {
  std::vector<std::string> f;
  Unit unit;
  std::optional<Unit> station;
  std::optional<long long> user_id;
};

StatusOr<Row> CheckRow(soci::session& sql, LibraryKind kind, std::vector<std::string> f,
                       Units& units, const UnitCheck& unit_check) {
  Row row;
  auto unit = [&](const std::string& code, std::string_view field) -> StatusOr<Unit> {
    ASSIGN_OR_RETURN(Unit u, units.ByCode(code, field));
    if (unit_check) {
      Status s = unit_check(u.path);
      if (!s.ok()) return Status(s.code(), s.message(), std::string(field));
    }
    return u;
  };
  switch (kind) {
    case LibraryKind::kItems: {
      RETURN_IF_ERROR(Required(f[0], "code"));
      RETURN_IF_ERROR(Required(f[2], "name"));
      ASSIGN_OR_RETURN(row.unit, unit(f[1], "org_unit_code"));
      if (f[3] != "key" && f[3] != "general") {
        return InvalidArgumentError("事项类别应为 key（重点）或 general（一般）", "category");
      }
      for (const std::string& k : SplitList(f[6])) {
        if (k != "enterprise" && k != "individual_business" && k != "cooperative") {
          return InvalidArgumentError(
              "主体类型应为 enterprise、individual_business 或 cooperative：" + k, "entity_kinds");
        }
      }
      for (const std::string& p : SplitList(f[7])) {
        if (p.size() > 4 ||
            p.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRST") != std::string::npos) {
          return InvalidArgumentError("行业代码前缀无效：" + p, "industries");
        }
      }
      if (Exists(sql, "SELECT COUNT(*) FROM inspection_item WHERE code = :k", f[0])) {
        return AlreadyExistsError("事项编码 " + f[0] + " 已存在", "code");
      }
      break;
    }
    case LibraryKind::kTargets: {
      RETURN_IF_ERROR(Required(f[0], "target_key"));
      RETURN_IF_ERROR(Required(f[2], "name"));
      if (f[1] != "entity" && f[1] != "product" && f[1] != "project" && f[1] != "premises") {
        return InvalidArgumentError("对象类型应为 entity、product、project 或 premises", "kind");
      }
      if (!Exists(sql, "SELECT COUNT(*) FROM entity WHERE uscc = :k", f[3])) {
        return NotFoundError("市场主体 " + f[3] + " 不在主体库中", "entity_uscc");
      }
      if (f[1] == "entity" && f[0] != f[3]) {
        return InvalidArgumentError("entity 类对象的 target_key 应为其统一社会信用代码",
                                    "target_key");
      }
      ASSIGN_OR_RETURN(row.unit, unit(f[4], "org_unit_code"));
      if (Exists(sql, "SELECT COUNT(*) FROM inspection_target WHERE target_key = :k", f[0])) {
        return AlreadyExistsError("对象 " + f[0] + " 已存在", "target_key");
      }
      break;
    }
    case LibraryKind::kOfficers: {
      RETURN_IF_ERROR(Required(f[0], "code"));
      RETURN_IF_ERROR(Required(f[1], "name"));
      ASSIGN_OR_RETURN(row.unit, unit(f[2], "org_unit_code"));
      if (!f[3].empty()) {
        ASSIGN_OR_RETURN(Unit st, unit(f[3], "station_code"));
        row.station = st;
      }
      if (!f[4].empty()) {
        long long id = 0;
        soci::indicator ind = soci::i_null;
        sql << "SELECT id FROM app_user WHERE username = :u AND kind = 'staff'", soci::use(f[4]),
            soci::into(id, ind);
        if (ind != soci::i_ok) return NotFoundError("用户 " + f[4] + " 不存在", "username");
        row.user_id = id;
      }
      if (f[6].empty()) f[6] = "active";
      if (f[6] != "active" && f[6] != "on_leave" && f[6] != "inactive") {
        return InvalidArgumentError("状态应为 active、on_leave 或 inactive", "status");
      }
      for (const std::string& u : SplitList(f[7])) {
        if (u.size() != 18)
          return InvalidArgumentError("回避主体应为 18 位统一社会信用代码：" + u, "conflicts");
      }
      if (Exists(sql, "SELECT COUNT(*) FROM inspection_officer WHERE code = :k", f[0])) {
        return AlreadyExistsError("执法人员编号 " + f[0] + " 已存在", "code");
      }
      break;
    }
  }
  row.f = std::move(f);
  return row;
}

Status InsertRow(soci::session& sql, LibraryKind kind, const Row& r, const std::string& now) {
  const auto& f = r.f;
  const long long unit = r.unit.id;
  switch (kind) {
    case LibraryKind::kItems: {
      const std::string kinds = JoinList(SplitList(f[6])), industries = JoinList(SplitList(f[7]));
      sql << "INSERT INTO inspection_item (code, org_unit_id, name, category, legal_basis, "
             "content, "
             "entity_kinds, industries, region_code, created_at) VALUES (:c, :u, :n, :cat, :lb, "
             ":ct, :k, :i, :r, :t)",
          soci::use(f[0]), soci::use(unit), soci::use(f[2]), soci::use(f[3]), soci::use(f[4]),
          soci::use(f[5]), soci::use(kinds), soci::use(industries), soci::use(r.unit.region_code),
          soci::use(now);
      return OkStatus();
    }
    case LibraryKind::kTargets: {
      const std::string labels = JoinList(SplitList(f[5]));
      sql << "INSERT INTO inspection_target (target_key, kind, name, entity_uscc, org_unit_id, "
             "labels, special_library, region_code, created_at) VALUES (:k, :kind, :n, :e, :u, "
             ":l, :s, :r, :t)",
          soci::use(f[0]), soci::use(f[1]), soci::use(f[2]), soci::use(f[3]), soci::use(unit),
          soci::use(labels), soci::use(f[6]), soci::use(r.unit.region_code), soci::use(now);
      return OkStatus();
    }
    case LibraryKind::kOfficers: {
      long long station = r.station ? r.station->id : 0;
      soci::indicator st_ind = r.station ? soci::i_ok : soci::i_null;
      long long user = r.user_id.value_or(0);
      soci::indicator user_ind = r.user_id ? soci::i_ok : soci::i_null;
      const std::string quals = JoinList(SplitList(f[5]));
      sql << "INSERT INTO inspection_officer (code, name, org_unit_id, station_unit_id, user_id, "
             "qualifications, status, region_code, created_at) VALUES (:c, :n, :u, :s, :usr, :q, "
             ":st, :r, :t)",
          soci::use(f[0]), soci::use(f[1]), soci::use(unit), soci::use(station, st_ind),
          soci::use(user, user_ind), soci::use(quals), soci::use(f[6]),
          soci::use(r.unit.region_code), soci::use(now);
      long long id = 0;
      sql << "SELECT id FROM inspection_officer WHERE code = :c", soci::use(f[0]), soci::into(id);
      for (const std::string& uscc : SplitList(f[7])) {
        sql << "INSERT INTO inspection_officer_conflict (officer_id, entity_uscc) VALUES (:o, :u)",
            soci::use(id), soci::use(uscc);
      }
      return OkStatus();
    }
  }
  return OkStatus();
}

std::string ScopeWhere(const std::vector<std::string>& scope_paths, std::string_view table,
                       std::optional<int64_t> unit) {
  std::string where = " WHERE (1 = 0";
  for (size_t i = 0; i < scope_paths.size(); ++i) {
    where += fmt::format(" OR o.path LIKE :p{} ", i);
  }
  where += ")";
  if (unit) where += fmt::format(" AND {}.org_unit_id = :unit", table);
  return where;
}

template <typename Fn>
Status Scan(soci::session& sql, const std::string& query, const std::vector<std::string>& scope,
            std::optional<int64_t> unit, Fn&& fn) {
  std::vector<std::string> likes;
  for (const std::string& p : scope) likes.push_back(p + "%");
  long long unit_id = unit.value_or(0);
  soci::details::prepare_temp_type st = (sql.prepare << query);
  for (size_t i = 0; i < likes.size(); ++i) st, soci::use(likes[i], "p" + std::to_string(i));
  if (unit) st, soci::use(unit_id, "unit");
  soci::rowset<soci::row> rows(st);
  for (const soci::row& r : rows) fn(r);
  return OkStatus();
}

Item ItemFromRow(const soci::row& r) {
  Item it;
  it.id = internal::Int(r, 0);
  it.code = r.get<std::string>(1);
  it.org_unit_id = internal::Int(r, 2);
  it.name = r.get<std::string>(3);
  it.category = r.get<std::string>(4);
  it.legal_basis = r.get<std::string>(5);
  it.content = r.get<std::string>(6);
  it.entity_kinds = SplitList(r.get<std::string>(7));
  it.industries = SplitList(r.get<std::string>(8));
  it.region_code = r.get<std::string>(9);
  return it;
}

constexpr const char* kItemColumns =
    "i.id, i.code, i.org_unit_id, i.name, i.category, i.legal_basis, i.content, i.entity_kinds, "
    "i.industries, i.region_code";

}  // namespace

StatusOr<LibraryKind> ParseLibraryKind(std::string_view text) {
  if (text == "items") return LibraryKind::kItems;
  if (text == "targets") return LibraryKind::kTargets;
  if (text == "officers") return LibraryKind::kOfficers;
  return InvalidArgumentError("名录类别应为 items、targets 或 officers", "kind");
}

std::string_view LibraryKindId(LibraryKind kind) {
  switch (kind) {
    case LibraryKind::kItems:
      return "items";
    case LibraryKind::kTargets:
      return "targets";
    case LibraryKind::kOfficers:
      return "officers";
  }
  return "items";
}

StatusOr<LibraryImportReport> ImportLibrary(storage::Database& db, LibraryKind kind,
                                            std::istream& csv, const identity::Caller& caller,
                                            const UnitCheck& unit_check, const Clock& clock) {
  // Parse the whole file before touching the store.
  CsvReader reader(csv);
  std::vector<std::string> fields;
  ASSIGN_OR_RETURN(bool has_header, reader.Next(fields));
  if (!has_header) return InvalidArgumentError("文件为空，缺少表头", "file");
  const std::vector<std::string>& header = Header(kind);
  if (fields != header) {
    std::string want;
    for (const std::string& h : header) want += (want.empty() ? "" : ",") + h;
    return InvalidArgumentError("第 1 行：表头应为 " + want, "file");
  }
  std::vector<std::pair<size_t, std::vector<std::string>>> lines;
  std::map<std::string, size_t> first_line;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.Next(fields));
    if (!more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != header.size()) {
      return InvalidArgumentError(fmt::format("第 {} 行：应有 {} 列，实有 {} 列", reader.line(),
                                              header.size(), fields.size()),
                                  "file");
    }
    for (size_t i = 0; i < fields.size(); ++i) {
      Status chars = CheckTextCharacters(fields[i], header[i]);
      if (!chars.ok()) {
        return InvalidArgumentError(fmt::format("第 {} 行：{}", reader.line(), chars.message()),
                                    header[i]);
      }
    }
    auto [it, fresh] = first_line.emplace(fields[0], reader.line());
    if (!fresh) {
      return AlreadyExistsError(
          fmt::format("第 {} 行：{} 与第 {} 行重复", reader.line(), fields[0], it->second),
          header[0]);
    }
    lines.emplace_back(reader.line(), fields);
  }
  if (lines.empty()) return InvalidArgumentError("文件只有表头，没有数据", "file");

  LibraryImportReport report;
  const std::string now = FormatChinaTime(clock.Now());
  RETURN_IF_ERROR(db.Transaction([&](soci::session& sql) -> Status {
    Units units(sql);
    std::vector<Row> rows;
    for (auto& [line, f] : lines) {
      auto row = CheckRow(sql, kind, f, units, unit_check);
      if (!row.ok()) return LineError(line, row.status());
      rows.push_back(std::move(*row));
    }
    for (const Row& r : rows) RETURN_IF_ERROR(InsertRow(sql, kind, r, now));
    report.rows = static_cast<int64_t>(rows.size());
    audit::AuditEntry entry;
    entry.actor =
        identity::ActorFor(caller, identity::perm::kInspectionLibraryWrite, rows.front().unit.path);
    entry.action = "inspection.library.import";
    entry.target_type = "inspection_" + std::string(LibraryKindId(kind));
    entry.target_id = "*";
    entry.before = nullptr;
    entry.after = {{"rows", report.rows}, {"first", rows.front().f[0]}};
    return audit::Append(sql, entry, clock);
  }));
  return report;
}

StatusOr<std::string> UnitPath(soci::session& sql, int64_t id) {
  std::string path;
  soci::indicator ind = soci::i_null;
  long long uid = id;
  sql << "SELECT path FROM org_unit WHERE id = :id", soci::use(uid), soci::into(path, ind);
  if (ind != soci::i_ok) return NotFoundError(fmt::format("机构 {} 不存在", id), "org_unit_id");
  return path;
}

StatusOr<std::vector<Item>> ListItems(soci::session& sql, const std::vector<std::string>& scope,
                                      std::optional<int64_t> unit) {
  std::vector<Item> out;
  RETURN_IF_ERROR(Scan(sql,
                       std::string("SELECT ") + kItemColumns +
                           " FROM inspection_item i JOIN org_unit o ON o.id = i.org_unit_id" +
                           ScopeWhere(scope, "i", unit) + " ORDER BY i.code LIMIT 1000",
                       scope, unit, [&](const soci::row& r) { out.push_back(ItemFromRow(r)); }));
  return out;
}

StatusOr<std::vector<Item>> GetItems(soci::session& sql, const std::vector<int64_t>& ids) {
  std::vector<Item> out;
  for (int64_t id : ids) {
    long long key = id;
    soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + kItemColumns +
                                                       " FROM inspection_item i WHERE i.id = :id",
                                    soci::use(key));
    bool found = false;
    for (const soci::row& r : rows) {
      out.push_back(ItemFromRow(r));
      found = true;
    }
    if (!found) return NotFoundError(fmt::format("抽查事项 {} 不存在", id), "item_ids");
  }
  return out;
}

StatusOr<std::vector<Officer>> ListOfficers(soci::session& sql,
                                            const std::vector<std::string>& scope,
                                            std::optional<int64_t> unit) {
  std::vector<Officer> out;
  RETURN_IF_ERROR(
      Scan(sql,
           "SELECT f.id, f.code, f.name, f.org_unit_id, f.station_unit_id, f.user_id, "
           "f.qualifications, f.status FROM inspection_officer f JOIN org_unit o ON o.id = "
           "f.org_unit_id" +
               ScopeWhere(scope, "f", unit) + " ORDER BY f.code LIMIT 1000",
           scope, unit, [&](const soci::row& r) {
             Officer f;
             f.id = internal::Int(r, 0);
             f.code = r.get<std::string>(1);
             f.name = r.get<std::string>(2);
             f.org_unit_id = internal::Int(r, 3);
             f.station_unit_id = internal::MaybeInt(r, 4);
             f.user_id = internal::MaybeInt(r, 5);
             f.qualifications = SplitList(r.get<std::string>(6));
             f.status = r.get<std::string>(7);
             out.push_back(std::move(f));
           }));
  for (Officer& f : out) {
    long long id = f.id;
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT entity_uscc FROM inspection_officer_conflict WHERE officer_id = "
                        ":o ORDER BY entity_uscc",
         soci::use(id));
    for (const std::string& u : rows) f.conflicts.push_back(u);
  }
  return out;
}

StatusOr<std::vector<Target>> ListTargets(soci::session& sql, const std::vector<std::string>& scope,
                                          std::optional<int64_t> unit) {
  std::vector<Target> out;
  RETURN_IF_ERROR(
      Scan(sql,
           "SELECT t.id, t.target_key, t.kind, t.name, t.entity_uscc, t.org_unit_id, t.labels, "
           "t.special_library FROM inspection_target t JOIN org_unit o ON o.id = t.org_unit_id" +
               ScopeWhere(scope, "t", unit) + " ORDER BY t.target_key LIMIT 1000",
           scope, unit, [&](const soci::row& r) {
             Target t;
             t.id = internal::Int(r, 0);
             t.target_key = r.get<std::string>(1);
             t.kind = r.get<std::string>(2);
             t.name = r.get<std::string>(3);
             t.entity_uscc = r.get<std::string>(4);
             t.org_unit_id = internal::Int(r, 5);
             t.labels = SplitList(r.get<std::string>(6));
             t.special_library = r.get<std::string>(7);
             out.push_back(std::move(t));
           }));
  return out;
}

}  // namespace amr::inspection
