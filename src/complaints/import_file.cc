// SPDX-License-Identifier: MulanPSL-2.0
#include "complaints/import_file.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <unordered_map>

#include "common/csv.h"

namespace amr::complaints {
namespace {

using nlohmann::json;

enum Col {
  kChannel,
  kExternalRef,
  kKind,
  kReceivedOn,
  kBusinessUscc,
  kBusinessName,
  kRegionCode,
  kConsumerName,
  kConsumerPhone,
  kSummary,
  kOccurredOn,
  kProblemKind,
  kState,
  kDecidedOn,
  kNotAcceptReason,
  kOutcome,
  kReportDecision,
  kAmountRecovered,
  kClosedOn,
  kColumnCount
};
constexpr std::array<std::string_view, kColumnCount> kNames = {
    "channel",     "external_ref",    "kind",
    "received_on", "business_uscc",   "business_name",
    "region_code", "consumer_name",   "consumer_phone",
    "summary",     "occurred_on",     "problem_kind",
    "state",       "decided_on",      "not_accept_reason",
    "outcome",     "report_decision", "amount_recovered",
    "closed_on"};
using Record = std::array<std::string, kColumnCount>;

int ColumnOf(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<int>(i);
  }
  return -1;
}

Status AtLine(size_t line, const Status& s) {
  return Status(s.code(), fmt::format("第 {} 行：{}", line, s.message()), s.field());
}

// Reads records from CSV (a header of column names first), a JSON array or
// JSON lines, each into a Record, with its line.
class Reader {
 public:
  explicit Reader(std::istream& in) : in_(in), csv_(in) {}

  Status Start() {
    char c = 0;
    while (in_.get(c) &&
           (c == ' ' || c == '\n' || c == '\r' || c == '\t' ||
            static_cast<unsigned char>(c) == 0xEF || static_cast<unsigned char>(c) == 0xBB ||
            static_cast<unsigned char>(c) == 0xBF)) {
    }
    if (!in_) return InvalidArgumentError("文件为空", "file");
    in_.unget();
    if (c == '[') return StartArray();
    if (c == '{') {
      mode_ = Mode::kLines;
      return OkStatus();
    }
    mode_ = Mode::kCsv;
    std::vector<std::string> header;
    ASSIGN_OR_RETURN(bool any, csv_.Next(header));
    if (!any) return InvalidArgumentError("文件为空，缺少表头", "file");
    for (const std::string& name : header) {
      const int col = ColumnOf(name);
      if (col < 0) {
        return InvalidArgumentError(fmt::format("第 1 行：不认识的列“{}”", name.substr(0, 40)),
                                    "header");
      }
      columns_.push_back(col);
    }
    return OkStatus();
  }

  // False at the end.
  StatusOr<bool> Next(Record& out, size_t& line) {
    out = Record{};
    switch (mode_) {
      case Mode::kCsv: {
        std::vector<std::string> fields;
        while (true) {
          ASSIGN_OR_RETURN(bool more, csv_.Next(fields));
          if (!more) return false;
          if (!(fields.size() == 1 && fields[0].empty())) break;
        }
        line = csv_.line();
        if (fields.size() != columns_.size()) {
          return InvalidArgumentError(
              fmt::format("第 {} 行：有 {} 列，表头有 {} 列", line, fields.size(), columns_.size()),
              "file");
        }
        for (size_t i = 0; i < fields.size(); ++i) {
          if (fields[i].size() > kMaxRecordBytes) {
            return InvalidArgumentError(fmt::format("第 {} 行：内容过长", line), "file");
          }
          out[columns_[i]] = std::move(fields[i]);
        }
        return true;
      }
      case Mode::kLines: {
        std::string text;
        while (true) {
          if (!std::getline(in_, text)) return false;
          ++line_;
          if (text.size() > kMaxRecordBytes) {
            return InvalidArgumentError(fmt::format("第 {} 行：内容过长", line_), "file");
          }
          if (text.find_first_not_of(" \t\r") != std::string::npos) break;
        }
        line = line_;
        json object = json::parse(text, nullptr, false);
        RETURN_IF_ERROR(FromObject(object, out, line));
        return true;
      }
      case Mode::kArray: {
        if (next_ >= array_.size()) return false;
        line = ++next_;
        RETURN_IF_ERROR(FromObject(array_[next_ - 1], out, line));
        return true;
      }
    }
    return false;
  }

