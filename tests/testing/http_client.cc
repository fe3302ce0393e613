// SPDX-License-Identifier: MulanPSL-2.0
#include "testing/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

namespace amr::testing {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

HttpResult Failure(std::string reason) {
  HttpResult r;
  r.body = std::move(reason);
  return r;
}

class Socket {
 public:
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  // Empty string on success, else the reason.
  std::string Connect(uint16_t port, std::chrono::milliseconds timeout) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return std::string("socket: ") + std::strerror(errno);
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      return std::string("connect: ") + std::strerror(errno);
    }
    return "";
  }
  std::string SendAll(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return std::string("send: ") + std::strerror(errno);
      data.remove_prefix(static_cast<size_t>(n));
    }
    return "";
  }
  // Reads until EOF; returns what arrived and, if reading ended on an error
  // instead, sets *error.
  std::string ReadAll(std::string* error) {
    std::string out;
    char buf[16384];
    while (true) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        *error = std::string("recv: ") + std::strerror(errno);
        return out;
      }
      if (n == 0) return out;
      out.append(buf, static_cast<size_t>(n));
    }
  }

 private:
  int fd_ = -1;
};

// Decodes a chunked body; nullopt if malformed or incomplete.
std::optional<std::string> Dechunk(std::string_view data) {
  std::string out;
  while (true) {
    size_t eol = data.find("\r\n");
    if (eol == std::string_view::npos) return std::nullopt;
    std::string size_text(data.substr(0, data.find_first_of(";\r")));
    size_t size = 0;
    try {
      size = std::stoul(size_text, nullptr, 16);
    } catch (...) {
      return std::nullopt;
    }
    data.remove_prefix(eol + 2);
    if (size == 0) return out;
    if (data.size() < size + 2) return std::nullopt;
    out.append(data.substr(0, size));
    data.remove_prefix(size + 2);
  }
}

}  // namespace

nlohmann::json HttpResult::Json() const {
  return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
}

std::string HttpResult::Header(const std::string& name) const {
  auto it = headers.find(Lower(name));
  return it == headers.end() ? "" : it->second;
}

HttpResult ParseHttpResponse(std::string_view raw, bool response_to_head) {
  size_t head_end = raw.find("\r\n\r\n");
  if (head_end == std::string_view::npos) {
    return Failure("no complete HTTP response head in " + std::to_string(raw.size()) + " bytes");
  }
  std::string_view head = raw.substr(0, head_end);
  std::string_view rest = raw.substr(head_end + 4);
  size_t eol = head.find("\r\n");
  std::string_view status_line = head.substr(0, eol);
  if (status_line.substr(0, 9) != "HTTP/1.1 " && status_line.substr(0, 9) != "HTTP/1.0 ") {
    return Failure("bad status line: " + std::string(status_line));
  }
  HttpResult r;
  try {
    r.status = std::stoi(std::string(status_line.substr(9, 3)));
  } catch (...) {
    return Failure("bad status line: " + std::string(status_line));
  }
  head = eol == std::string_view::npos ? std::string_view() : head.substr(eol + 2);
  while (!head.empty()) {
    size_t e = head.find("\r\n");
    std::string_view line = head.substr(0, e);
    head = e == std::string_view::npos ? std::string_view() : head.substr(e + 2);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name = Lower(TrimSpaces(line.substr(0, colon)));
    std::string value(TrimSpaces(line.substr(colon + 1)));
    auto [it, inserted] = r.headers.emplace(name, value);
    if (!inserted) it->second += ", " + value;
  }
  if (response_to_head) {
    r.body = std::string(rest);  // Nothing may follow; tests check it is empty.
  } else if (Lower(r.Header("transfer-encoding")).find("chunked") != std::string::npos) {
    std::optional<std::string> body = Dechunk(rest);
    if (!body) return Failure("malformed chunked body");
    r.body = *std::move(body);
  } else if (std::string cl = r.Header("content-length"); !cl.empty()) {
    size_t n = 0;
    try {
      n = std::stoul(cl);
    } catch (...) {
      return Failure("bad Content-Length: " + cl);
    }
    if (rest.size() < n) {
      return Failure("body shorter than Content-Length: " + std::to_string(rest.size()) + " < " +
                     cl);
    }
    r.body = std::string(rest.substr(0, n));
  } else {
    r.body = std::string(rest);
  }
  return r;
}

std::string HttpRawExchange(uint16_t port, std::string_view bytes,
                            std::chrono::milliseconds timeout) {
  Socket s;
  if (std::string err = s.Connect(port, timeout); !err.empty()) return "";
  // The server may answer and close before taking everything: read anyway.
  (void)s.SendAll(bytes);
  std::string error;
  return s.ReadAll(&error);
}

HttpResult HttpRequest(uint16_t port, std::string method, std::string target, std::string body,
                       std::vector<std::pair<std::string, std::string>> headers) {
  std::string req = method + " " + target + " HTTP/1.1\r\n";
  req += "Host: 127.0.0.1:" + std::to_string(port) + "\r\nConnection: close\r\n";
  bool needs_length = !body.empty() || method == "POST" || method == "PUT" || method == "PATCH";
  for (const auto& [name, value] : headers) {
    if (Lower(name) == "content-length" || Lower(name) == "transfer-encoding") {
      needs_length = false;
    }
    req += name + ": " + value + "\r\n";
  }
  if (needs_length) req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  req += "\r\n";
  req += body;

  Socket s;
  if (std::string err = s.Connect(port, std::chrono::seconds(30)); !err.empty()) {
    return Failure(err);
  }
  std::string send_error = s.SendAll(req);
  std::string read_error;
  std::string raw = s.ReadAll(&read_error);
  if (raw.empty()) {
    return Failure("no response" + (send_error.empty() ? "" : "; " + send_error) +
                   (read_error.empty() ? "" : "; " + read_error));
  }
  return ParseHttpResponse(raw, /*response_to_head=*/method == "HEAD");
}

bool CanConnect(uint16_t port) {
  Socket s;
  return s.Connect(port, std::chrono::seconds(5)).empty();
}

}  // namespace amr::testing
