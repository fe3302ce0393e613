// SPDX-License-Identifier: MulanPSL-2.0
#include "inspection/photo_service.h"

#include <fmt/format.h>
#include <soci/soci.h>
#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "audit/audit_log.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "inspection/photo.h"
#include "storage/rows.h"

namespace amr::inspection {
namespace {

namespace perm = identity::perm;
using nlohmann::json;

// Who may see a visit: its officers' logins and the task unit's path.
struct VisitAccess {
  std::string unit_path;
  std::vector<int64_t> officer_users;
};

StatusOr<VisitAccess> LoadAccess(soci::session& sql, int64_t visit_id) {
  const long long id = visit_id;
  std::optional<VisitAccess> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT u.path FROM inspection_visit v JOIN inspection_task t ON t.id = "
                      "v.task_id JOIN org_unit u ON u.id = t.org_unit_id WHERE v.id = :v",
       soci::use(id));
  for (const soci::row& r : rows) out = VisitAccess{storage::RowText(r, 0), {}};
  if (!out) return NotFoundError(fmt::format("检查任务中没有编号为 {} 的检查", visit_id), "id");
  soci::rowset<soci::row> officers =
      (sql.prepare << "SELECT f.user_id FROM inspection_visit_officer vo JOIN inspection_officer "
                      "f ON f.id = vo.officer_id WHERE vo.visit_id = :v AND f.user_id IS NOT NULL",
       soci::use(id));
  for (const soci::row& r : officers) out->officer_users.push_back(storage::RowInt(r, 0));
  return *out;
}

bool Assigned(const VisitAccess& access, const identity::Caller& caller) {
  if (caller.principal == nullptr) return true;  // the platform itself
  return std::find(access.officer_users.begin(), access.officer_users.end(),
                   caller.principal->user_id) != access.officer_users.end();
}

Status MayView(const VisitAccess& access, const identity::Caller& caller) {
  if (Assigned(access, caller)) return OkStatus();
  return identity::RequireScope(*caller.principal, perm::kInspectionTaskRead, access.unit_path);
}

std::vector<PhotoInfo> Photos(soci::session& sql, int64_t visit_id) {
  const long long id = visit_id;
  std::vector<PhotoInfo> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, visit_id, media_type, size_bytes, sha256, added_at FROM "
                      "inspection_photo WHERE visit_id = :v ORDER BY id",
       soci::use(id));
  for (const soci::row& r : rows) {
    out.push_back({storage::RowInt(r, 0), storage::RowInt(r, 1), storage::RowText(r, 2),
                   storage::RowInt(r, 3), storage::RowText(r, 4), storage::RowText(r, 5)});
  }
  return out;
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

StatusOr<std::string> Unbase64(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return InternalError("照片数据已损坏");
  }
  out.resize(len);
  return out;
}

}  // namespace

StatusOr<PhotoInfo> PhotoService::Add(const identity::Caller& caller, int64_t visit_id,
                                      std::string_view media_type, std::string_view bytes) {
  ASSIGN_OR_RETURN(std::string type, CheckPhoto(bytes, media_type));
  const std::string sha = Sha256Hex(bytes);
  const std::string data = Base64(bytes);
  PhotoInfo added;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(VisitAccess access, LoadAccess(sql, visit_id));
    if (!Assigned(access, caller)) {
      return PermissionDeniedError("只有分派到该户的检查人员才能上传现场照片");
    }
    const std::vector<PhotoInfo> photos = Photos(sql, visit_id);
    for (const PhotoInfo& p : photos) {
      if (p.sha256 == sha) {
        added = p;  // the same photo again
        return OkStatus();
      }
    }
    if (photos.size() >= static_cast<size_t>(kMaxPhotosPerVisit)) {
      return FailedPreconditionError(
          fmt::format("每户检查至多 {} 张照片，请先删去不需要的", kMaxPhotosPerVisit), "photo");
    }
    const long long visit = visit_id, size = static_cast<long long>(bytes.size());
    const std::string now = FormatChinaTime(clock_.Now());
    long long by = caller.principal ? caller.principal->user_id : 0;
    soci::indicator by_ind = caller.principal ? soci::i_ok : soci::i_null;
    long long id = 0;
    sql << "INSERT INTO inspection_photo (visit_id, media_type, size_bytes, sha256, data, "
           "added_by, added_at) VALUES (:v, :m, :s, :h, :d, :b, :t) RETURNING id",
        soci::use(visit), soci::use(type), soci::use(size), soci::use(sha), soci::use(data),
        soci::use(by, by_ind), soci::use(now), soci::into(id);
    added = {id, visit_id, type, size, sha, now};
    return audit::Append(
        sql,
        {identity::ActorFor(caller, perm::kInspectionTaskWrite, access.unit_path),
         "inspection.photo.add", "inspection_visit", std::to_string(visit_id), nullptr,
         json{{"photo_id", id}, {"media_type", type}, {"size_bytes", size}, {"sha256", sha}}},
        clock_);
  }));
  return added;
}

StatusOr<std::vector<PhotoInfo>> PhotoService::List(const identity::Caller& caller,
                                                    int64_t visit_id) const {
  std::vector<PhotoInfo> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(VisitAccess access, LoadAccess(sql, visit_id));
    RETURN_IF_ERROR(MayView(access, caller));
    out = Photos(sql, visit_id);
    return OkStatus();
  }));
  return out;
}

StatusOr<PhotoData> PhotoService::Get(const identity::Caller& caller, int64_t visit_id,
                                      const std::string& sha256) const {
  if (sha256.size() != 64 || sha256.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return InvalidArgumentError("照片标识应为 64 位小写十六进制", "sha256");
  }
  PhotoData out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(VisitAccess access, LoadAccess(sql, visit_id));
    RETURN_IF_ERROR(MayView(access, caller));
    const long long visit = visit_id;
    std::string data;
    soci::indicator ind = soci::i_null;
    sql << "SELECT media_type, data FROM inspection_photo WHERE visit_id = :v AND sha256 = :h",
        soci::use(visit), soci::use(sha256), soci::into(out.media_type), soci::into(data, ind);
    if (ind != soci::i_ok) return NotFoundError("没有这张照片", "sha256");
    ASSIGN_OR_RETURN(out.bytes, Unbase64(data));
    return OkStatus();
  }));
  return out;
}

}  // namespace amr::inspection
