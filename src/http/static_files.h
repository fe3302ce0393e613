// SPDX-License-Identifier: MulanPSL-2.0
// Static files for the web UI (Router::ServeStatic).
//
// Thread-safety: all functions are thread-safe; the handler reads the file
// system on every request (no cache: a redeployed UI is served at once).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "http/router.h"

namespace amr::http {

// The Content-Type for a file name, from its extension (case-insensitive);
// "application/octet-stream" for unknown ones.
std::string_view ContentTypeFor(std::string_view filename);

// True if the file name carries a build hash, as Vite names its output
// ("index-4f3a2b1c.js", "logo-BxQ3kJ9_.svg", "app.4f3a2b1c.css"): a token of
// eight or more [A-Za-z0-9_] with a digit and a letter after the first token.
// Such files never change, so they may be cached for a year.
bool IsHashedAssetName(std::string_view filename);

// The handler Router::ServeStatic registers; expects the rest parameter
// "path". See Router::ServeStatic for the contract.
Handler StaticFileHandler(std::filesystem::path dir, std::string fallback_file);

}  // namespace amr::http
