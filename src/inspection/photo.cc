// SPDX-License-Identifier: MulanPSL-2.0
#include "inspection/photo.h"

#include <fmt/format.h>
#include <sodium.h>

namespace amr::inspection {
namespace {

constexpr std::string_view kJpegSignature = "\xFF\xD8\xFF";
constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1A\n";

// "image/jpeg; charset=…" → "image/jpeg", lower case.
std::string MediaType(std::string_view declared) {
  std::string out(declared.substr(0, declared.find(';')));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

}  // namespace

StatusOr<std::string> CheckPhoto(std::string_view bytes, std::string_view declared) {
  if (bytes.empty()) return InvalidArgumentError("没有收到照片", "photo");
  if (bytes.size() > kMaxPhotoBytes) {
    return InvalidArgumentError(
        fmt::format("照片太大（{:.1f} MB），请重新拍摄或选择较小的照片（不超过 {} MB）",
                    bytes.size() / 1e6, kMaxPhotoBytes / 1000 / 1000),
        "photo");
  }
  const std::string type = MediaType(declared);
  const bool jpeg = bytes.starts_with(kJpegSignature);
  const bool png = bytes.starts_with(kPngSignature);
  if (!jpeg && !png) return InvalidArgumentError("只能上传 JPEG 或 PNG 格式的照片", "photo");
  const std::string actual = jpeg ? "image/jpeg" : "image/png";
  if (type != actual) return InvalidArgumentError("照片的格式与声明的类型不符", "photo");
  return actual;
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace amr::inspection
