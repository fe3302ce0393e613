// SPDX-License-Identifier: MulanPSL-2.0
#include "complaints/complaint_import.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <charconv>
#include <map>
#include <vector>

#include "complaints/complaint_service.h"
#include "complaints/complaint_store.h"
#include "complaints/import_file.h"
#include "storage/bulk_loader.h"
#include "storage/rows.h"

namespace amr::complaints {
namespace {

Status AtLine(size_t line, const Status& s) {
  return Status(s.code(), fmt::format("第 {} 行：{}", line, s.message()), s.field());
}

std::string DateOrEmpty(const codes::CountedDate& d) {
  return d.date == Date::FromSysDays({}) ? std::string() : d.date.ToString();
}

// A record imported before (its external_ref): the engine names the loaded
// row ("第 N 行", SQLite) or the duplicated key (PostgreSQL); either becomes
// the file's line.
Status AlreadyImported(const Status& s, const std::vector<ImportedRecord>& parsed) {
  if (s.code() != StatusCode::kAlreadyExists) return s;
  const std::string& m = s.message();
  size_t line = 0;
  if (size_t at = m.find("第 "); at != std::string::npos) {
    size_t row = 0;
    auto [ptr, ec] = std::from_chars(m.data() + at + 4, m.data() + m.size(), row);
    if (ec == std::errc() && row >= 1 && row <= parsed.size()) line = parsed[row - 1].line;
  }
  for (size_t i = 0; line == 0 && i < parsed.size(); ++i) {
    if (m.find(parsed[i].key) != std::string::npos) line = parsed[i].line;
  }
  if (line == 0)
    return AlreadyExistsError("文件中有记录已经导入过（原系统编号重复）", "external_ref");
  return AlreadyExistsError(fmt::format("第 {} 行：这条记录已经导入过（原系统编号重复）", line),
                            "external_ref");
}

}  // namespace

StatusOr<ImportReport> ImportComplaints(storage::Database& db, std::istream& in, const Clock& clock,
                                        const codes::CalendarSource& calendar,
                                        const ComplaintRules& rules) {
  const Date today = ChinaDate(clock.Now());
  const std::string now = FormatChinaTime(clock.Now());
  ASSIGN_OR_RETURN(std::vector<ImportedRecord> parsed, ParseImportFile(in, today, rules));

  // The register decides a known business's name, county and industry; the
  // county decides the unit. Then each record's clock on the calendar.
  ImportReport report;
  std::shared_ptr<const codes::WorkdayCalendar> cal = calendar.Current();
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
    std::map<std::string, RegisteredBusiness> known;
    std::vector<std::string> usccs;
    for (const ImportedRecord& p : parsed) {
      if (!p.c.business_uscc.empty()) usccs.push_back(p.c.business_uscc);
    }
    std::sort(usccs.begin(), usccs.end());
    usccs.erase(std::unique(usccs.begin(), usccs.end()), usccs.end());
    ASSIGN_OR_RETURN(known, FindBusinesses(sql, usccs));
    struct County {
      Unit county;
      std::vector<Unit> units;
      std::vector<std::string> stations;
    };
    std::map<std::string, County> counties;
    for (ImportedRecord& p : parsed) {
      Complaint& c = p.c;
      auto it = known.find(c.business_uscc);
      if (it != known.end()) {
        c.business_name = it->second.name;
        c.region_code = it->second.region_code;
        c.industry_code = it->second.industry_division;
        ++report.matched;
      }
      if (c.region_code.empty()) {
        return AtLine(
            p.line, InvalidArgumentError("该经营者不在本系统登记，请写明所在县区", "region_code"));
      }
      if (c.business_name.empty()) {
        return AtLine(p.line, InvalidArgumentError("请写明经营者名称", "business_name"));
      }
      // The station by the registered address, else the county; each
      // county's units are read once.
      auto county = counties.find(c.region_code);
      if (county == counties.end()) {
        StatusOr<Unit> u = UnitOfRegion(sql, c.region_code);
        if (!u.ok()) return AtLine(p.line, u.status());
        County k{*u, {}, {}};
        ASSIGN_OR_RETURN(k.units, CountyUnits(sql, u->path));
        for (const Unit& unit : k.units) {
          if (unit.path != u->path) k.stations.push_back(unit.code);
        }
        county = counties.emplace(c.region_code, std::move(k)).first;
      }
      const Unit* unit = &county->second.county;
      if (it != known.end() && !it->second.address.empty()) {
        const std::string code =
            StationAreas::Default().StationFor(it->second.address, county->second.stations);
        for (const Unit& u : county->second.units) {
          if (!code.empty() && u.code == code) unit = &u;
        }
      }
      c.unit_id = unit->id;
      c.unit_path = unit->path;
      // Before the calendar's first year a historical record has no counted
      // limit; an open one must (OutOfRange past the provisional year).
      StatusOr<codes::CountedDate> due = codes::PeriodEnd(*cal, c.received_on, rules.acceptance());
      if (due.ok()) {
        c.accept_due = *due;
        if (!c.decided_on.empty()) c.decided_late = c.accept_due.date.ToString() < c.decided_on;
      } else if (c.state == State::kReceived) {
        return AtLine(p.line, due.status());
      }
      if (c.kind == Kind::kReport) {
        StatusOr<codes::CountedDate> check =
            codes::PeriodEnd(*cal, c.received_on, rules.report_check());
        if (check.ok()) c.check_due = *check;
      }
      if (c.state == State::kReceived) ++report.open;
    }
    return OkStatus();
  }));

  const std::vector<std::string> columns = {"query_code",
                                            "client_key",
                                            "kind",
                                            "channel",
                                            "state",
                                            "business_uscc",
                                            "business_name",
                                            "region_code",
                                            "consumer_name",
                                            "consumer_phone",
                                            "summary",
                                            "occurred_on",
                                            "received_at",
                                            "received_on",
                                            "unit_id",
                                            "unit_path",
                                            "accept_due_on",
                                            "accept_due_provisional",
                                            "decided_on",
                                            "decided_by",
                                            "not_accept_reason",
                                            "decided_late",
                                            "outcome",
                                            "amount_recovered",
                                            "closed_on",
                                            "problem_kind",
                                            "industry_code",
                                            "check_due_on",
                                            "check_due_provisional",
                                            "report_decision",
                                            "updated_at"};
  ASSIGN_OR_RETURN(auto loader, storage::BulkLoader::Begin(db, "complaint", columns));
  std::vector<std::optional<std::string>> row(columns.size());
  for (const ImportedRecord& p : parsed) {
    const Complaint& c = p.c;
    row = {NewQueryCode(),
           p.key,
           std::string(KindId(c.kind)),
           std::string(ChannelId(c.channel)),
           std::string(StateId(c.state)),
           c.business_uscc,
           c.business_name,
           c.region_code,
           c.consumer_name,
           c.consumer_phone,
           c.summary,
           c.occurred_on ? std::optional<std::string>(c.occurred_on->ToString()) : std::nullopt,
           c.received_at,
           c.received_on.ToString(),
           std::to_string(c.unit_id),
           c.unit_path,
           DateOrEmpty(c.accept_due),
           c.accept_due.provisional ? "1" : "0",
           c.decided_on,
           c.decided_by,
           c.not_accept_reason,
           c.decided_late ? "1" : "0",
           c.outcome ? std::string(OutcomeId(*c.outcome)) : std::string(),
           std::to_string(c.amount_recovered),
           c.closed_on,
           c.problem_kind,
           c.industry_code,
           DateOrEmpty(c.check_due),
           c.check_due.provisional ? "1" : "0",
           c.report_decision ? std::string(ReportDecisionId(*c.report_decision)) : std::string(),
           now};
    if (Status s = loader->Add(row); !s.ok()) return AlreadyImported(s, parsed);
  }
  if (Status s = loader->Finish(); !s.ok()) return AlreadyImported(s, parsed);
  report.rows = static_cast<int64_t>(parsed.size());

  // The open ones' clocks, reminders and one audit record for the file.
  std::vector<std::string> open;
  for (const ImportedRecord& p : parsed) {
    if (p.c.state == State::kReceived) open.push_back(p.key);
  }
  ComplaintService service(db, clock, calendar, rules);
  RETURN_IF_ERROR(service.TrackImported(open, report.rows));
  return report;
}

}  // namespace amr::complaints
