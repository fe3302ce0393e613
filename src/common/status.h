// SPDX-License-Identifier: MulanPSL-2.0
// Expected failures as values.
//
// A Status carries a canonical code, a message for people (in Chinese, since
// the platform's users read it) and, for bad input, the name of the offending
// field. Choose the code as absl does: InvalidArgument for input that is wrong
// whatever the system state; FailedPrecondition for input that is right but
// arrives in the wrong state; NotFound, AlreadyExists, PermissionDenied,
// Unauthenticated, ResourceExhausted (limits, throttling), DeadlineExceeded,
// Unavailable (retryable), Internal (a bug or a broken store).
//
// Thread-safety: values; safe to copy between threads.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace amr {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kPermissionDenied,
  kUnauthenticated,
  kResourceExhausted,
  kDeadlineExceeded,
  kUnavailable,
  kAborted,
  kOutOfRange,
  kUnimplemented,
  kInternal,
};

// The stable machine-readable slug of a code, e.g. "invalid_argument".
std::string_view StatusCodeSlug(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK.
  Status(StatusCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The input field the error is about ("uscc", "from"); empty if none.
  const std::string& field() const { return field_; }

  // Returns a copy naming `field`, for errors raised below the layer that
  // knows the field's public name.
  Status WithField(std::string field) const& { return Status(code_, message_, std::move(field)); }

  // "invalid_argument: message [field]"; for logs, not for users.
  std::string ToString() const;

  friend bool operator==(const Status&, const Status&) = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
};

inline Status OkStatus() { return Status(); }
Status InvalidArgumentError(std::string message, std::string field = {});
Status NotFoundError(std::string message, std::string field = {});
Status AlreadyExistsError(std::string message, std::string field = {});
Status FailedPreconditionError(std::string message, std::string field = {});
Status PermissionDeniedError(std::string message);
Status UnauthenticatedError(std::string message);
Status ResourceExhaustedError(std::string message);
Status DeadlineExceededError(std::string message);
Status UnavailableError(std::string message);
Status AbortedError(std::string message);
Status OutOfRangeError(std::string message, std::string field = {});
Status UnimplementedError(std::string message);
Status InternalError(std::string message);

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(const Status& status) : v_(status) { assert(!status.ok()); }  // NOLINT
  StatusOr(Status&& status) : v_(std::move(status)) {                    // NOLINT
    assert(!std::get<Status>(v_).ok());
  }
  StatusOr(const T& value) : v_(value) {}        // NOLINT
  StatusOr(T&& value) : v_(std::move(value)) {}  // NOLINT
  template <typename U>
  requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, Status> &&
           !std::is_same_v<std::decay_t<U>, StatusOr<T>> && !std::is_same_v<std::decay_t<U>, T>)
      StatusOr(U&& value)
      : v_(T(std::forward<U>(value))) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  Status status() const { return ok() ? OkStatus() : std::get<Status>(v_); }

  const T& value() const& {
    assert(ok());
    return std::get<T>(v_);
  }
  T& value() & {
    assert(ok());
    return std::get<T>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(v_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<Status, T> v_;
};

namespace internal {
inline Status AsStatus(const Status& s) { return s; }
inline Status AsStatus(Status&& s) { return std::move(s); }
template <typename T>
Status AsStatus(const StatusOr<T>& s) {
  return s.status();
}
}  // namespace internal

}  // namespace amr

#define AMR_CONCAT_INNER_(a, b) a##b
#define AMR_CONCAT_(a, b) AMR_CONCAT_INNER_(a, b)

// Returns the Status of `expr` from the enclosing function if it is not OK.
#define RETURN_IF_ERROR(expr)                                      \
  do {                                                             \
    ::amr::Status amr_status_ = ::amr::internal::AsStatus((expr)); \
    if (!amr_status_.ok()) return amr_status_;                     \
  } while (false)

// ASSIGN_OR_RETURN(auto x, MakeX()); or ASSIGN_OR_RETURN(x, MakeX());
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  AMR_ASSIGN_OR_RETURN_IMPL_(AMR_CONCAT_(amr_statusor_, __LINE__), lhs, rexpr)
#define AMR_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                               \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
