// SPDX-License-Identifier: MulanPSL-2.0
#include "audit/verify.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

#include "audit/audit_record.h"
#include "audit/internal/record_rows.h"
#include "storage/errors.h"

namespace amr::audit {
namespace {

ChainBreak Break(int64_t seq, BreakKind kind, std::string message) {
  return ChainBreak{seq, kind, std::move(message)};
}

// Checks one row against its expected position; nullopt if it is intact.
std::optional<ChainBreak> CheckRow(const internal::RowBuffer& row, int64_t expected_seq,
                                   const std::string& prev_hash,
                                   const std::optional<Checkpoint>& checkpoint) {
  const int64_t seq = row.seq;
  if (seq < 1) {
    return Break(
        seq, BreakKind::kUnexpectedRecord,
        fmt::format("序号为 {} 的审计记录不应存在（序号从 1 开始）：该行是另行插入的", seq));
  }
  if (seq != expected_seq) {
    return Break(expected_seq, BreakKind::kMissingRecord,
                 fmt::format("第 {} 条审计记录缺失（下一条现存记录是第 {} 条）：记录被删除",
                             expected_seq, seq));
  }
  AuditRecord record;
  if (!internal::ToRecord(row, record) || RecordHash(record) != row.hash) {
    return Break(
        seq, BreakKind::kContentChanged,
        fmt::format("第 {} 条审计记录被改动：按其内容重新计算的哈希与存储的哈希不符", seq));
  }
  if (row.prev_hash != prev_hash) {
    if (seq == 1) {
      return Break(seq, BreakKind::kLinkBroken,
                   "第 1 条审计记录的前序哈希应为 64 个 0：链首记录被替换");
    }
    return Break(seq, BreakKind::kLinkBroken,
                 fmt::format("第 {} 条审计记录的前序哈希与第 {} 条的哈希不符：第 {} "
                             "条或更早的记录被改写并重算了哈希，或记录被调换、伪造",
                             seq, seq - 1, seq - 1));
  }
  if (checkpoint && checkpoint->seq == seq && checkpoint->hash != row.hash) {
    return Break(seq, BreakKind::kCheckpointMismatch,
                 fmt::format("第 {} 条审计记录的哈希与检查点不符：该条或更早的记录在检查点发布后"
                             "被改写",
                             seq));
  }
  return std::nullopt;
}

}  // namespace

std::string Checkpoint::ToString() const { return fmt::format("{}:{}", seq, hash); }

StatusOr<Checkpoint> ParseCheckpoint(std::string_view text) {
  auto bad = [&] {
    return InvalidArgumentError(
        fmt::format("检查点应为“序号:哈希”（如 42: 加 64 位十六进制哈希），收到“{}”", text),
        "checkpoint");
  };
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) return bad();
  Checkpoint checkpoint;
  const std::string_view seq = text.substr(0, colon);
  auto [ptr, ec] = std::from_chars(seq.data(), seq.data() + seq.size(), checkpoint.seq);
  if (ec != std::errc() || ptr != seq.data() + seq.size() || checkpoint.seq < 1) return bad();
  checkpoint.hash = std::string(text.substr(colon + 1));
  std::transform(checkpoint.hash.begin(), checkpoint.hash.end(), checkpoint.hash.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!IsHashText(checkpoint.hash)) return bad();
  return checkpoint;
}

std::string_view BreakKindSlug(BreakKind kind) {
  switch (kind) {
    case BreakKind::kMissingRecord:
      return "missing_record";
    case BreakKind::kUnexpectedRecord:
      return "unexpected_record";
    case BreakKind::kContentChanged:
      return "content_changed";
    case BreakKind::kLinkBroken:
      return "link_broken";
    case BreakKind::kCheckpointMismatch:
      return "checkpoint_mismatch";
    case BreakKind::kTruncated:
      return "truncated";
  }
  return "unknown";
}

StatusOr<VerifyReport> Verify(storage::Database& db) { return Verify(db, VerifyOptions{}); }

StatusOr<VerifyReport> Verify(storage::Database& db, const VerifyOptions& options) {
  if (options.batch_size < 1) {
    return InvalidArgumentError("每批读取的记录数应至少为 1", "batch_size");
  }
  // Records a failed post-commit seal left waiting join the chain first
  // (audit_log.h, SealPending), so the walk covers every committed change.
  RETURN_IF_ERROR(SealPending(db));
  VerifyReport report;
  // One snapshot for the whole walk, so concurrent appends do not interleave.
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
    report = VerifyReport{};
    report.head.hash = std::string(kGenesisHash);
    long long after = std::numeric_limits<long long>::min();
    const long long limit = options.batch_size;
    internal::RowBuffer row;
    while (true) {
      // Keyset batches: each query holds at most `limit` rows in memory
      // (libpq buffers a whole result), and reads seq through the primary key.
      soci::details::prepare_temp_type st =
          (sql.prepare << std::string("SELECT ") + internal::kRecordColumns +
                              " FROM audit_log WHERE seq > :after ORDER BY seq LIMIT :limit");
      st, soci::use(after, "after"), soci::use(limit, "limit");
      internal::IntoRow(st, row);
      soci::statement stmt(st);
      stmt.execute();
      long long fetched = 0;
      while (stmt.fetch()) {
        ++fetched;
        after = row.seq;
        report.first_break =
            CheckRow(row, report.head.seq + 1, report.head.hash, options.checkpoint);
        if (report.first_break) return OkStatus();
        ++report.records_checked;
        report.head.seq = row.seq;
        report.head.hash = row.hash;
      }
      if (fetched < limit) break;
    }
    if (options.checkpoint && report.head.seq < options.checkpoint->seq) {
      report.first_break =
          Break(report.head.seq + 1, BreakKind::kTruncated,
                fmt::format("审计链只到第 {} 条，而检查点是第 {} 条：第 {} 条起的记录被删除",
                            report.head.seq, options.checkpoint->seq, report.head.seq + 1));
    }
    return OkStatus();
  }));
  return report;
}

StatusOr<ChainHead> HeadIn(soci::session& sql) {
  ChainHead head;
  head.checkpoint.hash = std::string(kGenesisHash);
  try {
    long long seq = 0;
    std::string hash, recorded_at;
    sql << "SELECT seq, hash, recorded_at FROM audit_log ORDER BY seq DESC LIMIT 1",
        soci::into(seq), soci::into(hash), soci::into(recorded_at);
    if (sql.got_data()) {
      head.checkpoint = Checkpoint{seq, hash};
      head.recorded_at = recorded_at;
    }
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return head;
}

StatusOr<ChainHead> Head(storage::Database& db) {
  ChainHead head;
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(head, HeadIn(sql));
    return OkStatus();
  }));
  return head;
}

}  // namespace amr::audit
