// SPDX-License-Identifier: MulanPSL-2.0
// The name engine's dates and the approvals that lengthen a reservation.
//
//   data/names/periods.json: the reservation (2 months), the reservation of a
//   name whose entity needs approval before registration (1 year), and the
//   protection of an ended name (1 year), as period rules of the one deadline
//   clock (codes/deadline.h), counted under 民法典 Arts. 201-202 without the
//   Art. 203 shift (validity periods, not time limits for an act).
//   data/names/pre_approval_items.csv: the approvals required before
//   registration (工商登记前置审批事项) a reservation may name.
//
// Both are loaded on first use; a missing or malformed file stops the
// program with the file and reason. Thread-safe (read-only after loading).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"

namespace amr::names {

// Last day a reservation made on `reserved_on` counts: reserved 2026-01-31 →
// through 2026-03-31; 2025-12-31 → through 2026-02-28.
Date ReservationExpiry(Date reserved_on);
// The same for an entity that must be approved before it is registered, or
// whose scope holds an item that must (企业名称登记管理规定实施办法; the data
// says which reading): reserved 2026-02-13 → through 2027-02-13.
Date PreApprovalReservationExpiry(Date reserved_on);
// Last day a name ended on `ended_on` still blocks its 字号.
Date EndedNameBlocksUntil(Date ended_on);

// The periods as people read them, from the data: "2 个月", "1 年".
std::string ReservationPeriodText();
std::string PreApprovalReservationPeriodText();

struct PreApprovalItem {
  std::string code;       // "P01"
  std::string name;       // "证券公司设立审批"
  std::string authority;  // who approves: "中国证监会"
};
// The catalogue, in file order.
const std::vector<PreApprovalItem>& PreApprovalItems();
// nullptr when `code` is not in the catalogue.
const PreApprovalItem* FindPreApprovalItem(std::string_view code);

}  // namespace amr::names
