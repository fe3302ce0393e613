// SPDX-License-Identifier: MulanPSL-2.0
// Passwords: the policy new passwords must meet, and argon2id hashing
// (libsodium crypto_pwhash_str_alg with ARGON2ID13).
//
// Policy (CheckPasswordPolicy): 10 to 128 characters; at least two of the
// classes letters, digits and other characters; no control characters; not
// containing the username, the person's name or the name or code of the
// bureau it works at, also after folding case and look-alike digits
// ("Xihu@2026" for 西湖区's "330106-xihu"); not a common password from
// data/passwords/common.txt, nor one with digits or symbols merely added
// around it ("password12", "P@ssw0rd-2026"); not the published demo password.
// Messages are Chinese and name the field.
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
#include <vector>

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

// What a password must not be built from, besides the common ones.
struct PasswordContext {
  std::string username;
  std::string display_name;
  // Names and codes of the units the user belongs to or holds roles at
  // ("杭州市西湖区市场监督管理局", "330106-amr").
  std::vector<std::string> units;
};

// OK, or InvalidArgument naming `field` ("password", "new_password").
// Internal if data/passwords/common.txt cannot be read (no password passes
// then: fail closed).
Status CheckPasswordPolicy(std::string_view password, const PasswordContext& context,
                           std::string_view field = "password");
// The same with only the username known.
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
