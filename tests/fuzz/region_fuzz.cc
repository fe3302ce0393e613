// SPDX-License-Identifier: MulanPSL-2.0
// Fuzz target: region codes (GB/T 2260) as they arrive in forms, queries and
// org units: lookup, the name chain, the city-level authority, and the rule
// that a unit's region lies within its parent's.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "codes/regions.h"
#include "identity/user_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const amr::codes::RegionTable& regions = amr::codes::Regions();
  (void)regions.Find(text);
  (void)regions.ChainName(text);
  (void)regions.Children(text);
  (void)regions.AuthorityCity(text);
  // The first six bytes as a parent's region, the rest as the child's.
  if (size >= 6) {
    (void)amr::identity::CheckRegionWithin(text.substr(0, 6), text.substr(6));
  }
  return 0;
}
