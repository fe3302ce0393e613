// SPDX-License-Identifier: MulanPSL-2.0
#include "registry/entity_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <charconv>
#include <unordered_map>

#include "common/csv.h"
#include "registry/entity_csv.h"
#include "storage/bulk_loader.h"
#include "storage/change_log.h"
#include "storage/sql_text.h"

namespace amr::registry {

namespace {

constexpr const char* kColumns =
    "uscc, name, kind, org_form, family_farm, region_code, industry_code, legal_rep_id, "
    "legal_rep_name, registered_capital, address, credit_class, status, established_on, "
    "operating_term";

Entity FromRow(const soci::row& r) {
  Entity e;
  e.uscc = r.get<std::string>(0);
  e.name = r.get<std::string>(1);
  e.kind = *ParseKind(r.get<std::string>(2));
  e.org_form = r.get<std::string>(3);
  e.family_farm = r.get<int>(4) != 0;
  e.region_code = r.get<std::string>(5);
  e.industry_code = r.get<std::string>(6);
  e.legal_rep_id = r.get<std::string>(7);
  e.legal_rep_name = r.get<std::string>(8);
  if (r.get_indicator(9) == soci::i_ok) e.registered_capital = r.get<long long>(9);
  e.address = r.get<std::string>(10);
  e.credit_class = r.get<std::string>(11).at(0);
  e.status = *ParseStatus(r.get<std::string>(12));
  e.established_on = *Date::Parse(r.get<std::string>(13));
  if (auto term = ParseOperatingTerm(r.get<std::string>(14)); term.ok()) e.operating_term = *term;
  return e;
}

}  // namespace

StatusOr<EntityStats> CountEntities(storage::Database& db, std::string_view region_prefix,
                                    int from_year) {
  const std::string region = storage::EscapeLike(region_prefix) + "%";
  const std::string from = fmt::format("{:04d}-01-01", from_year);
  // 3 kinds x 4 statuses, and a century of years x 3 kinds at most.
  constexpr size_t kMaxGroups = 400;
  EntityStats stats;
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
    stats = EntityStats{};
    std::vector<std::string> kinds(kMaxGroups), statuses(kMaxGroups);
    std::vector<long long> counts(kMaxGroups);
    sql << "SELECT kind, status, COUNT(*) FROM entity WHERE region_code LIKE :region "
           "ESCAPE '\\' GROUP BY kind, status ORDER BY kind, status",
        soci::into(kinds), soci::into(statuses), soci::into(counts), soci::use(region, "region");
    for (size_t i = 0; i < kinds.size(); ++i) {
      ASSIGN_OR_RETURN(EntityKind kind, ParseKind(kinds[i]));
      ASSIGN_OR_RETURN(EntityStatus status, ParseStatus(statuses[i]));
      stats.by_kind_status.push_back({kind, status, counts[i]});
      stats.total += counts[i];
    }
    std::vector<std::string> years(kMaxGroups), year_kinds(kMaxGroups);
    std::vector<long long> year_counts(kMaxGroups);
    sql << "SELECT SUBSTR(established_on, 1, 4) AS y, kind, COUNT(*) FROM entity "
           "WHERE region_code LIKE :region ESCAPE '\\' AND established_on >= :from "
           "GROUP BY SUBSTR(established_on, 1, 4), kind ORDER BY y, kind",
        soci::into(years), soci::into(year_kinds), soci::into(year_counts),
        soci::use(region, "region"), soci::use(from, "from");
    for (size_t i = 0; i < years.size(); ++i) {
      ASSIGN_OR_RETURN(EntityKind kind, ParseKind(year_kinds[i]));
      int year = 0;
      std::from_chars(years[i].data(), years[i].data() + years[i].size(), year);
      stats.by_year.push_back({year, kind, year_counts[i]});
    }
    return OkStatus();
  }));
  return stats;
}

