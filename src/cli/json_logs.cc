// SPDX-License-Identifier: MulanPSL-2.0
#include "cli/json_logs.h"

#include <fmt/chrono.h>
#include <spdlog/formatter.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>

namespace amr::cli {

namespace {

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    using std::chrono::duration_cast;
    const auto since_epoch = msg.time.time_since_epoch();
    const auto millis = duration_cast<std::chrono::milliseconds>(since_epoch).count() % 1000;
    // China time, as every other time the platform writes.
    const std::time_t t = std::chrono::system_clock::to_time_t(msg.time) + std::time_t{8 * 3600};
    std::tm tm{};
    gmtime_r(&t, &tm);
    nlohmann::json line = {
        {"time", fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}+08:00", tm, static_cast<int>(millis))},
        {"level", std::string(spdlog::level::to_string_view(msg.level).data(),
                              spdlog::level::to_string_view(msg.level).size())},
        {"logger", std::string(msg.logger_name.data(), msg.logger_name.size())},
        {"message", std::string(msg.payload.data(), msg.payload.size())}};
    // Invalid UTF-8 in a message is replaced, never a reason to lose the line.
    const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    dest.append(text.data(), text.data() + text.size());
    dest.push_back('\n');
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonFormatter>();
  }
};

}  // namespace

void UseJsonLogs() { spdlog::set_formatter(std::make_unique<JsonFormatter>()); }

}  // namespace amr::cli
