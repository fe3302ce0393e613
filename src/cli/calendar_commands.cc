// SPDX-License-Identifier: MulanPSL-2.0
// amr calendar add-workdays YYYY-MM-DD N | is-workday YYYY-MM-DD
#include <fmt/format.h>

#include "cli/commands.h"
#include "codes/calendar.h"

namespace amr::cli {

namespace {

int RunAddWorkdays(const std::string& from_text, const std::string& n_text) {
  auto from = Date::Parse(from_text, "from");
  if (!from.ok()) return ReportError(from.status());
  int n = 0;
  try {
    size_t used = 0;
    n = std::stoi(n_text, &used);
    if (used != n_text.size()) throw std::invalid_argument(n_text);
  } catch (const std::exception&) {
    return ReportError(InvalidArgumentError(fmt::format("工作日数“{}”应为整数", n_text), "n"));
  }
  auto date = codes::Calendar().AddWorkdays(*from, n);
  if (!date.ok()) return ReportError(date.status());
  fmt::print("{}\n", date->ToString());
  return 0;
}

int RunIsWorkday(const std::string& text) {
  auto date = Date::Parse(text, "date");
  if (!date.ok()) return ReportError(date.status());
  auto workday = codes::Calendar().IsWorkday(*date);
  if (!workday.ok()) return ReportError(workday.status());
  fmt::print("{}\n", *workday ? "yes" : "no");
  return 0;
}

}  // namespace

void AddCalendarCommands(CLI::App& app, int* exit_code) {
  auto* calendar = app.add_subcommand("calendar", "工作日历：按国务院放假安排（含调休）计算期限");
  calendar->require_subcommand(1);

  auto from = std::make_shared<std::string>();
  auto n = std::make_shared<std::string>();
  auto* add = calendar->add_subcommand("add-workdays", "给定日期之后第 N 个工作日（当天不计）");
  add->add_option("DATE", *from, "起算日期 YYYY-MM-DD")->required();
  add->add_option("N", *n, "工作日数")->required();
  add->callback([=] { *exit_code = RunAddWorkdays(*from, *n); });

  auto* is = calendar->add_subcommand("is-workday", "是否工作日：输出 yes 或 no");
  is->add_option("DATE", *from, "日期 YYYY-MM-DD")->required();
  is->callback([=] { *exit_code = RunIsWorkday(*from); });
}

}  // namespace amr::cli
