// SPDX-License-Identifier: MulanPSL-2.0
#include "common/status.h"

namespace amr {

std::string_view StatusCodeSlug(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kAlreadyExists:
      return "already_exists";
    case StatusCode::kFailedPrecondition:
      return "failed_precondition";
    case StatusCode::kPermissionDenied:
      return "permission_denied";
    case StatusCode::kUnauthenticated:
      return "unauthenticated";
    case StatusCode::kResourceExhausted:
      return "resource_exhausted";
    case StatusCode::kDeadlineExceeded:
      return "deadline_exceeded";
    case StatusCode::kUnavailable:
      return "unavailable";
    case StatusCode::kAborted:
      return "aborted";
    case StatusCode::kOutOfRange:
      return "out_of_range";
    case StatusCode::kUnimplemented:
      return "unimplemented";
    case StatusCode::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string s(StatusCodeSlug(code_));
  s += ": ";
  s += message_;
  if (!field_.empty()) {
    s += " [";
    s += field_;
    s += "]";
  }
  return s;
}

Status InvalidArgumentError(std::string m, std::string f) {
  return Status(StatusCode::kInvalidArgument, std::move(m), std::move(f));
}
Status NotFoundError(std::string m, std::string f) {
  return Status(StatusCode::kNotFound, std::move(m), std::move(f));
}
Status AlreadyExistsError(std::string m, std::string f) {
  return Status(StatusCode::kAlreadyExists, std::move(m), std::move(f));
}
Status FailedPreconditionError(std::string m, std::string f) {
  return Status(StatusCode::kFailedPrecondition, std::move(m), std::move(f));
}
Status PermissionDeniedError(std::string m) {
  return Status(StatusCode::kPermissionDenied, std::move(m));
}
Status UnauthenticatedError(std::string m) {
  return Status(StatusCode::kUnauthenticated, std::move(m));
}
Status ResourceExhaustedError(std::string m) {
  return Status(StatusCode::kResourceExhausted, std::move(m));
}
Status DeadlineExceededError(std::string m) {
  return Status(StatusCode::kDeadlineExceeded, std::move(m));
}
Status UnavailableError(std::string m) { return Status(StatusCode::kUnavailable, std::move(m)); }
Status AbortedError(std::string m) { return Status(StatusCode::kAborted, std::move(m)); }
Status OutOfRangeError(std::string m, std::string f) {
  return Status(StatusCode::kOutOfRange, std::move(m), std::move(f));
}
Status UnimplementedError(std::string m) {
  return Status(StatusCode::kUnimplemented, std::move(m));
}
Status InternalError(std::string m) { return Status(StatusCode::kInternal, std::move(m)); }

}  // namespace amr
