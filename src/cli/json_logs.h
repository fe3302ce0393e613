// SPDX-License-Identifier: MulanPSL-2.0
// `amr serve --log-format json`: every log line (the access log included) as
// one JSON object, {"time","level","logger","message"}, for log shippers.
#pragma once

namespace amr::cli {

// Replaces the formatter of every registered spdlog logger and of those
// created later. Call once at start, before serving.
void UseJsonLogs();

}  // namespace amr::cli
