// SPDX-License-Identifier: MulanPSL-2.0
// Where instant information and orders to publish are kept (tables
// instant_info and publish_order, migration 0033). Functions take the
// caller's session; no permission checks, no audit (instant_service.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "credit/instant_info.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::credit {

// The new item's id; the one already kept with the same kind, day and text,
// with `created` false.
struct InsertedInfo {
  int64_t id = 0;
  bool created = true;
};
StatusOr<InsertedInfo> InsertInstantInfo(soci::session& sql, const InstantInfo& info,
                                         const std::string& now);
StatusOr<InstantInfo> GetInstantInfo(soci::session& sql, int64_t id);
// Every item of the entity, newest event first.
StatusOr<std::vector<InstantInfo>> InstantInfoOf(soci::session& sql, const std::string& uscc);

// Whether the entity published an item of `kind` on or after `since`.
StatusOr<bool> PublishedSince(soci::session& sql, const std::string& uscc, const std::string& kind,
                              const Date& since);

StatusOr<int64_t> InsertOrder(soci::session& sql, const PublishOrder& order,
                              const std::string& now);
StatusOr<PublishOrder> GetOrder(soci::session& sql, int64_t id);  // NotFound "id"
Status SaveOrder(soci::session& sql, const PublishOrder& order);
// The entity's orders, newest first; with `kind`, only the open ones of it.
StatusOr<std::vector<PublishOrder>> OrdersOf(soci::session& sql, const std::string& uscc);
StatusOr<std::vector<PublishOrder>> OpenOrders(soci::session& sql, const std::string& uscc,
                                               const std::string& kind);
// Open orders past their last day whose authority lies under one of `paths`,
// of entities still 存续 or 歇业, oldest due first.
StatusOr<std::vector<PublishOrder>> ExpiredOrders(soci::session& sql, const Date& today,
                                                  const std::vector<std::string>& paths);

}  // namespace amr::credit
