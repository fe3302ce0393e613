// SPDX-License-Identifier: MulanPSL-2.0
// The periods of the lifecycle rules (歇业 at most 3 years, extension within
// 30 days before expiry, 清算组 within 15 days …), read from
// data/lifecycle/periods.json so that an administrator can correct a period
// (several are unverified, see the file's "source") without a code change.
//
// The file holds sections ("suspension", "liquidation"); each entry with
// "value" and "unit" is the period "<section>.<entry>". Other helpers' keys in
// the same file (entries without value/unit) are left to their loaders.
//
// Counting (民法典 第二百零一条～第二百零三条, codes/deadline.h): a period of n
// days from day D ends on D + n (D itself is not counted); n working days end
// on the n-th working day after D (on the calendar in force); n years end on
// the same month and day n years later, and a 29 February without one ends on
// 28 February (Art. 202: the last day of that month); a last day that is off
// moves to the next working day (Art. 203) unless the entry says
// "holiday_shift": false.
//
// Thread-safety: a Periods is immutable after loading; Default() is
// initialised once, thread-safely.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "codes/calendar.h"
#include "codes/deadline.h"
#include "common/date.h"
#include "common/status.h"

namespace amr::lifecycle {

enum class PeriodUnit { kCalendarDays, kWorkingDays, kYears };

struct Period {
  std::string key;  // "suspension.max_total"
  int value = 0;
  PeriodUnit unit = PeriodUnit::kCalendarDays;
  // 民法典 Art. 203: a last day off moves to the next working day (false for
  // caps and windows that are not a time limit for an act: "holiday_shift":
  // false in the data).
  bool holiday_shift = true;
  std::string source;  // the rule it comes from
  std::string note;

  // The period as the deadline clock counts it (codes/deadline.h).
  codes::PeriodRule Rule() const;
};

// "30 日", "3 个工作日", "3 年".
std::string DescribePeriod(const Period& period);

// `date` plus `years`, 29 February → 28 February when the target year has none.
Date AddYears(const Date& date, int years);

class Periods {
 public:
  // InvalidArgument for a malformed file (naming the key), NotFound if missing.
  static StatusOr<Periods> Load(const std::filesystem::path& file);
  // DataDir()/lifecycle/periods.json, loaded on first use; aborts with a
  // message if it cannot be loaded.
  static const Periods& Default();

  // NotFound naming `key` for an unknown period (and for one that says
  // there is none: NoLimit).
  StatusOr<Period> Get(std::string_view key) const;
  // Whether the data says `key` has no statutory limit ("unit": "none"), e.g.
  // a step another kind of entity has a period for.
  bool NoLimit(std::string_view key) const { return none_.contains(key); }
  // The last day of the period `key` counted from `from` on `calendar` (see
  // above; the deadline clock, codes/deadline.h).
  StatusOr<Date> End(std::string_view key, const Date& from,
                     const codes::WorkdayCalendar& calendar) const;
  // The same for a period that does not depend on the calendar ("holiday_shift":
  // false, not in working days); FailedPrecondition for one that does.
  StatusOr<Date> FixedEnd(std::string_view key, const Date& from) const;

 private:
  std::map<std::string, Period, std::less<>> periods_;
  std::set<std::string, std::less<>> none_;
};

}  // namespace amr::lifecycle
