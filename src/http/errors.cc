// SPDX-License-Identifier: MulanPSL-2.0
#include "http/errors.h"

#include <fmt/format.h>

namespace amr::http {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kOutOfRange:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kAborted:
      return 409;
    case StatusCode::kFailedPrecondition:
      return 422;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kInternal:
      return 500;
    case StatusCode::kUnimplemented:
      return 501;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kDeadlineExceeded:
      return 504;
  }
  return 500;
}

nlohmann::json ErrorBody(std::string_view code, std::string_view message, std::string_view field,
                         std::string_view request_id) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  error["field"] = field.empty() ? nlohmann::json(nullptr) : nlohmann::json(field);
  error["request_id"] = request_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(request_id);
  return {{"error", std::move(error)}};
}

namespace {

Response Render(int http_status, std::string_view code, std::string_view message,
                std::string_view field, std::string_view request_id) {
  return Response::Json(ErrorBody(code, message, field, request_id), http_status);
}

}  // namespace

Response ErrorResponse(const Status& status, std::string_view request_id) {
  Status s = status.ok() ? InternalError("服务器返回了不一致的结果") : status;
  Response r =
      Render(HttpStatusFor(s.code()), StatusCodeSlug(s.code()), s.message(), s.field(), request_id);
  r.error = std::move(s);
  return r;
}

void AttachRequestId(Response& response, std::string_view request_id) {
  if (!response.error.has_value()) return;
  const Status& s = *response.error;
  response.body =
      Response::Json(ErrorBody(StatusCodeSlug(s.code()), s.message(), s.field(), request_id)).body;
}

Response MethodNotAllowedResponse(std::string_view method, std::string_view allow,
                                  std::string_view request_id) {
  Response r =
      Render(405, kSlugMethodNotAllowed,
             fmt::format("该地址不支持 {} 请求，可用的方法：{}", method, allow), "", request_id);
  r.headers.emplace_back("Allow", std::string(allow));
  return r;
}

Response PayloadTooLargeResponse(uint64_t limit_bytes, std::string_view request_id) {
  return Render(413, kSlugPayloadTooLarge, fmt::format("请求体超过 {} 字节的上限", limit_bytes),
                "body", request_id);
}

Response MalformedRequestResponse(int http_status, std::string_view request_id) {
  switch (http_status) {
    case 414:
      return Render(414, kSlugUriTooLong, "请求的网址过长", "", request_id);
    case 431:
      return Render(431, kSlugHeadersTooLarge, "请求头过大或过多", "", request_id);
    default:
      return Render(400, kSlugBadRequest, "请求格式不符合 HTTP 协议", "", request_id);
  }
}

}  // namespace amr::http
