// SPDX-License-Identifier: MulanPSL-2.0
#include "outbox/http_post.h"

#include <asio.hpp>
#include <charconv>
#include <memory>
#include <optional>

namespace amr::outbox {
namespace {

struct Target {
  std::string host;
  std::string port = "80";
  std::string path = "/";
  std::string host_header;
};

std::optional<Target> ParseUrl(const std::string& url) {
  constexpr std::string_view kScheme = "http://";
  if (!std::string_view(url).starts_with(kScheme)) return std::nullopt;
  std::string rest = url.substr(kScheme.size());
  Target t;
  const std::size_t slash = rest.find('/');
  if (slash != std::string::npos) t.path = rest.substr(slash);
  t.host_header = rest.substr(0, slash);
  std::string authority = t.host_header;
  if (!authority.empty() && authority.front() == '[') {  // [v6]:port
    const std::size_t close = authority.find(']');
    if (close == std::string::npos) return std::nullopt;
    t.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return std::nullopt;
      t.port = authority.substr(close + 2);
    }
  } else {
    const std::size_t colon = authority.rfind(':');
    t.host = authority.substr(0, colon);
    if (colon != std::string::npos) t.port = authority.substr(colon + 1);
  }
  if (t.host.empty() || t.port.empty()) return std::nullopt;
  return t;
}

// One exchange; its callbacks run on `io` only.
struct Exchange {
  explicit Exchange(asio::io_context& io) : resolver(io), socket(io) {}
  asio::ip::tcp::resolver resolver;
  asio::ip::tcp::socket socket;
  std::string request;
  asio::streambuf answer{16384};  // the status line must fit
  PostResult result;
  bool done = false;

  void Fail(const std::string& what, const std::error_code& ec) {
    result.error = what + "：" + ec.message();
    done = true;
  }
};

int ParseStatusLine(std::string_view line) {
  // "HTTP/1.1 204 No Content"
  if (!line.starts_with("HTTP/1.")) return 0;
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos || line.size() < space + 4) return 0;
  int status = 0;
  auto [ptr, ec] = std::from_chars(line.data() + space + 1, line.data() + space + 4, status);
  if (ec != std::errc() || ptr != line.data() + space + 4 || status < 100 || status > 599) return 0;
  return status;
}

}  // namespace

PostResult PostJson(const std::string& url,
                    const std::vector<std::pair<std::string, std::string>>& headers,
                    const std::string& body, std::chrono::milliseconds timeout) {
  std::optional<Target> target = ParseUrl(url);
  if (!target) return {0, "接收地址无法解析：" + url};
  try {
    asio::io_context io;
    auto x = std::make_shared<Exchange>(io);
    x->request = "POST " + target->path + " HTTP/1.1\r\nHost: " + target->host_header +
                 "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
                 std::to_string(body.size()) +
                 "\r\nConnection: close\r\nUser-Agent: OpenAMR-outbox\r\n";
    for (const auto& [name, value] : headers) x->request += name + ": " + value + "\r\n";
    x->request += "\r\n";
    x->request += body;

    x->resolver.async_resolve(
        target->host, target->port,
        [x](const std::error_code& ec, const asio::ip::tcp::resolver::results_type& endpoints) {
          if (ec) return x->Fail("域名解析失败", ec);
          asio::async_connect(
              x->socket, endpoints, [x](const std::error_code& ec, const asio::ip::tcp::endpoint&) {
                if (ec) return x->Fail("连接失败", ec);
                asio::async_write(x->socket, asio::buffer(x->request),
                                  [x](const std::error_code& ec, std::size_t) {
                                    if (ec) return x->Fail("发送失败", ec);
                                    asio::async_read_until(
                                        x->socket, x->answer, "\r\n",
                                        [x](const std::error_code& ec, std::size_t n) {
                                          if (ec) return x->Fail("读取应答失败", ec);
                                          std::string line(asio::buffers_begin(x->answer.data()),
                                                           asio::buffers_begin(x->answer.data()) +
                                                               static_cast<std::ptrdiff_t>(n));
                                          x->result.http_status = ParseStatusLine(line);
                                          if (x->result.http_status == 0)
                                            x->result.error = "应答不是 HTTP/1.x";
                                          x->done = true;
                                        });
                                  });
              });
        });
    io.run_for(timeout);
    if (!x->done) {
      std::error_code ignored;
      x->socket.close(ignored);
      x->resolver.cancel();
      return {0, "超时：" + std::to_string(timeout.count()) + " 毫秒内未收到应答"};
    }
    return x->result;
  } catch (const std::exception& e) {
    return {0, std::string("推送失败：") + e.what()};
  }
}

}  // namespace amr::outbox
