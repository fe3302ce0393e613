// SPDX-License-Identifier: MulanPSL-2.0
// Photos taken on an inspection visit (docs/inspection.md, "Photos"): what a
// photo must be, without SQL or HTTP. The phone's browser shrinks a camera
// picture before sending it, so a photo fits one request.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace amr::inspection {

inline constexpr size_t kMaxPhotoBytes = 1000 * 1000;  // under the server's 1 MiB body limit
inline constexpr int kMaxPhotosPerVisit = 20;

// Checks that `bytes` is a JPEG or PNG image of `declared` type (the
// request's Content-Type) and at most kMaxPhotoBytes: the first bytes must be
// the format's signature. Returns the media type; InvalidArgument naming
// "photo" otherwise (an empty body, another format, a type that does not
// match the bytes, too large).
StatusOr<std::string> CheckPhoto(std::string_view bytes, std::string_view declared);

// Lowercase hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace amr::inspection
