// SPDX-License-Identifier: MulanPSL-2.0
// The catalogue against the code: every audit action written anywhere in src/
// has a Chinese name, and every name is of an action that is written.
//
// The sources are read as they are at build time (AMR_SOURCE_DIR): each
// string literal of a file that is not a test, outside comments. A literal is
// taken for an action when it has the form of one ("credit.abnormal_list")
// and either begins with the area of a named action ("credit.") or stands in
// a statement that writes the trail (audit::Append, an AuditEntry, a helper
// named …Audit…, an `action =`). Dotted names of those areas that are not
// actions (permissions, outbox topics, timers, periods) are told apart below.
#include "audit/actions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "identity/roles.h"

namespace amr::audit {
namespace {

namespace fs = std::filesystem;

// Actions whose code is put together at run time, so that no literal holds
// it whole; each with where it is made.
const std::set<std::string> kComposed = {
    // establishment/department_steps.cc: the notice table's action + ".claim" / ".return".
    "establishment.notice.claim",
    "establishment.notice.return",
    "change.notice.claim",
    "change.notice.return",
    // lifecycle/liquidation.cc SubmitLiquidationStep: "liquidation." + the applicant's step.
    "liquidation.creditor_notice",
    "liquidation.public_notice",
    "liquidation.report",
    "liquidation.application",
};

// Dotted names in the areas of actions that are not audit actions. A new one
// goes here; a new action goes into kActions of actions.cc.
const std::set<std::string> kNotActions = {
    // Outbox topics and change-feed event types.
    "annual_report.corrected",
    "annual_report.filed",
    "complaint.deadline_near",
    "complaint.odr_assigned",
    "complaint.reporter_notice",
    "credit.annual_report_reminder",
    "credit.escalation_reminder",
    "deregistration.one_screen.pushed",
    "deregistration.simplified.notice",
    "deregistration.simplified.objected",
    "entity.bulk_loaded",
    "entity.change.dual_notification",
    "entity.changed",
    "entity.converted",
    "entity.deregistered",
    "entity.registered",
    "establishment.dual_notification",
    "establishment.step.dispatched",
    "establishment.step.resubmitted",
    "permit.changed",
    "permit.recorded",
    // Timers and deadline kinds of the scheduler and the calendar.
    "beneficial_owner.filing_due",
    "complaint.acceptance",
    "complaint.odr",
    "complaint.reminder",
    "complaint.report_check",
    "credit.escalation",
    "credit.no_report_batch",
    "credit.report_reminder",
    "credit.risk_classify_batch",
    "establishment.deferred_material",
    "inspection.result",
    "liquidation.step",
    "suspension.expiry",
    // Periods of the rules (data/lifecycle/periods.json).
    "liquidation.claims_notified",
    "liquidation.claims_public",
    "liquidation.group_filing",
    "suspension.extension_window",
    "suspension.max_total",
    // The notice tables' action prefixes (kComposed above).
    "change.notice",
    "establishment.notice",
};

// The string literals of a C++ source, outside comments (raw strings too).
std::vector<std::pair<std::string, std::size_t>> Literals(const std::string& s) {
  std::vector<std::pair<std::string, std::size_t>> out;
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    if (s.compare(i, 2, "//") == 0) {
      i = s.find('\n', i);
      if (i == std::string::npos) break;
    } else if (s.compare(i, 2, "/*") == 0) {
      i = s.find("*/", i + 2);
      if (i == std::string::npos) break;
      i += 2;
    } else if (s[i] == 'R' && i + 1 < n && s[i + 1] == '"' &&
               (i == 0 ||
                !(std::isalnum(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '_'))) {
      const std::size_t open = s.find('(', i + 2);
      if (open == std::string::npos) break;
      const std::string close = ")" + s.substr(i + 2, open - i - 2) + "\"";
      const std::size_t end = s.find(close, open);
      if (end == std::string::npos) break;
      out.emplace_back(s.substr(open + 1, end - open - 1), i);
      i = end + close.size();
    } else if (s[i] == '\'' && i > 0 && std::isalnum(static_cast<unsigned char>(s[i - 1]))) {
      ++i;  // a digit separator: 10'000
    } else if (s[i] == '\'') {
      ++i;
      while (i < n && s[i] != '\'') i += s[i] == '\\' ? 2 : 1;
      ++i;
    } else if (s[i] == '"') {
      const std::size_t start = i;
      std::string text;
      ++i;
      while (i < n && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < n) {
          text += s[i + 1];
          i += 2;
        } else {
          text += s[i++];
        }
      }
      ++i;
      out.emplace_back(std::move(text), start);
    } else {
      ++i;
    }
  }
  return out;
}

// The text of the statement before `pos`, back to the last ';' or '}' (at
// most 400 bytes): where an action literal is passed on.
std::string StatementBefore(const std::string& s, std::size_t pos) {
  const std::size_t from = pos > 400 ? pos - 400 : 0;
  std::size_t start = s.find_last_of(";}", pos);
  if (start == std::string::npos || start < from) start = from;
  return s.substr(start, pos - start);
}

bool WritesTrail(const std::string& statement) {
  static const std::regex kWrite(R"(Append\(|AuditEntry|[A-Za-z_]*Audit[A-Za-z_]*\(|action\s*=)");
  return std::regex_search(statement, kWrite);
}

struct Found {
  std::string file;
  int line = 0;
};

class ActionsInSources : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    static const std::regex kDotted(R"([a-z][a-z0-9_]*(\.[a-z0-9_]+)+)");
    static const std::regex kFile(R"(.*\.(json|csv|tsv|txt|html|css|xlsx|pdf|part|sql)$)");
    std::set<std::string> areas;
    for (const ActionInfo& a : Actions())
      areas.insert(std::string(a.code.substr(0, a.code.find('.'))));
    const fs::path src = fs::path(AMR_SOURCE_DIR) / "src";
    for (const auto& entry : fs::recursive_directory_iterator(src)) {
      const fs::path& p = entry.path();
      const std::string name = p.filename().string();
      if (!entry.is_regular_file() || (p.extension() != ".cc" && p.extension() != ".h")) continue;
      if (name.find("_test") != std::string::npos || name.find("test_") != std::string::npos)
        continue;
      // The catalogue itself names every action: it is what is checked.
      if (p.parent_path().filename() == "audit" && p.stem() == "actions") continue;
      std::ifstream in(p, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      const std::string s = text.str();
      for (const auto& [lit, pos] : Literals(s)) {
        if (!std::regex_match(lit, kDotted)) continue;
        // At a write of the trail anything dotted is an action ("export.xlsx", or a name it
        // shares with a permission, "credit.punishment_query"); elsewhere a file name or a
        // permission is not, and only names of the actions' areas are looked at.
        if (!WritesTrail(StatementBefore(s, pos))) {
          if (std::regex_match(lit, kFile) || identity::IsKnownPermission(lit)) continue;
          if (!areas.contains(lit.substr(0, lit.find('.')))) continue;
        }
        const int line = 1 + static_cast<int>(std::count(s.begin(), s.begin() + pos, '\n'));
        written_->emplace(lit, Found{fs::relative(p, src.parent_path()).string(), line});
      }
    }
  }
  static void TearDownTestSuite() { written_->clear(); }

