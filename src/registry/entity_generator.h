// SPDX-License-Identifier: MulanPSL-2.0
// Realistic synthetic market entities for tests, demos and benchmarks.
//
// The same seed and options give the same entities on every machine. Codes
// are valid (USCC with both checks, citizen IDs with existing birth dates),
// regions and industries come from the reference data, and the mix of kinds,
// statuses and credit classes resembles a county's register: individual
// businesses outnumber enterprises about three to one, as in the bureaus'
// year-end reports.
//
// USCC body codes use serials from 400,000,000 + (seed mod 40) × 10,000,000
// upwards, away from the serials the platform issues from its own counter, so
// generated files can be imported beside registered entities. One file may
// hold at most 10,000,000 entities.
//
// Thread-safety: not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/random.h"
#include "common/status.h"
#include "registry/entity.h"

namespace amr::registry {

struct GeneratorOptions {
  // Only counties whose code starts with this prefix ("33", "3301", "330106");
  // empty for the whole country.
  std::string region_prefix;
  // The last possible establishment date.
  Date as_of = *Date::FromYmd(2026, 10, 31);
};

class EntityGenerator {
 public:
  static constexpr uint64_t kMaxCount = 10'000'000;

  // InvalidArgument if no county matches the prefix.
  static StatusOr<EntityGenerator> Create(uint64_t seed, GeneratorOptions options);

  // The next entity. At most kMaxCount per generator.
  StatusOr<Entity> Next();

 private:
  EntityGenerator(uint64_t seed, GeneratorOptions options, std::vector<std::string> counties);

  std::string TradeName();
  std::string PersonName();

  Random random_;
  GeneratorOptions options_;
  std::vector<std::string> counties_;
  uint64_t serial_base_;
  uint64_t count_ = 0;
};

}  // namespace amr::registry
