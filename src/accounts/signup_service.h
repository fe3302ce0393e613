// SPDX-License-Identifier: MulanPSL-2.0
// Self-registration as a use case: Start sends a code to the phone, Verify
// checks it and makes the applicant account (docs/security.md, "Applicant
// accounts").
//
// The code travels as an outbox event of topic "notify.sms" (docs/outbox.md):
// the operator subscribes the bureau's SMS gateway to that topic, so the text
// is sent, retried and logged like every other message to another system. In a
// demonstration store (`amr serve --demo`) the code is also written to the
// server log, since no gateway is there.
//
// Real-name consistency of name and ID number: a bureau with a checking
// service (公安人口信息核查) plugs it in as a RealNameCheck; without one the
// account is made on the ID number's own check and the phone alone.
//
// Thread-safety: thread-safe (the database and hasher are).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "accounts/signup.h"
#include "common/clock.h"
#include "common/status.h"
#include "identity/caller.h"
#include "identity/password.h"
#include "identity/user_store.h"
#include "storage/database.h"

namespace amr::accounts {

// A real-name checking service: whether a name and an ID number belong
// together. docs/security.md describes the contract a bureau's adapter meets.
class RealNameCheck {
 public:
  enum class Verdict { kConsistent, kInconsistent };
  virtual ~RealNameCheck() = default;
  // Unavailable when the service cannot answer now.
  virtual StatusOr<Verdict> Check(std::string_view name, std::string_view citizen_id) const = 0;
};

struct SignupOptions {
  CodeRules rules;
  // When set and true, each code is written to the log too: `amr serve --demo`
  // sets it once the store is known to be the demonstration county's.
  std::shared_ptr<const std::atomic<bool>> log_codes;
  // nullptr: no real-name service.
  std::shared_ptr<const RealNameCheck> real_name;
};

// What Start answers: never the code.
struct SignupReceipt {
  std::string phone_masked;
  bool code_sent = false;  // false: a retry of the request just made, no new code
  int64_t resend_after_seconds = 0;
  int64_t code_lifetime_seconds = 0;
};

class SignupService {
 public:
  // `db`, `hasher` and `clock` must outlive the service.
  SignupService(storage::Database& db, const identity::PasswordHasher& hasher, const Clock& clock,
                SignupOptions options = {});

  // Checks the input, sends a code, and keeps the details until the code
  // comes back. Errors: InvalidArgument naming the field; AlreadyExists
  // ("phone" or "citizen_id") when an account exists; ResourceExhausted when a
  // code was sent too recently or too often today; Unavailable when the
  // real-name service cannot answer. Nothing is written on an error.
  StatusOr<SignupReceipt> Start(SignupInput input, const identity::Caller& caller);

  // Checks the code and makes the account (username = the phone number),
  // audited as "user.create" and "applicant.verify". A repeat with the right
  // code answers the same account. Errors (field "code"): InvalidArgument for
  // a wrong code (the try is counted) or an unknown phone; FailedPrecondition
  // for an expired code or one tried too often.
  StatusOr<identity::User> Verify(std::string phone, std::string code,
                                  const identity::Caller& caller);

  const CodeRules& rules() const { return options_.rules; }

 private:
  storage::Database& db_;
  const identity::PasswordHasher& hasher_;
  const Clock& clock_;
  SignupOptions options_;
};

}  // namespace amr::accounts