 private:
  enum class Mode { kCsv, kLines, kArray };

  Status StartArray() {
    mode_ = Mode::kArray;
    std::string text;
    text.resize(kMaxJsonArrayBytes + 1);
    in_.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in_.gcount()));
    if (text.size() > kMaxJsonArrayBytes) {
      return InvalidArgumentError("JSON 数组文件超过 64 MiB，请改用 CSV 或每行一个对象的 JSON",
                                  "file");
    }
    array_ = json::parse(text, nullptr, false);
    if (!array_.is_array()) return InvalidArgumentError("不是有效的 JSON 数组", "file");
    return OkStatus();
  }

  // A flat object of known keys, values strings, integers or null (a record
  // "line" of an array is its position, 1-based).
  static Status FromObject(const json& object, Record& out, size_t line) {
    if (!object.is_object()) {
      return InvalidArgumentError(fmt::format("第 {} 行：应为一个 JSON 对象", line), "file");
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
      const int col = ColumnOf(it.key());
      if (col < 0) {
        return InvalidArgumentError(
            fmt::format("第 {} 行：不认识的项目“{}”", line, it.key().substr(0, 40)), "file");
      }
      if (it->is_string()) {
        out[col] = it->get<std::string>();
      } else if (it->is_number_integer()) {
        out[col] = std::to_string(it->get<int64_t>());
      } else if (!it->is_null()) {
        return InvalidArgumentError(fmt::format("第 {} 行：{} 应为文字或整数", line, it.key()),
                                    std::string(it.key()));
      }
    }
    return OkStatus();
  }

  std::istream& in_;
  CsvReader csv_;
  Mode mode_ = Mode::kCsv;
  std::vector<int> columns_;
  size_t line_ = 0;
  json array_;
  size_t next_ = 0;
};

StatusOr<std::optional<Date>> OptionalDate(const std::string& text, std::string_view field) {
  if (text.empty()) return std::optional<Date>();
  ASSIGN_OR_RETURN(Date d, Date::Parse(text, field));
  return std::optional<Date>(d);
}

