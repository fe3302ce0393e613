// SPDX-License-Identifier: MulanPSL-2.0
// The entity's detail, versions and change 双告知 in the store (change_internal.h).
#include <soci/soci.h>

#include <optional>

#include "lifecycle/change_internal.h"
#include "storage/rows.h"

namespace amr::lifecycle::internal {

using nlohmann::json;
using storage::RowInt;
using storage::RowIsNull;
using storage::RowText;

std::string ChannelId(ChangeChannel channel) {
  switch (channel) {
    case ChangeChannel::kOnline:
      return "online";
    case ChangeChannel::kWindow:
      return "window";
    case ChangeChannel::kCli:
      return "cli";
  }
  return "cli";
}

StatusOr<json> LoadDetail(soci::session& sql, std::string_view uscc_view) {
  const std::string uscc(uscc_view);
  std::optional<std::string> text;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT detail_json FROM entity_detail WHERE uscc = :u", soci::use(uscc));
    for (const soci::row& r : rows) text = RowText(r, 0);
  }
  if (!text) {
    // Registered here: the 企业开办 form holds scope and investors.
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT form_json FROM establishment_application WHERE uscc = :u AND "
                        "state IN ('registered', 'completed') ORDER BY id",
         soci::use(uscc));
    for (const soci::row& r : rows) {
      json form = json::parse(RowText(r, 0), nullptr, false);
      if (form.is_object()) {
        return json{{"scope", form.value("scope", json::array())},
                    {"investors", form.value("investors", json::array())}};
      }
    }
    return json{{"scope", json::array()}, {"investors", json::array()}};
  }
  json detail = json::parse(*text, nullptr, false);
  if (!detail.is_object()) return InternalError("entity_detail " + uscc + " 不是 JSON 对象");
  if (!detail.contains("scope")) detail["scope"] = json::array();
  if (!detail.contains("investors")) detail["investors"] = json::array();
  return detail;
}

Status SaveDetail(soci::session& sql, std::string_view uscc_view, const json& detail,
                  const std::string& now) {
  const std::string uscc(uscc_view), text = detail.dump();
  long long n = 0;
  sql << "SELECT COUNT(*) FROM entity_detail WHERE uscc = :u", soci::use(uscc), soci::into(n);
  if (n == 0) {
    sql << "INSERT INTO entity_detail (uscc, detail_json, updated_at) VALUES (:u, :d, :now)",
        soci::use(uscc), soci::use(text), soci::use(now);
  } else {
    sql << "UPDATE entity_detail SET detail_json = :d, updated_at = :now WHERE uscc = :u",
        soci::use(text), soci::use(now), soci::use(uscc);
  }
  return OkStatus();
}

json Snapshot(const registry::Entity& e, const json& detail) {
  return {
      {"name", e.name},
      {"address", e.address},
      {"legal_rep", {{"name", e.legal_rep_name}, {"citizen_id", e.legal_rep_id}}},
      {"registered_capital", e.registered_capital ? json(*e.registered_capital) : json(nullptr)},
      {"scope", detail.value("scope", json::array())},
      {"investors", detail.value("investors", json::array())}};
}

std::vector<FieldChange> InitialChanges(const json& snapshot) {
  std::vector<FieldChange> out;
  for (const char* field :
       {"name", "address", "legal_rep", "registered_capital", "scope", "investors"}) {
    out.push_back({field, nullptr, snapshot.value(field, json(nullptr))});
  }
  return out;
}

StatusOr<int> LatestVersion(soci::session& sql, std::string_view uscc_view) {
  const std::string uscc(uscc_view);
  long long v = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(version) FROM entity_version WHERE uscc = :u", soci::use(uscc),
      soci::into(v, ind);
  return ind == soci::i_ok ? static_cast<int>(v) : 0;
}

