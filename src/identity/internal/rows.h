// SPDX-License-Identifier: MulanPSL-2.0
// Reading soci::row values alike on both engines, and running a query whose
// parameters are only known at run time. For the identity store files only.
//
// Thread-safety: functions are thread-safe; a session is not.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "common/status.h"
#include "storage/query.h"
#include "storage/rows.h"

namespace amr::identity::internal {

using storage::RowInt;
using storage::RowIsNull;
using storage::RowText;

// Named parameters and run-time queries (storage/query.h).
using storage::Params;
using storage::Query;

}  // namespace amr::identity::internal