// One record into a complaint, checked by the rules of the portal plus those
// of a decided record.
StatusOr<ImportedRecord> ParseRecord(const Record& r, const Date& today,
                                     const ComplaintRules& rules) {
  static const std::regex kRef("[A-Za-z0-9_\\-]{1,64}");
  ImportedRecord p;
  ASSIGN_OR_RETURN(Channel channel, ParseChannel(r[kChannel]));
  if (!std::regex_match(r[kExternalRef], kRef)) {
    return InvalidArgumentError("原系统编号应为 1 至 64 个字母、数字、- 或 _", "external_ref");
  }
  NewComplaint in;
  ASSIGN_OR_RETURN(in.kind, ParseKind(r[kKind].empty() ? "complaint" : r[kKind]));
  in.channel = channel;
  in.business_uscc = r[kBusinessUscc];
  in.business_name = r[kBusinessName];
  in.region_code = r[kRegionCode];
  in.consumer_name = r[kConsumerName];
  in.consumer_phone = r[kConsumerPhone];
  in.summary = r[kSummary];
  ASSIGN_OR_RETURN(in.occurred_on, OptionalDate(r[kOccurredOn], "occurred_on"));
  in.problem_kind = r[kProblemKind];
  ASSIGN_OR_RETURN(std::optional<Date> received, OptionalDate(r[kReceivedOn], "received_on"));
  if (!received) return InvalidArgumentError("请写明收到日期", "received_on");
  if (today < *received) return InvalidArgumentError("收到日期不能晚于今天", "received_on");
  RETURN_IF_ERROR(Validate(in, *received));
  if (!in.problem_kind.empty() && rules.FindProblemKind(in.problem_kind) == nullptr) {
    return InvalidArgumentError("投诉问题类别不在规定的分类中", "problem_kind");
  }
  Complaint& c = p.c;
  c.kind = in.kind;
  c.channel = in.channel;
  c.business_uscc = in.business_uscc;
  c.business_name = in.business_name;
  c.region_code = in.region_code;
  c.consumer_name = in.consumer_name;
  c.consumer_phone = in.consumer_phone;
  c.summary = in.summary;
  c.occurred_on = in.occurred_on;
  c.problem_kind = in.problem_kind;
  c.received_on = *received;
  c.received_at = received->ToString() + "T09:00:00+08:00";
  ASSIGN_OR_RETURN(c.state, ParseState(r[kState].empty() ? "received" : r[kState]));
  if (c.state != State::kReceived && c.state != State::kNotAccepted && c.state != State::kClosed) {
    return InvalidArgumentError("导入的件只能是待受理、不予受理或已办结", "state");
  }
  ASSIGN_OR_RETURN(std::optional<Date> decided, OptionalDate(r[kDecidedOn], "decided_on"));
  ASSIGN_OR_RETURN(std::optional<Date> closed, OptionalDate(r[kClosedOn], "closed_on"));
  if (c.state == State::kReceived) {
    if (decided || closed || !r[kOutcome].empty() || !r[kReportDecision].empty() ||
        !r[kNotAcceptReason].empty()) {
      return InvalidArgumentError("待受理的件不能有决定或结果", "state");
    }
  } else {
    if (!decided) return InvalidArgumentError("已决定的件须有决定日期", "decided_on");
    if (*decided < *received || today < *decided) {
      return InvalidArgumentError("决定日期应在收到日期和今天之间", "decided_on");
    }
    c.decided_on = decided->ToString();
    c.decided_by = "import";
  }
  if (c.state == State::kNotAccepted) {
    if (rules.FindReason(r[kNotAcceptReason]) == nullptr) {
      return InvalidArgumentError("不予受理须依据规定的情形之一", "not_accept_reason");
    }
    c.not_accept_reason = r[kNotAcceptReason];
  }
  int64_t amount = 0;
  if (!r[kAmountRecovered].empty()) {
    auto [end, ec] =
        std::from_chars(r[kAmountRecovered].data(),
                        r[kAmountRecovered].data() + r[kAmountRecovered].size(), amount);
    if (ec != std::errc() || end != r[kAmountRecovered].data() + r[kAmountRecovered].size() ||
        amount < 0) {
      return InvalidArgumentError("挽回金额应为不小于 0 的整数（元）", "amount_recovered");
    }
  }
  if (c.state == State::kClosed) {
    if (!closed || *closed < *decided || today < *closed) {
      return InvalidArgumentError("办结日期应在决定日期和今天之间", "closed_on");
    }
    c.closed_on = closed->ToString();
    if (c.kind == Kind::kReport) {
      if (r[kReportDecision].empty()) {
        return InvalidArgumentError("办结的举报须有核查决定", "report_decision");
      }
      ASSIGN_OR_RETURN(ReportDecision d, ParseReportDecision(r[kReportDecision]));
      c.report_decision = d;
    } else {
      ASSIGN_OR_RETURN(Outcome o, ParseOutcome(r[kOutcome]));
      c.outcome = o;
    }
  }
  if (amount > 0 && c.outcome != Outcome::kAgreement && c.outcome != Outcome::kOdrSettled) {
    return InvalidArgumentError("只有达成调解协议的才有挽回金额", "amount_recovered");
  }
  c.amount_recovered = amount;
  p.key = fmt::format("import:{}:{}", ChannelId(c.channel), r[kExternalRef]);
  return p;
}

}  // namespace

StatusOr<std::vector<ImportedRecord>> ParseImportFile(std::istream& in, const Date& today,
                                                      const ComplaintRules& rules) {
  Reader reader(in);
  RETURN_IF_ERROR(reader.Start());
  std::vector<ImportedRecord> parsed;
  std::unordered_map<std::string, size_t> line_of;
  Record record;
  size_t line = 0;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.Next(record, line));
    if (!more) break;
    StatusOr<ImportedRecord> p = ParseRecord(record, today, rules);
    if (!p.ok()) return AtLine(line, p.status());
    p->line = line;
    auto [it, fresh] = line_of.emplace(p->key, line);
    if (!fresh) {
      return AlreadyExistsError(fmt::format("第 {} 行：原系统编号与第 {} 行重复", line, it->second),
                                "external_ref");
    }
    parsed.push_back(*std::move(p));
  }
  if (parsed.empty()) return InvalidArgumentError("文件中没有记录", "file");
  return parsed;
}

}  // namespace amr::complaints