Status InsertVersion(soci::session& sql, const Version& v, const std::string& now) {
  json changes = json::array();
  for (const FieldChange& c : v.changes) {
    changes.push_back({{"field", c.field}, {"before", c.before}, {"after", c.after}});
  }
  const std::string text = changes.dump();
  int version = v.version;
  long long change_id = v.change_id;
  soci::indicator change_ind = v.change_id != 0 ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO entity_version (uscc, version, effective_on, kind, changes_json, channel, "
         "recorded_by, change_id, created_at) VALUES (:u, :v, :e, :k, :c, :ch, :by, :cid, :now)",
      soci::use(v.uscc), soci::use(version), soci::use(v.effective_on), soci::use(v.kind),
      soci::use(text), soci::use(v.channel), soci::use(v.recorded_by),
      soci::use(change_id, change_ind), soci::use(now);
  return OkStatus();
}

Status EnsureBaseVersion(soci::session& sql, const registry::Entity& e, const std::string& now) {
  ASSIGN_OR_RETURN(int latest, LatestVersion(sql, e.uscc));
  if (latest > 0) return OkStatus();
  ASSIGN_OR_RETURN(json detail, LoadDetail(sql, e.uscc));
  RETURN_IF_ERROR(SaveDetail(sql, e.uscc, detail, now));
  Version v;
  v.uscc = e.uscc;
  v.version = 1;
  v.effective_on = e.established_on.ToString();
  v.kind = "registration";
  v.changes = InitialChanges(Snapshot(e, detail));
  v.channel = "registration";
  v.recorded_by = "system";
  return InsertVersion(sql, v, now);
}

StatusOr<std::vector<Version>> LoadVersions(soci::session& sql, std::string_view uscc_view) {
  const std::string uscc(uscc_view);
  std::vector<Version> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT version, effective_on, kind, changes_json, channel, recorded_by, "
                      "change_id FROM entity_version WHERE uscc = :u ORDER BY version",
       soci::use(uscc));
  for (const soci::row& r : rows) {
    Version v;
    v.uscc = uscc;
    v.version = static_cast<int>(RowInt(r, 0));
    v.effective_on = RowText(r, 1);
    v.kind = RowText(r, 2);
    json changes = json::parse(RowText(r, 3), nullptr, false);
    if (changes.is_array()) {
      for (const json& c : changes) {
        v.changes.push_back({c.value("field", ""), c.value("before", json(nullptr)),
                             c.value("after", json(nullptr))});
      }
    }
    v.channel = RowText(r, 4);
    v.recorded_by = RowText(r, 5);
    v.change_id = RowIsNull(r, 6) ? 0 : RowInt(r, 6);
    out.push_back(std::move(v));
  }
  return out;
}

namespace {

// The unit of `department` nearest to `region`: the county, its city, its province.
std::optional<int64_t> DepartmentUnit(soci::session& sql, const std::string& department,
                                      const std::string& region) {
  for (const std::string& r : {region, region.substr(0, 4) + "00", region.substr(0, 2) + "0000"}) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id FROM org_unit WHERE department = :d AND region_code = :r "
                        "ORDER BY id",
         soci::use(department), soci::use(r));
    for (const soci::row& row : rows) return RowInt(row, 0);
  }
  return std::nullopt;
}

}  // namespace

StatusOr<std::vector<json>> NotifyPermits(soci::session& sql, const ChangeHooks& hooks,
                                          int64_t change_id, const registry::Entity& entity,
                                          const std::vector<const establishment::ScopeItem*>& items,
                                          int64_t authority_id, const std::string& now) {
  std::vector<json> out;
  for (const establishment::ScopeItem* item : items) {
    std::optional<int64_t> unit;
    if (item->department != "market_regulation") {
      unit = DepartmentUnit(sql, item->department, entity.region_code);
    }
    long long unit_id = unit ? *unit : authority_id;
    long long cid = change_id;
    sql << "INSERT INTO entity_change_notice (change_id, uscc, scope_code, permit, department, "
           "org_unit_id, state, created_at, updated_at) VALUES (:c, :u, :s, :p, :d, :o, "
           "'pending', :now, :now2)",
        soci::use(cid), soci::use(entity.uscc), soci::use(item->code), soci::use(item->permit),
        soci::use(item->department), soci::use(unit_id), soci::use(now), soci::use(now);
    json notice = {{"uscc", entity.uscc},
                   {"name", entity.name},
                   {"change_id", change_id},
                   {"scope_code", item->code},
                   {"scope_name", item->name},
                   {"permit", item->permit},
                   {"department", item->department},
                   {"org_unit_id", unit_id}};
    RETURN_IF_ERROR(hooks.enqueue_event(
        sql, "entity.change.dual_notification", notice,
        "entity.change.dual_notification:" + std::to_string(change_id) + ":" + item->code));
    notice["state"] = "pending";
    out.push_back(std::move(notice));
  }
  return out;
}

}  // namespace amr::lifecycle::internal