  static inline std::multimap<std::string, Found>* written_ = new std::multimap<std::string, Found>;
};

TEST_F(ActionsInSources, TheSourcesAreRead) {
  // A wrong AMR_SOURCE_DIR would make the checks below pass on nothing.
  EXPECT_GT(written_->size(), 150u);
  EXPECT_TRUE(written_->contains("user.create"));
  EXPECT_TRUE(written_->contains("credit.abnormal_list"));
}

TEST_F(ActionsInSources, EveryActionWrittenHasAName) {
  std::string missing;
  for (const auto& [code, where] : *written_) {
    if (FindAction(code) != nullptr || kNotActions.contains(code)) continue;
    missing += "\n  " + code + " (" + where.file + ":" + std::to_string(where.line) + ")";
  }
  EXPECT_TRUE(missing.empty())
      << "audit actions without a Chinese name: add each to kActions of src/audit/actions.cc "
         "(or, when it is not an audit action, to kNotActions of src/audit/actions_test.cc):"
      << missing;
}

TEST_F(ActionsInSources, EveryNameIsOfAnActionWritten) {
  std::string stale;
  for (const ActionInfo& a : Actions()) {
    const std::string code(a.code);
    if (!written_->contains(code) && !kComposed.contains(code)) stale += "\n  " + code;
  }
  EXPECT_TRUE(stale.empty()) << "names in src/audit/actions.cc of actions no source writes:"
                             << stale;
}

TEST_F(ActionsInSources, NoNameIsAlsoTakenForSomethingElse) {
  for (const std::string& code : kNotActions) EXPECT_EQ(FindAction(code), nullptr) << code;
  for (const std::string& code : kComposed) EXPECT_NE(FindAction(code), nullptr) << code;
}

TEST(Actions, CodesAreUniqueAndNamed) {
  std::set<std::string_view> codes;
  std::string group;
  std::set<std::string> groups_done;
  for (const ActionInfo& a : Actions()) {
    EXPECT_TRUE(codes.insert(a.code).second) << "twice: " << a.code;
    EXPECT_FALSE(a.name.empty()) << a.code;
    EXPECT_FALSE(a.group.empty()) << a.code;
    // A name is for reading: Chinese, no code in it.
    EXPECT_EQ(std::string(a.name).find('.'), std::string::npos) << a.name;
    // A group's actions stand together.
    if (a.group != group) {
      EXPECT_FALSE(groups_done.contains(std::string(a.group)))
          << a.group << " is split at " << a.code;
      if (!group.empty()) groups_done.insert(group);
      group = std::string(a.group);
    }
  }
}

TEST(Actions, FindAndName) {
  ASSERT_NE(FindAction("user.create"), nullptr);
  EXPECT_EQ(FindAction("user.create")->name, "新建用户");
  EXPECT_EQ(ActionName("credit.abnormal_list"), "列入经营异常名录");
  EXPECT_EQ(FindAction("no.such_action"), nullptr);
  EXPECT_EQ(ActionName("no.such_action"), "其他操作");
}

}  // namespace
}  // namespace amr::audit
