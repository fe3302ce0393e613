// SPDX-License-Identifier: MulanPSL-2.0
// JSON renderings of the code checks, for the CLI's --json and the HTTP API.
//
// Shape (keys stable; absent values are null):
//   USCC: {"valid", "legacy", "department", "department_name",
//          "kind", "kind_name", "region", "region_code", "region_name", "problem"}
//   citizen ID: {"valid", "birth_date" ("YYYY-MM-DD"), "sex", "region", "region_code",
//                "region_name", "problem"}
//   "region" and "region_code" are the same six digits; "region_name" is the
//   name chain ("浙江省 杭州市 西湖区") or null when the code is not on the list.
//   problem: null, or {"code": "invalid_argument", "message": "…", "field": "uscc"}
//
// Thread-safety: thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "codes/citizen_id.h"
#include "codes/uscc.h"
#include "common/status.h"

namespace amr::codes {

nlohmann::json UsccCheckToJson(const UsccCheck& check);
nlohmann::json CitizenIdCheckToJson(const CitizenIdCheck& check);
// null for OK.
nlohmann::json ProblemToJson(const Status& problem);

}  // namespace amr::codes
