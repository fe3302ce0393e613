// SPDX-License-Identifier: MulanPSL-2.0
// The printable licence: an A4 landscape PDF with the Chinese layout of the
// business licence (营业执照), drawn with cairo and pango in a CJK font found
// through fontconfig ("Noto Serif CJK SC", falling back to "Noto Sans CJK
// SC"), a QR code (libqrencode) pointing to the public verify URL, and the
// signed document appended after the PDF's end (EmbedInPdf), so that
// `amr license verify` reads the PDF as it reads the JSON file.
//
// Thread-safety: thread-safe. Rendering is serialised by a process-wide
// mutex: pango's font map and fontconfig are shared by every thread here.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "license/license_document.h"

namespace amr::license {

// The PDF bytes of the licence `document` (a signed licence payload), with
// the QR code encoding `verify_url`. Internal if cairo fails.
StatusOr<std::string> RenderLicensePdf(const SignedDocument& document, std::string_view verify_url);

// The registration authority's seal as the licence carries it: a red ring,
// the authority's name along its upper arc and a five-pointed star in the
// middle, drawn from the name (no image file to keep per authority), as a
// transparent PNG `pixels` wide and high. The PDF draws the same seal over
// the authority and the date. InvalidArgument (field "authority") for an
// empty name or one past 30 characters.
StatusOr<std::string> RenderAuthoritySealPng(std::string_view authority, int pixels);

}  // namespace amr::license