Status InsertEntity(soci::session& sql, const Entity& e, std::string_view now) {
  const std::string kind(KindId(e.kind)), status(StatusId(e.status)), credit(1, e.credit_class),
      established = e.established_on.ToString(), term = OperatingTermId(e.operating_term), ts(now);
  const int farm = e.family_farm ? 1 : 0;
  long long capital = e.registered_capital.value_or(0);
  soci::indicator capital_ind = e.registered_capital ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO entity (" << kColumns
      << ", created_at, updated_at) VALUES (:uscc, :name, :kind, :org_form, :farm, :region, "
         ":industry, :rep_id, :rep_name, :capital, :address, :credit, :status, :established, "
         ":term, :created, :updated)",
      soci::use(e.uscc), soci::use(e.name), soci::use(kind), soci::use(e.org_form), soci::use(farm),
      soci::use(e.region_code), soci::use(e.industry_code), soci::use(e.legal_rep_id),
      soci::use(e.legal_rep_name), soci::use(capital, capital_ind), soci::use(e.address),
      soci::use(credit), soci::use(status), soci::use(established), soci::use(term), soci::use(ts),
      soci::use(ts);
  return storage::AppendChange(sql, "entity", e.uscc, "insert", e.region_code, now);
}

StatusOr<ImportReport> ImportEntities(storage::Database& db, std::istream& csv,
                                      const Clock& clock) {
  const auto now = clock.Now();
  const std::string now_text = FormatChinaTime(now);
  EntityCsvParser parser(ChinaDate(now));
  CsvReader reader(csv);
  std::vector<std::string> fields;
  ImportReport report;

  ASSIGN_OR_RETURN(bool has_header, reader.Next(fields));
  if (!has_header) return InvalidArgumentError("文件为空，缺少表头", "file");
  if (Status s = parser.SetHeader(fields); !s.ok()) {
    return InvalidArgumentError(fmt::format("第 1 行：{}", s.message()), s.field());
  }

  // Validate everything before writing anything.
  std::vector<Entity> entities;
  std::unordered_map<std::string, size_t> line_of;
  while (true) {
    auto more = reader.Next(fields);
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;  // Blank line.
    std::string warning;
    auto entity = parser.Parse(fields, &warning);
    if (!entity.ok()) {
      return Status(entity.status().code(),
                    fmt::format("第 {} 行：{}（列 {}）", reader.line(), entity.status().message(),
                                entity.status().field()),
                    entity.status().field());
    }
    if (!warning.empty())
      report.warnings.push_back(fmt::format("第 {} 行：{}", reader.line(), warning));
    auto [it, inserted] = line_of.emplace(entity->uscc, reader.line());
    if (!inserted) {
      return AlreadyExistsError(fmt::format("第 {} 行：统一社会信用代码 {} 与第 {} 行重复",
                                            reader.line(), entity->uscc, it->second),
                                "uscc");
    }
    entities.push_back(std::move(*entity));
  }
  if (entities.empty()) return InvalidArgumentError("文件只有表头，没有主体数据", "file");

  std::vector<std::string> columns = {
      "uscc",        "name",          "kind",         "org_form",       "family_farm",
      "region_code", "industry_code", "legal_rep_id", "legal_rep_name", "registered_capital",
      "address",     "credit_class",  "status",       "established_on", "created_at",
      "updated_at"};
  // A constraint error from the engine names the loaded row ("第 N 行", SQLite)
  // or the duplicated key (PostgreSQL); turn either into the file's line.
  auto file_error = [&](const Status& s) -> Status {
    if (s.code() != StatusCode::kAlreadyExists) return s;
    const std::string& m = s.message();
    if (size_t at = m.find("第 "); at != std::string::npos) {
      size_t row = 0;
      auto [ptr, ec] = std::from_chars(m.data() + at + 4, m.data() + m.size(), row);
      if (ec == std::errc() && row >= 1 && row <= entities.size()) {
        const Entity& e = entities[row - 1];
        return AlreadyExistsError(
            fmt::format("第 {} 行：统一社会信用代码 {} 已在库中登记", line_of[e.uscc], e.uscc),
            "uscc");
      }
    }
    for (const auto& [uscc, line] : line_of) {
      if (m.find(uscc) != std::string::npos) {
        return AlreadyExistsError(
            fmt::format("第 {} 行：统一社会信用代码 {} 已在库中登记", line, uscc), "uscc");
      }
    }
    return AlreadyExistsError("文件中有统一社会信用代码已在库中登记：" + m, "uscc");
  };

  ASSIGN_OR_RETURN(auto loader, storage::BulkLoader::Begin(db, "entity", columns));
  std::vector<std::optional<std::string>> row(columns.size());
  for (const Entity& e : entities) {
    auto f = EntityToCsvFields(e);
    for (size_t i = 0; i < f.size(); ++i) row[i] = std::move(f[i]);
    if (!e.registered_capital) row[9].reset();
    row[14] = now_text;
    row[15] = now_text;
    if (Status s = loader->Add(row); !s.ok()) {
      loader->Abort();
      return file_error(s);
    }
  }
  RETURN_IF_ERROR(loader->AddChange("entity", "*", "insert", "", now_text));
  if (Status s = loader->Finish(); !s.ok()) return file_error(s);
  report.rows = static_cast<int64_t>(entities.size());
  return report;
}

}  // namespace amr::registry

