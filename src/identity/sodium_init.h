// SPDX-License-Identifier: MulanPSL-2.0
// libsodium must be initialised once before use.
//
// Thread-safety: EnsureSodium is thread-safe and cheap after the first call.
#pragma once

namespace amr::identity {

// Calls sodium_init() once; aborts the program if libsodium cannot start
// (no entropy source), since no password or token could be made safely.
void EnsureSodium();

}  // namespace amr::identity
