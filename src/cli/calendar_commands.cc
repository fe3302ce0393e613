// SPDX-License-Identifier: MulanPSL-2.0
// amr calendar add-workdays DATE N [--db URL] [--json]
// amr calendar is-workday DATE [--db URL] [--json]
// amr calendar import FILE --db URL [--replace] [--notice TEXT] [--year YYYY]
// amr calendar years --db URL [--json]
//
// Without --db the two questions read the shipped file (data/calendar.csv);
// with it, the store's calendar, as the server does. A date computed from the
// year after the last entered one is provisional (Monday–Friday): --json says
// so with "provisional": true, and the text form adds "（暂定）" on stderr.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/calendar_wiring.h"
#include "cli/commands.h"
#include "codes/calendar.h"
#include "codes/deadline.h"

namespace amr::cli {

namespace {

struct QueryArgs {
  std::string date;
  std::string n;
  std::string db;  // "" = the shipped file
  bool json = false;
};

// The calendar the question is asked of; `holder` keeps a store's service alive.
StatusOr<std::shared_ptr<const codes::WorkdayCalendar>> CalendarFor(
    const std::string& db_url, std::unique_ptr<storage::Database>* db,
    std::shared_ptr<calendar::CalendarService>* holder) {
  if (db_url.empty()) return codes::ShippedCalendar().Current();
  ASSIGN_OR_RETURN(*db, OpenStore(db_url));
  ASSIGN_OR_RETURN(*holder, StartCalendar(**db, Clock::Real(), false));
  return (*holder)->Current();
}

void PrintProvisionalNote(bool provisional, int year) {
  if (provisional) fmt::print(stderr, "（暂定：{}）\n", codes::ProvisionalReason(year));
}

int RunAddWorkdays(const QueryArgs& args) {
  auto from = Date::Parse(args.date, "from");
  if (!from.ok()) return ReportError(from.status());
  int n = 0;
  try {
    size_t used = 0;
    n = std::stoi(args.n, &used);
    if (used != args.n.size()) throw std::invalid_argument(args.n);
  } catch (const std::exception&) {
    return ReportError(InvalidArgumentError(fmt::format("工作日数“{}”应为整数", args.n), "n"));
  }
  std::unique_ptr<storage::Database> db;
  std::shared_ptr<calendar::CalendarService> holder;
  auto calendar = CalendarFor(args.db, &db, &holder);
  if (!calendar.ok()) return ReportError(calendar.status());
  auto date = (*calendar)->AddWorkdays(*from, n);
  if (!date.ok()) return ReportError(date.status());
  const bool provisional = (*calendar)->IsProvisional(std::max(*from, *date));
  if (args.json) {
    fmt::print("{}\n",
               nlohmann::json{{"date", date->ToString()}, {"provisional", provisional}}.dump());
  } else {
    fmt::print("{}\n", date->ToString());
    PrintProvisionalNote(provisional, (*calendar)->provisional_year());
  }
  return 0;
}

int RunIsWorkday(const QueryArgs& args) {
  auto date = Date::Parse(args.date, "date");
  if (!date.ok()) return ReportError(date.status());
  std::unique_ptr<storage::Database> db;
  std::shared_ptr<calendar::CalendarService> holder;
  auto calendar = CalendarFor(args.db, &db, &holder);
  if (!calendar.ok()) return ReportError(calendar.status());
  auto workday = (*calendar)->IsWorkday(*date);
  if (!workday.ok()) return ReportError(workday.status());
  const bool provisional = (*calendar)->IsProvisional(*date);
  if (args.json) {
    fmt::print("{}\n", nlohmann::json{{"workday", *workday}, {"provisional", provisional}}.dump());
  } else {
    fmt::print("{}\n", *workday ? "yes" : "no");
    PrintProvisionalNote(provisional, (*calendar)->provisional_year());
  }
  return 0;
}

struct ImportArgs {
  std::string file;
  std::string db = kDefaultDb;
  bool replace = false;
  std::string notice;
  int year = 0;  // 0 = the years in the file
};

int RunImport(const ImportArgs& args) {
  auto years = codes::ReadCalendarCsv(
      args.file, args.year != 0 ? std::optional<int>(args.year) : std::nullopt);
  if (!years.ok()) return ReportError(years.status());
  auto db = OpenStore(args.db);
  if (!db.ok()) return ReportError(db.status());
  auto service = StartCalendar(**db, Clock::Real(), true);
  if (!service.ok()) return ReportError(service.status());
  audit::Actor actor;
  actor.username = "cli";
  actor.role = "admin";
  for (const codes::CalendarYear& year : *years) {
    auto result = (*service)->EnterYear({year, args.notice, args.replace}, actor);
    if (!result.ok()) {
      return ReportError(Status(result.status().code(),
                                fmt::format("{} 年：{}", year.year, result.status().message()),
                                result.status().field()));
    }
    if (result->unchanged) {
      fmt::print("{} 年：与已录入的第 {} 版相同，未改动\n", year.year, result->year.version);
      continue;
    }
    fmt::print(
        "{} 年：已录入第 {} 版（放假 {} 天、调休上班 {} 天），重算未到期的期限 {} 项，其中变动 {} "
        "项\n",
        year.year, result->year.version,
        std::count_if(
            year.days.begin(), year.days.end(),
            [](const codes::CalendarDay& d) { return d.kind == codes::DayKind::kHoliday; }),
        std::count_if(
            year.days.begin(), year.days.end(),
            [](const codes::CalendarDay& d) { return d.kind == codes::DayKind::kMakeupWorkday; }),
        result->recomputation.examined, result->recomputation.moved);
  }
  return 0;
}

int RunYears(const std::string& db_url, bool json) {
  auto db = OpenStore(db_url);
  if (!db.ok()) return ReportError(db.status());
  auto service = StartCalendar(**db, Clock::Real(), false);
  if (!service.ok()) return ReportError(service.status());
  auto years = (*service)->Years();
  if (!years.ok()) return ReportError(years.status());
  auto calendar = (*service)->Current();
  if (json) {
    nlohmann::json items = nlohmann::json::array();
    for (const calendar::StoredYear& y : *years)
      items.push_back(calendar::StoredYearJson(y, false));
    fmt::print("{}\n", nlohmann::json{{"years", items},
                                      {"last_year", calendar->last_year()},
                                      {"provisional_year", calendar->provisional_year()}}
                           .dump(2));
    return 0;
  }
  for (const calendar::StoredYear& y : *years) {
    fmt::print("{}\t第 {} 版\t{}\t{}\t{}\t{}\n", y.days.year, y.version,
               y.source == calendar::YearSource::kEntered ? "管理员录入" : "随程序发布",
               y.notice.empty() ? "-" : y.notice, y.entered_by, y.entered_at);
  }
  fmt::print(stderr, "已录入 {}–{} 年；{} 年暂按周一至周五计算（暂定）\n", calendar->first_year(),
             calendar->last_year(), calendar->provisional_year());
  return 0;
}

}  // namespace

void AddCalendarCommands(CLI::App& app, int* exit_code) {
  auto* cal = app.add_subcommand("calendar", "工作日历：按国务院放假安排（含调休）计算期限");
  cal->require_subcommand(1);

  auto add_args = std::make_shared<QueryArgs>();
  auto* add = cal->add_subcommand("add-workdays", "给定日期之后第 N 个工作日（当天不计）");
  add->add_option("DATE", add_args->date, "起算日期 YYYY-MM-DD")->required();
  add->add_option("N", add_args->n, "工作日数")->required();
  add->add_option("--db", add_args->db, "按数据库中的日历计算（默认：随程序发布的日历文件）");
  add->add_flag("--json", add_args->json, "输出 JSON：{date, provisional}");
  add->callback([=] { *exit_code = RunAddWorkdays(*add_args); });

  auto is_args = std::make_shared<QueryArgs>();
  auto* is = cal->add_subcommand("is-workday", "是否工作日：输出 yes 或 no");
  is->add_option("DATE", is_args->date, "日期 YYYY-MM-DD")->required();
  is->add_option("--db", is_args->db, "按数据库中的日历判断（默认：随程序发布的日历文件）");
  is->add_flag("--json", is_args->json, "输出 JSON：{workday, provisional}");
  is->callback([=] { *exit_code = RunIsWorkday(*is_args); });

  auto import_args = std::make_shared<ImportArgs>();
  auto* import = cal->add_subcommand(
      "import", "录入国务院节假日安排：CSV（date,kind,name；kind 为 holiday 或 makeup_workday）");
  import->add_option("FILE", import_args->file, "CSV 文件")->required();
  import->add_option("--db", import_args->db, "数据库 URL")->capture_default_str();
  import->add_flag("--replace", import_args->replace, "更正已录入的年份（保留旧版本）");
  import->add_option("--notice", import_args->notice, "通知文号，如 国办发明电〔2026〕x号");
  import->add_option("--year", import_args->year, "只接受该年的日期");
  import->callback([=] { *exit_code = RunImport(*import_args);
});

auto years_db = std::make_shared<std::string>(kDefaultDb);
auto years_json = std::make_shared<bool>(false);
auto* years = cal->add_subcommand("years", "列出已录入的年份及其版本");
years->add_option("--db", *years_db, "数据库 URL")->capture_default_str();
years->add_flag("--json", *years_json, "输出 JSON");
years->callback([=] { *exit_code = RunYears(*years_db, *years_json); });
}  // namespace amr::cli

}  // namespace amr::cli
