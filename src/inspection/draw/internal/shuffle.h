// SPDX-License-Identifier: MulanPSL-2.0
// Internals of amr_inspection_draw shared between its files.
//
// The partial Fisher–Yates shuffle of docs/draw-spec.md §5, in two equivalent
// forms: an array for strata up to the dense limit, and a table of displaced
// positions for larger strata (memory grows with the selections, not with the
// stratum). Internal to amr_inspection_draw.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "inspection/draw/draw.h"

namespace amr::inspection::internal {

// k selections from a[0..n), a[x] = x initially, in selection order.
std::vector<uint64_t> PartialShuffle(uint64_t n, uint64_t k, DrawStream& stream);

// CheckPool, also counting the entries of each class (A, B, C, D): one pass.
Status CheckPoolAndCount(std::span<const PoolEntry> pool, std::array<uint64_t, 4>& sizes);

// The largest stratum shuffled in an array (default 2^24). Tests lower it to
// exercise the sparse form on small strata.
void SetDenseShuffleLimitForTest(uint64_t limit);

}  // namespace amr::inspection::internal
