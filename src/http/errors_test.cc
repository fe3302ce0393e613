// SPDX-License-Identifier: MulanPSL-2.0
#include "http/errors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace amr::http {
namespace {

// The contract of errors.h, code by code. A new StatusCode must be added here.
const std::vector<std::pair<StatusCode, int>>& ExpectedMapping() {
  static const std::vector<std::pair<StatusCode, int>> kMapping = {
      {StatusCode::kInvalidArgument, 400},   {StatusCode::kOutOfRange, 400},
      {StatusCode::kUnauthenticated, 401},   {StatusCode::kPermissionDenied, 403},
      {StatusCode::kNotFound, 404},          {StatusCode::kAlreadyExists, 409},
      {StatusCode::kAborted, 409},           {StatusCode::kFailedPrecondition, 422},
      {StatusCode::kResourceExhausted, 429}, {StatusCode::kInternal, 500},
      {StatusCode::kUnimplemented, 501},     {StatusCode::kUnavailable, 503},
      {StatusCode::kDeadlineExceeded, 504},
  };
  return kMapping;
}

TEST(ErrorsTest, EveryNonOkCodeHasItsHttpStatus) {
  // Walk the enum so a code added to StatusCode without a row above fails.
  size_t seen = 0;
  for (int c = static_cast<int>(StatusCode::kInvalidArgument);
       c <= static_cast<int>(StatusCode::kInternal); ++c) {
    auto code = static_cast<StatusCode>(c);
    auto it = std::find_if(ExpectedMapping().begin(), ExpectedMapping().end(),
                           [&](const auto& row) { return row.first == code; });
    ASSERT_NE(it, ExpectedMapping().end()) << StatusCodeSlug(code) << " has no expected status";
    EXPECT_EQ(HttpStatusFor(code), it->second) << StatusCodeSlug(code);
    ++seen;
  }
  EXPECT_EQ(seen, ExpectedMapping().size());
}

TEST(ErrorsTest, ErrorResponseBody) {
  Response r = ErrorResponse(InvalidArgumentError("统一社会信用代码长度应为18位", "uscc"),
                             "0123456789abcdef");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  nlohmann::json j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "invalid_argument");
  EXPECT_EQ(j["error"]["message"], "统一社会信用代码长度应为18位");
  EXPECT_EQ(j["error"]["field"], "uscc");
  EXPECT_EQ(j["error"]["request_id"], "0123456789abcdef");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code(), StatusCode::kInvalidArgument);
}

TEST(ErrorsTest, EmptyFieldIsNull) {
  nlohmann::json j = nlohmann::json::parse(ErrorResponse(NotFoundError("未找到该企业")).body);
  EXPECT_TRUE(j["error"]["field"].is_null());
  EXPECT_TRUE(j["error"]["request_id"].is_null());
}

TEST(ErrorsTest, OkStatusIsABugAnd500) {
  Response r = ErrorResponse(OkStatus(), "id");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "internal");
}

TEST(ErrorsTest, AttachRequestIdRewritesOnlyErrors) {
  Response e = Response::Error(PermissionDeniedError("无权查看"));
  AttachRequestId(e, "abc");
  EXPECT_EQ(nlohmann::json::parse(e.body)["error"]["request_id"], "abc");
  EXPECT_EQ(e.status, 403);

  Response ok = Response::Json({{"error", "a field named error"}});
  std::string before = ok.body;
  AttachRequestId(ok, "abc");
  EXPECT_EQ(ok.body, before);
}

TEST(ErrorsTest, TransportErrors) {
  Response m = MethodNotAllowedResponse("POST", "GET, HEAD", "id1");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.Header("allow"), "GET, HEAD");
  EXPECT_EQ(nlohmann::json::parse(m.body)["error"]["code"], "method_not_allowed");

  Response p = PayloadTooLargeResponse(1024, "id2");
  EXPECT_EQ(p.status, 413);
  nlohmann::json pj = nlohmann::json::parse(p.body);
  EXPECT_EQ(pj["error"]["code"], "payload_too_large");
  EXPECT_EQ(pj["error"]["field"], "body");
  EXPECT_NE(pj["error"]["message"].get<std::string>().find("1024"), std::string::npos);

  EXPECT_EQ(MalformedRequestResponse(400, "x").status, 400);
  EXPECT_EQ(MalformedRequestResponse(414, "x").status, 414);
  EXPECT_EQ(MalformedRequestResponse(431, "x").status, 431);
}

TEST(ResponseTest, JsonReplacesInvalidUtf8InsteadOfThrowing) {
  Response r = Response::Json({{"name", std::string("bad\xff")}});
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("bad\xEF\xBF\xBD"), std::string::npos) << r.body;
}

TEST(ResponseTest, ReasonPhrases) {
  EXPECT_EQ(ReasonPhrase(200), "OK");
  EXPECT_EQ(ReasonPhrase(422), "Unprocessable Content");
  EXPECT_EQ(ReasonPhrase(599), "Unknown");
}

}  // namespace
}  // namespace amr::http
