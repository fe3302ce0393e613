// SPDX-License-Identifier: MulanPSL-2.0
// The editable data behind 企业开办 (data/establishment/, described in
// data/README.md): the business-scope catalogue excerpt (一般/许可 and the
// competent department), the material lists, the routing rules of the
// department steps, office hours and the SLAs. Data, not code (STYLE.md 13).
//
// Thread-safety: a Rules value is immutable after Load; Default() is loaded
// once, thread-safely.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace amr::establishment {

// 经营范围规范表述目录 entry.
struct ScopeItem {
  std::string code;
  std::string name;
  bool permit_required = false;  // 许可项目
  std::string permit;            // the permit or filing it needs, "" for plain 一般项目
  std::string department;        // competent department (org_unit.department)
  std::string reform_mode;       // 证照分离: cancelled|filing|commitment|optimised|""
};

struct Material {
  std::string code;
  std::string name;
  std::vector<std::string> applies_to;  // entity kind ids; {"*"} for all
  bool key = true;                      // 要件: never accepted as missing
  int deferral_workdays = 0;            // 容缺: working days to supply it later
  bool AppliesTo(std::string_view kind) const;
};

// One routing rule: the step of `kind` is created when `condition` holds
// ("always" or the name of a department option the form requested) and goes
// to org unit `org_unit_code` if given, else to the unit whose department is
// `department` in the application's region (see store.h Dispatch).
struct RoutingRule {
  std::string step;
  std::string department;
  std::string condition;
  std::string region_prefix;  // the rule applies to regions starting with it ("" = all)
  std::string org_unit_code;
  double sla_workdays = 1;
};

// An office-hours interval of a working day, minutes after midnight Beijing time.
struct OfficeInterval {
  int start = 0;
  int end = 0;
};

class Rules {
 public:
  // Loads scope_items.csv, materials.csv, routing.csv, settings.csv from `dir`.
  // InvalidArgument naming the file and line for malformed data.
  static StatusOr<Rules> Load(const std::filesystem::path& dir);
  // DataDir()/establishment, loaded on first use; aborts with a message if it
  // cannot be read (the server must not run on guessed data).
  static const Rules& Default();

  const ScopeItem* FindScope(std::string_view code) const;
  const Material* FindMaterial(std::string_view code) const;
  const std::vector<Material>& materials() const { return materials_; }
  const std::vector<RoutingRule>& routing() const { return routing_; }
  const std::vector<OfficeInterval>& office_hours() const { return office_hours_; }
  // Office minutes of one working day (420 for 09:00–12:00 + 13:30–17:30).
  int WorkdayMinutes() const;
  // SLAs in working minutes.
  int RegistrationSlaMinutes() const;
  int EstablishmentSlaMinutes() const;
  int MinutesOf(double workdays) const;
  bool InstantApprovalKind(std::string_view kind) const;
  bool SealKindKnown(std::string_view kind) const;
  bool InvoiceKindKnown(std::string_view kind) const;
  int deferral_due_workdays() const { return deferral_due_workdays_; }

 private:
  std::map<std::string, ScopeItem, std::less<>> scope_;
  std::vector<Material> materials_;
  std::vector<RoutingRule> routing_;
  std::vector<OfficeInterval> office_hours_;
  double sla_registration_ = 0.5;
  double sla_establishment_ = 1;
  std::vector<std::string> instant_kinds_, seal_kinds_, invoice_kinds_;
  int deferral_due_workdays_ = 20;
};

}  // namespace amr::establishment