namespace amr::registry {

StatusOr<Entity> GetEntity(soci::session& sql, std::string_view uscc) {
  std::optional<Entity> found;
  const std::string code(uscc);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns << " FROM entity WHERE uscc = :uscc", soci::use(code));
  for (const soci::row& r : rows) found = FromRow(r);
  if (!found) {
    return NotFoundError(fmt::format("未找到统一社会信用代码为 {} 的市场主体", uscc), "uscc");
  }
  return *std::move(found);
}

StatusOr<Entity> GetEntity(storage::Database& db, std::string_view uscc) {
  std::optional<Entity> found;
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(found, GetEntity(sql, uscc));
    return OkStatus();
  }));
  return *std::move(found);
}

StatusOr<EntityPage> FindEntities(storage::Database& db, const EntityQuery& q) {
  // Conditions are fixed SQL text; every value is a bound parameter.
  std::string where = " WHERE 1 = 1";
  const std::string like = "%" + storage::EscapeLike(q.text) + "%";
  const std::string prefix = storage::EscapeLike(q.text) + "%";
  const std::string region = storage::EscapeLike(q.region_code) + "%";
  const std::string kind = q.kind ? std::string(KindId(*q.kind)) : "";
  const std::string status = q.status ? std::string(StatusId(*q.status)) : "";
  if (!q.text.empty()) {
    where += " AND (name LIKE :like ESCAPE '\\' OR uscc LIKE :prefix ESCAPE '\\')";
  }
  if (!q.legal_rep_name.empty()) where += " AND legal_rep_name = :rep";
  if (!q.region_code.empty()) where += " AND region_code LIKE :region ESCAPE '\\'";
  if (q.kind) where += " AND kind = :kind";
  if (q.status) where += " AND status = :status";

  EntityPage page;
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
    page = EntityPage{};
    auto bind = [&](soci::details::prepare_temp_type& st) {
      if (!q.text.empty()) st, soci::use(like, "like"), soci::use(prefix, "prefix");
      if (!q.legal_rep_name.empty()) st, soci::use(q.legal_rep_name, "rep");
      if (!q.region_code.empty()) st, soci::use(region, "region");
      if (q.kind) st, soci::use(kind, "kind");
      if (q.status) st, soci::use(status, "status");
    };
    long long total = 0;
    {
      soci::details::prepare_temp_type st = (sql.prepare << "SELECT COUNT(*) FROM entity" + where);
      bind(st);
      st, soci::into(total);
      soci::statement stmt(st);
      stmt.execute(true);
    }
    page.total = total;
    const long long limit = q.limit, offset = q.offset;
    soci::details::prepare_temp_type st =
        (sql.prepare << std::string("SELECT ") + kColumns + " FROM entity" + where +
                            " ORDER BY established_on DESC, uscc LIMIT :limit OFFSET :offset");
    bind(st);
    st, soci::use(limit, "limit"), soci::use(offset, "offset");
    soci::rowset<soci::row> rows(st);
    for (const soci::row& r : rows) page.items.push_back(FromRow(r));
    return OkStatus();
  }));
  return page;
}

}  // namespace amr::registry
