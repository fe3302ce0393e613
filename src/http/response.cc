// SPDX-License-Identifier: MulanPSL-2.0
#include "http/response.h"

#include <nlohmann/json.hpp>

#include "http/errors.h"
#include "http/request.h"

namespace amr::http {

Response Response::Json(const nlohmann::json& value, int status) {
  Response r;
  r.status = status;
  r.body = value.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response Response::Error(const Status& status) { return ErrorResponse(status); }

Response Response::Text(std::string body, std::string content_type) {
  Response r;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

std::optional<std::string> Response::Header(std::string_view name) const {
  CaseInsensitiveLess less;
  for (const auto& [k, v] : headers) {
    if (!less(k, name) && !less(name, k)) return v;
  }
  return std::nullopt;
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
  }
  return "Unknown";
}

}  // namespace amr::http
