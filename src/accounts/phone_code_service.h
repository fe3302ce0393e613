// SPDX-License-Identifier: MulanPSL-2.0
// Confirming a mobile phone by an SMS code (phone_code.h): Send puts a code
// in the outbox (topic notify.sms, as for self-registration), Confirm checks
// it, and a use case that needs a confirmed phone asks IsConfirmed.
//
// Thread-safety: thread-safe (the database is).
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "accounts/phone_code.h"
#include "accounts/signup_service.h"
#include "identity/caller.h"
#include "storage/database.h"

namespace amr::accounts {

class PhoneCodeService {
 public:
  // `log_codes`: as SignupOptions::log_codes (demonstration stores).
  PhoneCodeService(storage::Database& db, const Clock& clock, CodeRules rules = {},
                   std::shared_ptr<const std::atomic<bool>> log_codes = nullptr)
      : db_(db), clock_(clock), rules_(rules), log_codes_(std::move(log_codes)) {}

  // Sends a code for `purpose` to `phone`. InvalidArgument "phone" or
  // "purpose"; ResourceExhausted when a code went out too recently or too
  // often today. Audited "phone_code.send" (the phone masked).
  StatusOr<SignupReceipt> Send(std::string_view purpose, std::string phone,
                               const identity::Caller& caller);
  // Checks the code (each try counts): OK confirms the phone for
  // kConfirmedFor; errors as CodeCheckStatus (field "code").
  Status Confirm(std::string_view purpose, std::string phone, std::string code);

 private:
  storage::Database& db_;
  const Clock& clock_;
  CodeRules rules_;
  std::shared_ptr<const std::atomic<bool>> log_codes_;
};

}  // namespace amr::accounts
