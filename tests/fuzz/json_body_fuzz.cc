// SPDX-License-Identifier: MulanPSL-2.0
// Fuzz target: JSON request bodies as the public and applicants' routes read
// them: the bounded parse and the character rule every body passes
// (http::Request::JsonBody), then the 企业开办 form an applicant submits.
#include <cstddef>
#include <cstdint>
#include <string>

#include "establishment/form.h"
#include "establishment/rules.h"
#include "http/request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  amr::http::Request req;
  req.method = "POST";
  req.body.assign(reinterpret_cast<const char*>(data), size);
  amr::StatusOr<nlohmann::json> body = req.JsonBody();
  if (!body.ok() || !body->is_object()) return 0;
  static const amr::Date today = *amr::Date::FromYmd(2026, 11, 24);
  (void)amr::establishment::ParseForm(*body, amr::establishment::Rules::Default(), today);
  // What the API would answer with.
  (void)body->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
