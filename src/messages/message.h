// SPDX-License-Identifier: MulanPSL-2.0
// 消息中心: what a message says. Each kind of event that tells a user
// something (an application approved, a step returned, an objection filed, a
// deadline near) has an id, a Chinese title and a text built from the facts
// of the event (`params`), and, sent as an SMS, the same text under the
// kind's id as the gateway's template. No SQL, no HTTP: the store is
// messages.h, the routes routes.h.
//
// Thread-safety: immutable data; all functions are thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include "common/status.h"

namespace amr::messages {

enum class Kind {
  kApplicationApproved,    // 企业开办: registered (秒批 or by a registrar) → the applicant
  kApplicationRejected,    // 企业开办: not registered, with the reason → the applicant
  kStepReturned,           // a department returned a step → the applicant
  kStepResubmitted,        // the applicant fixed it → the department's staff
  kObjectionFiled,         // an objection to a 简易注销 notice → its applicant
  kNoticeEnded,            // a 简易注销 notice ended without objection → its applicant
  kComplaintDeadlineNear,  // 12315: a limit two working days away → the unit's handlers
  kAnnualReportDue,  // 年度报告 not filed before the window ends → the entity's accounts
};

// Every kind, in the order above.
std::span<const Kind> AllKinds();
// "establishment_approved": stored with the message, the SMS template's id.
std::string_view KindId(Kind kind);
// InvalidArgument (field "kind") for an unknown id.
StatusOr<Kind> ParseKind(std::string_view id);

// A message's words, built from the event's facts.
struct Text {
  std::string title;
  std::string body;
};

// The title and text of `kind` with every {name} of its templates replaced by
// params[name] (a string, or a number). InvalidArgument naming
// "params.<name>" when a fact the text needs is missing or of another type,
// "params" when `params` is not an object.
StatusOr<Text> Compose(Kind kind, const nlohmann::json& params);

// Where a message leads: empty, or a path of the web UI ("/progress?id=42",
// "/workbench/department"): one leading "/", never "//" (another site), no
// scheme, no control characters, at most kMaxLinkBytes. InvalidArgument
// naming "link" otherwise.
inline constexpr std::size_t kMaxLinkBytes = 300;
Status CheckLink(std::string_view link);

}  // namespace amr::messages
