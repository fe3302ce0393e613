// SPDX-License-Identifier: MulanPSL-2.0
// Passwords: the policy new passwords must meet, and argon2id hashing
// (libsodium crypto_pwhash_str_alg with ARGON2ID13).
//
// Policy (CheckPasswordPolicy): 10 to 128 characters; at least two of the
// classes letters, digits and other characters; no control characters; not
// containing the username; not the published demo password. Messages are
// Chinese and name the field.
//
// Hashes are libsodium's self-describing strings ("$argon2id$v=19$m=…"), so
// the cost of each stored hash is known and NeedsRehash tells when it is below
// the hasher's (the login then stores a fresh hash).
//
// Thread-safety: thread-safe. Each hash or verify at the interactive cost
// takes about 64 MiB of memory and a fraction of a second.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace amr::identity {

// The shared password of the demo county's staff (docs/security.md). Only
// demo::SeedDemo uses it, on an empty store; the policy refuses it anywhere
// else.
inline constexpr std::string_view kDemoPassword = "Xihu-Demo-2026";

struct PasswordCost {
  uint64_t ops = 0;
  size_t mem_bytes = 0;
};
// crypto_pwhash_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (2 passes, 64 MiB).
PasswordCost InteractiveCost();
// The smallest cost libsodium allows: for tests only, never for real hashes.
PasswordCost MinimumCostForTest();

// OK, or InvalidArgument naming `field` ("password", "new_password").
Status CheckPasswordPolicy(std::string_view password, std::string_view username,
                           std::string_view field = "password");

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordCost cost = InteractiveCost());

  // The encoded argon2id hash. Internal if libsodium runs out of memory.
  StatusOr<std::string> Hash(std::string_view password) const;
  // Whether `password` matches `encoded`; false for any malformed hash.
  bool Verify(std::string_view encoded, std::string_view password) const;
  // Whether `encoded` was made with other parameters than this hasher's.
  bool NeedsRehash(std::string_view encoded) const;
  // Spends the time of one Verify on nothing, so that a login for an unknown
  // user takes as long as one with a wrong password.
  void VerifyDummy(std::string_view password) const;

 private:
  PasswordCost cost_;
  std::string dummy_hash_;
};

// A random password that meets the policy: 16 characters from an alphabet
// without look-alikes (no 0/O, 1/l/I), in groups of four ("Hk7q-…").
std::string GeneratePassword();

}  // namespace amr::identity
