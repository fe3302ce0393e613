// SPDX-License-Identifier: MulanPSL-2.0
#include "http/static_files.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>
#include <utility>
#include <vector>

#include "http/errors.h"

namespace amr::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string_view> SplitOn(std::string_view s, std::string_view seps) {
  std::vector<std::string_view> out;
  while (true) {
    size_t at = s.find_first_of(seps);
    out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return out;
    s.remove_prefix(at + 1);
  }
}

// True if `path` (canonical) lies inside `root` (canonical).
bool IsWithin(const fs::path& path, const fs::path& root) {
  auto [root_end, path_it] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

Response ServeFile(const fs::path& file, bool hashed_ok) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Response::Error(InternalError("读取静态文件失败"));
  std::ostringstream data;
  data << in.rdbuf();
  std::string name = file.filename().string();
  Response r = Response::Text(std::move(data).str(), std::string(ContentTypeFor(name)));
  bool immutable = hashed_ok && IsHashedAssetName(name);
  r.headers.emplace_back("Cache-Control", std::string(immutable ? kImmutable : kRevalidate));
  return r;
}

class StaticFiles {
 public:
  StaticFiles(fs::path dir, std::string fallback)
      : dir_(std::move(dir)), fallback_(std::move(fallback)) {}

  Response operator()(Request& req) const {
    const std::string& rel = req.Param("path");
    std::vector<std::string_view> segments;
    if (!rel.empty()) segments = SplitOn(rel, "/");
    for (std::string_view seg : segments) {
      if (seg == "." || seg == ".." || seg.find('\\') != std::string_view::npos) {
        return Response::Error(InvalidArgumentError("请求的路径不合法", "path"));
      }
      if (seg.empty()) return NotFound();
    }
    std::error_code ec;
    fs::path root = fs::canonical(dir_, ec);
    if (ec) return NotFound();
    fs::path file = root;
    for (std::string_view seg : segments) file /= std::string(seg);
    if (segments.empty()) file /= fallback_.empty() ? std::string("index.html") : fallback_;

    fs::path real = fs::weakly_canonical(file, ec);
    if (ec) return NotFound();
    if (!IsWithin(real, root)) {
      return Response::Error(InvalidArgumentError("请求的路径不合法", "path"));
    }
    if (fs::is_regular_file(real, ec)) return ServeFile(real, /*hashed_ok=*/true);

    // A client-side route of the single-page app: answer with the app.
    bool looks_like_file = !segments.empty() && segments.back().find('.') != std::string::npos;
    if (!fallback_.empty() && !looks_like_file) {
      fs::path app = fs::weakly_canonical(root / fallback_, ec);
      if (!ec && IsWithin(app, root) && fs::is_regular_file(app, ec)) {
        return ServeFile(app, /*hashed_ok=*/false);
      }
    }
    return NotFound();
  }

 private:
  static Response NotFound() { return Response::Error(NotFoundError("未找到请求的文件")); }

  fs::path dir_;
  std::string fallback_;
};

}  // namespace

std::string_view ContentTypeFor(std::string_view filename) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kTypes = {{
      {"html", "text/html; charset=utf-8"},
      {"htm", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"json", "application/json; charset=utf-8"},
      {"map", "application/json; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"ttf", "font/ttf"},
      {"txt", "text/plain; charset=utf-8"},
      {"pdf", "application/pdf"},
      {"wasm", "application/wasm"},
  }};
  size_t dot = filename.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  std::string ext = Lower(filename.substr(dot + 1));
  for (const auto& [e, type] : kTypes) {
    if (e == ext) return type;
  }
  return "application/octet-stream";
}

bool IsHashedAssetName(std::string_view filename) {
  std::vector<std::string_view> tokens = SplitOn(filename, ".-");
  if (tokens.size() < 3) return false;  // name, hash, extension at least.
  for (size_t i = 1; i + 1 < tokens.size(); ++i) {
    std::string_view t = tokens[i];
    if (t.size() < 8) continue;
    bool word = std::all_of(t.begin(), t.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
    bool digit = std::any_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    bool letter = std::any_of(t.begin(), t.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
    if (word && digit && letter) return true;
  }
  return false;
}

Handler StaticFileHandler(std::filesystem::path dir, std::string fallback_file) {
  return StaticFiles(std::move(dir), std::move(fallback_file));
}

}  // namespace amr::http
