// SPDX-License-Identifier: MulanPSL-2.0
// Fuzz target: the USCC check (GB 32100) on any bytes, and the JSON the API
// renders from its verdict.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "codes/json.h"
#include "codes/uscc.h"
#include "common/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const amr::codes::UsccCheck check = amr::codes::CheckUscc(text);
  (void)amr::codes::UsccCheckToJson(check).dump(-1, ' ', false,
                                                nlohmann::json::error_handler_t::replace);
  (void)amr::codes::CheckUscc(amr::FoldText(text));
  return 0;
}
