// SPDX-License-Identifier: MulanPSL-2.0
// The catalogue of audit actions: every action any context writes into the
// audit trail ("user.create", "credit.abnormal_list", …) with the Chinese name
// an auditor reads, in groups by business area. The code stays what is stored
// and hashed (audit_record.h); the name is only for reading, so renaming one
// never touches the chain. GET /api/v1/audit/actions serves the catalogue and
// every record of GET /api/v1/audit carries its "action_name".
//
// actions_test.cc reads the sources under src/ and fails when an action
// written there has no name here (or a name here is written nowhere): a new
// action gets its name in kActions of actions.cc.
//
// Thread-safety: constant data.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace amr::audit {

struct ActionInfo {
  std::string_view code;   // "user.create"
  std::string_view name;   // "新建用户"
  std::string_view group;  // "账户与权限"
};

// Every named action, grouped (a group's actions together, groups in the
// order a bureau's work runs); codes are unique.
std::span<const ActionInfo> Actions();

// The entry of `code`, or nullptr for an action the catalogue does not name.
const ActionInfo* FindAction(std::string_view code);

// The name of `code`; for an action the catalogue does not know (a record
// written by an older or newer version), "其他操作".
std::string ActionName(std::string_view code);

}  // namespace amr::audit
