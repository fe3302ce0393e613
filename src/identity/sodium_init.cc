// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/sodium_init.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace amr::identity {

void EnsureSodium() {
  static const bool kReady = [] {
    if (sodium_init() < 0) {
      std::fputs("libsodium 初始化失败\n", stderr);
      std::abort();
    }
    return true;
  }();
  (void)kReady;
}

}  // namespace amr::identity
