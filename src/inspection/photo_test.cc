// SPDX-License-Identifier: MulanPSL-2.0
// What a visit's photo must be: JPEG or PNG by its first bytes, as declared,
// not empty, not over the limit; and its SHA-256.
#include "inspection/photo.h"

#include <gtest/gtest.h>

namespace amr::inspection {
namespace {

const std::string kJpeg = std::string("\xFF\xD8\xFF\xE1", 4) + "exif";
const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "IHDR";

TEST(PhotoTest, JpegAndPngAsDeclared) {
  EXPECT_EQ(*CheckPhoto(kJpeg, "image/jpeg"), "image/jpeg");
  EXPECT_EQ(*CheckPhoto(kJpeg, "Image/JPEG; charset=binary"), "image/jpeg");
  EXPECT_EQ(*CheckPhoto(kPng, "image/png"), "image/png");
}

TEST(PhotoTest, EverythingElseIsRefusedNamingThePhoto) {
  for (const auto& [bytes, type] : std::vector<std::pair<std::string, std::string>>{
           {"", "image/jpeg"},
           {kJpeg, "image/png"},                 // declared otherwise
           {kPng, ""},                           // not declared
           {"GIF89a", "image/gif"},              // another format
           {"<svg onload=x>", "image/svg+xml"},  // script in an image
           {std::string(kMaxPhotoBytes + 1, '\xFF'), "image/jpeg"},
       }) {
    auto r = CheckPhoto(bytes, type);
    ASSERT_FALSE(r.ok()) << type;
    EXPECT_EQ(r.status().field(), "photo");
  }
  std::string largest = kJpeg + std::string(kMaxPhotoBytes - kJpeg.size(), 'x');
  EXPECT_TRUE(CheckPhoto(largest, "image/jpeg").ok());
}

TEST(PhotoTest, Sha256OfKnownText) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace amr::inspection
