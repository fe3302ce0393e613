// SPDX-License-Identifier: MulanPSL-2.0
#include "audit/audit_record.h"

#include <sodium.h>

#include <array>
#include <cstdlib>
#include <initializer_list>

namespace amr::audit {
namespace {

void AppendField(std::string& out, std::string_view field) {
  const auto n = static_cast<uint32_t>(field.size());
  out.push_back(static_cast<char>((n >> 24) & 0xff));
  out.push_back(static_cast<char>((n >> 16) & 0xff));
  out.push_back(static_cast<char>((n >> 8) & 0xff));
  out.push_back(static_cast<char>(n & 0xff));
  out.append(field);
}

void EnsureSodium() {
  // sodium_init is thread-safe and idempotent; -1 means the library is unusable.
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();
}

}  // namespace

std::string SummaryText(const nlohmann::json& before, const nlohmann::json& after) {
  // nlohmann::json objects are std::maps: dump() writes keys in byte order.
  nlohmann::json summary = {{"after", after}, {"before", before}};
  return summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string CanonicalEncoding(const AuditRecord& r) {
  const std::string seq = std::to_string(r.seq);
  const std::string user_id = std::to_string(r.actor.user_id);
  const std::string org_unit_id = std::to_string(r.actor.org_unit_id);
  std::string out;
  for (std::string_view field : {kEncodingTag, std::string_view(seq), std::string_view(r.prev_hash),
                                 std::string_view(r.recorded_at), std::string_view(user_id),
                                 std::string_view(r.actor.username), std::string_view(r.actor.role),
                                 std::string_view(org_unit_id), std::string_view(r.actor.ip),
                                 std::string_view(r.actor.request_id), std::string_view(r.action),
                                 std::string_view(r.target_type), std::string_view(r.target_id),
                                 std::string_view(r.summary)}) {
    AppendField(out, field);
  }
  return out;
}

std::string RecordHash(const AuditRecord& record) {
  EnsureSodium();
  const std::string message = CanonicalEncoding(record);
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(message.data()),
                     message.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex;
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

bool IsHashText(std::string_view text) {
  if (text.size() != kGenesisHash.size()) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace amr::audit
