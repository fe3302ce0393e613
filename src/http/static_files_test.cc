// SPDX-License-Identifier: MulanPSL-2.0
#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace amr::http {
namespace {

namespace fs = std::filesystem;

TEST(ContentTypeTest, KnownExtensions) {
  EXPECT_EQ(ContentTypeFor("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("app-4f3a2b1c.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("style.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("logo.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeFor("a.png"), "image/png");
  EXPECT_EQ(ContentTypeFor("favicon.ico"), "image/x-icon");
  EXPECT_EQ(ContentTypeFor("font.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeFor("data.json"), "application/json; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("app.js.map"), "application/json; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("README"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("x.exe"), "application/octet-stream");
}

TEST(HashedAssetTest, RecognisesBuildHashes) {
  EXPECT_TRUE(IsHashedAssetName("index-4f3a2b1c.js"));
  EXPECT_TRUE(IsHashedAssetName("logo-BxQ3kJ9_.svg"));
  EXPECT_TRUE(IsHashedAssetName("app.4f3a2b1c.css"));
  EXPECT_TRUE(IsHashedAssetName("index-4f3a2b1c.js.map"));
  EXPECT_FALSE(IsHashedAssetName("index.html"));
  EXPECT_FALSE(IsHashedAssetName("favicon.ico"));
  EXPECT_FALSE(IsHashedAssetName("element-plus.css"));
  EXPECT_FALSE(IsHashedAssetName("report-20240101.pdf"));  // Digits only: a date.
  EXPECT_FALSE(IsHashedAssetName("4f3a2b1c.js"));          // Nothing before the token.
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("amr_static_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    fs::create_directories(base_ / "dist" / "assets");
    Write(base_ / "dist" / "index.html", "<!doctype html><title>OpenAMR</title>");
    Write(base_ / "dist" / "assets" / "index-4f3a2b1c.js", "console.log(1)");
    Write(base_ / "secret.txt", "TOP-SECRET");
    fs::create_symlink(base_ / "secret.txt", base_ / "dist" / "link.txt");
    router_.ServeStatic("/", base_ / "dist", "index.html");
  }
  void TearDown() override { fs::remove_all(base_); }

  static void Write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

  Response Get(const std::string& target) {
    Request r;
    r.method = "GET";
    r.request_id = "rid";
    EXPECT_TRUE(r.SetTarget(target).ok());
    return router_.Dispatch(r);
  }

  fs::path base_;
  Router router_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypesAndCaching) {
  Response js = Get("/assets/index-4f3a2b1c.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("Cache-Control"), "public, max-age=31536000, immutable");

  Response root = Get("/");
  EXPECT_EQ(root.status, 200);
  EXPECT_EQ(root.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(root.Header("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, SpaFallbackOnlyForAppRoutes) {
  Response app = Get("/entities/91350100M000100Y43");
  EXPECT_EQ(app.status, 200);
  EXPECT_NE(app.body.find("OpenAMR"), std::string::npos);
  EXPECT_EQ(Get("/assets/missing-4f3a2b1c.js").status, 404);  // A file: no fallback.
  Response api = Get("/api/v1/nothing");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.content_type, "application/json; charset=utf-8");
}

TEST_F(StaticFilesTest, RefusesEscapes) {
  for (const char* target :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
        "/assets/..%2f..%2fsecret.txt", "/link.txt", "/assets/.%2E/x", "/..%5csecret.txt"}) {
    Response r = Get(target);
    EXPECT_TRUE(r.status == 400 || r.status == 404) << target << " → " << r.status;
    EXPECT_EQ(r.body.find("TOP-SECRET"), std::string::npos) << target;
  }
}

}  // namespace
}  // namespace amr::http
