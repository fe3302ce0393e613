// SPDX-License-Identifier: MulanPSL-2.0
#include "names/name_snapshot.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <string_view>
#include <type_traits>

namespace amr::names {
namespace {

constexpr char kMagic[8] = {'A', 'M', 'R', 'N', 'A', 'M', 'E', 'S'};
constexpr uint32_t kByteOrder = 0x01020304;
constexpr uint64_t kFixedHeader = 8 + 4 + 4 + 8 + 8;  // magic to size
constexpr uint64_t kChecksumEnd = 8 + 4 + 4 + 8;      // the checksum covers what follows
constexpr uint32_t kMaxText = 4096;

uint64_t Rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// A fast 64-bit hash of one piece, four words at a time (not cryptographic:
// it notices damage, not forgery; the file is the server's own).
uint64_t PieceHash(const unsigned char* p, size_t n) {
  constexpr uint64_t kP1 = 0x9E3779B185EBCA87ULL, kP2 = 0xC2B2AE3D27D4EB4FULL;
  uint64_t a = kP1, b = kP2, c = 0x165667B19E3779F9ULL, d = 0x27D4EB2F165667C5ULL;
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    uint64_t w[4];
    std::memcpy(w, p + i, 32);
    a = Rotl(a + w[0] * kP2, 31) * kP1;
    b = Rotl(b + w[1] * kP2, 31) * kP1;
    c = Rotl(c + w[2] * kP2, 31) * kP1;
    d = Rotl(d + w[3] * kP2, 31) * kP1;
  }
  uint64_t h = Rotl(a, 1) + Rotl(b, 7) + Rotl(c, 12) + Rotl(d, 18) + n;
  for (; i < n; ++i) h = (h ^ p[i]) * kP1;
  return MixBits(h);
}

class Checksum {
 public:
  void Add(const void* p, size_t n) {
    h_ = MixBits(h_ ^ PieceHash(static_cast<const unsigned char*>(p), n)) + n;
  }
  uint64_t value() const { return h_; }

 private:
  uint64_t h_ = 0x243F6A8885A308D3ULL;
};

struct FileCloser {
  void operator()(FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};
using File = std::unique_ptr<FILE, FileCloser>;

Status Damaged(const std::filesystem::path& path, std::string_view why) {
  return FailedPreconditionError(fmt::format("名称索引快照 {} 不可用：{}", path.string(), why));
}

}  // namespace

// Reads and writes the private arrays of NameIndex and its tables.
class SnapshotCodec {
 public:
  // ---- writing ----
  class Sink {
   public:
    explicit Sink(FILE* f) : f_(f) {}
    void Put(const void* p, size_t n, bool checksummed = true) {
      if (n == 0) return;
      if (std::fwrite(p, 1, n, f_) != n) ok_ = false;
      if (checksummed) sum_.Add(p, n);
      bytes_ += n;
    }
    template <class T>
    void Scalar(T v) {
      Put(&v, sizeof v);
    }
    void Text(const std::string& s) {
      Scalar(static_cast<uint32_t>(s.size()));
      Put(s.data(), s.size());
    }
    template <class T>
    void Array(const T* data, size_t count) {
      Scalar(static_cast<uint64_t>(count));
      Put(data, count * sizeof(T));
      static constexpr char kZeros[8] = {};
      if (const size_t pad = (count * sizeof(T)) % 8; pad != 0) Put(kZeros, 8 - pad);
    }
    template <class V>
    void Vec(const V& v) {
      Array(v.data(), v.size());
    }
    bool ok() const { return ok_; }
    uint64_t bytes() const { return bytes_; }
    uint64_t checksum() const { return sum_.value(); }

   private:
    FILE* f_;
    Checksum sum_;
    uint64_t bytes_ = 0;
    bool ok_ = true;
  };

  static void WriteArrays(const NameIndex& x, Sink& out) {
    out.Vec(x.arena_);
    out.Vec(x.entries_);
    WriteSet(x.by_key_, out);
    WriteSet(x.city_trade_, out);
    out.Vec(x.trade_head_);
    out.Vec(x.pinyin_.slots_);
    out.Scalar(static_cast<uint64_t>(x.pinyin_.size_));
    WriteMap(x.city_piece_, out);
    out.Vec(x.piece_nodes_);
    out.Vec(x.trade_text_);
    out.Vec(x.trade_off_);
    WriteSet(x.trade_ids_, out);
    std::string blob;
    std::vector<uint32_t> offsets{0};
    for (const std::string& s : x.strs16_) {
      blob += s;
      offsets.push_back(static_cast<uint32_t>(blob.size()));
    }
    out.Vec(blob);
    out.Vec(offsets);
    out.Vec(x.section_of_);
  }

  static std::shared_mutex& Mutex(const NameIndex& x) { return x.mu_; }

  // ---- reading ----
  class Source {
   public:
    Source(FILE* f, uint64_t size, uint64_t read) : f_(f), size_(size), read_(read) {}
    bool Get(void* p, size_t n) {
      if (n == 0) return true;
      if (n > size_ - read_ || std::fread(p, 1, n, f_) != n) return false;
      sum_.Add(p, n);
      read_ += n;
      return true;
    }
    template <class T>
    bool Scalar(T& v) {
      return Get(&v, sizeof v);
    }
    // A count is trusted only as far as the bytes left in the file.
    template <class V>
    bool Vec(V& v) {
      using T = typename V::value_type;
      uint64_t count = 0;
      if (!Scalar(count) || count > (size_ - read_) / sizeof(T)) return false;
      v.resize(count);
      if (!Get(v.data(), count * sizeof(T))) return false;
      char pad[8];
      const size_t rest = (count * sizeof(T)) % 8;
      return rest == 0 || Get(pad, 8 - rest);
    }
    bool Text(std::string& s) {
      uint32_t n = 0;
      if (!Scalar(n) || n > kMaxText || n > size_ - read_) return false;
      s.resize(n);
      return Get(s.data(), n);
    }
    bool at_end() const { return read_ == size_; }
    uint64_t checksum() const { return sum_.value(); }

   private:
    FILE* f_;
    uint64_t size_, read_;
    Checksum sum_;
  };

  // Reads into `x` (not yet shared with any reader); "" or why not. Validate next.
  static std::string ReadArrays(NameIndex& x, Source& in) {
    std::string blob;
    std::vector<uint32_t> offsets;
    const bool read = in.Vec(x.arena_) && in.Vec(x.entries_) && ReadSet(x.by_key_, in) &&
                      ReadSet(x.city_trade_, in) && in.Vec(x.trade_head_) &&
                      ReadPairs(x.pinyin_, in) && ReadMap(x.city_piece_, in) &&
                      in.Vec(x.piece_nodes_) && in.Vec(x.trade_text_) && in.Vec(x.trade_off_) &&
                      ReadSet(x.trade_ids_, in) && in.Vec(blob) && in.Vec(offsets) &&
                      in.Vec(x.section_of_);
    if (!read) return "文件不完整（截断或长度字段损坏）";
    if (!in.at_end()) return "文件末尾有多余内容";
    if (offsets.empty() || offsets.front() != 0 || offsets.back() != blob.size() ||
        offsets.size() - 1 > NameIndex::kNone16) {
      return "字符串表损坏";
    }
    x.strs16_.clear();
    for (size_t i = 0; i + 1 < offsets.size(); ++i) {
      if (offsets[i] > offsets[i + 1]) return "字符串表损坏";
      x.strs16_.emplace_back(blob, offsets[i], offsets[i + 1] - offsets[i]);
    }
    return "";
  }

  // Every id and offset within what it points into, chains only to older
  // entries (so every walk ends), tables with room to end every probe.
  static std::string Validate(NameIndex& x) {
    const size_t strs = x.strs16_.size();
    if (x.section_of_.size() != strs) return "门类表与字符串表不符";
    for (uint16_t s : x.section_of_) {
      if (s != NameIndex::kNone16 && s >= strs) return "门类表越界";
    }
    size_t trades = 0;
    if (!x.trade_off_.empty()) {
      trades = x.trade_off_.size() - 1;
      if (x.trade_off_.front() != 0 || x.trade_off_.back() != x.trade_text_.size()) {
        return "字号表损坏";
      }
      for (size_t i = 0; i < trades; ++i) {
        if (x.trade_off_[i] > x.trade_off_[i + 1]) return "字号表损坏";
      }
    }
    const size_t entries = x.entries_.size();
    if (entries >= NameIndex::kDirect || x.piece_nodes_.size() >= NameIndex::kDirect ||
        trades >= NameIndex::kDirect) {
      return "条目过多";
    }
    if (x.trade_head_.size() != trades) return "字号链表与字号表不符";
    for (uint32_t h : x.trade_head_) {
      if (h != NameIndex::kNone && h >= entries) return "字号链表越界";
    }
    size_t live = 0;
    for (size_t i = 0; i < entries; ++i) {
      const NameIndex::Entry& e = x.entries_[i];
      const uint64_t off = (uint64_t{e.text_hi} << 32) | e.text_lo;
      const uint64_t len = uint64_t{e.key_len} + e.name_len + e.uscc_len;
      if (off > x.arena_.size() || len > x.arena_.size() - off) return "条目文本越界";
      if ((e.flags & ~(NameIndex::kAlive | NameIndex::kUsccIsKey | NameIndex::kNameFromParts)) !=
          0) {
        return "条目标志损坏";
      }
      for (uint16_t s : {e.city, e.term, e.group, e.code, e.form, e.region}) {
        if (s >= strs) return "条目字符串越界";
      }
      if (e.trade >= trades) return "条目字号越界";
      if ((e.next_city_trade != NameIndex::kNone && e.next_city_trade >= i) ||
          (e.next_trade != NameIndex::kNone && e.next_trade >= i)) {
        return "条目链表损坏";
      }
      live += (e.flags & NameIndex::kAlive) != 0;
    }
    if (!NodesValid(x.piece_nodes_, entries)) return "节点链表损坏";
    if (!PairsValid(x.pinyin_, trades) ||
        !MapValid(x.city_piece_, x.piece_nodes_.size(), entries) ||
        !SetValid(x.city_trade_, entries) || !SetValid(x.by_key_, entries) ||
        !SetValid(x.trade_ids_, trades)) {
      return "哈希表损坏";
    }
    if (x.by_key_.size() != live) return "有效条目数与键表不符";
    x.live_ = live;
    x.RebuildStr16Map();
    return "";
  }

 private:
  static void WriteMap(const FlatMap64& m, Sink& out) {
    out.Vec(m.keys_);
    out.Vec(m.vals_);
    out.Scalar(static_cast<uint64_t>(m.size_));
  }
  static void WriteSet(const FlatIdSet& s, Sink& out) {
    out.Vec(s.ids_);
    out.Vec(s.tags_);
    out.Scalar(static_cast<uint64_t>(s.size_));
  }
  static bool ReadMap(FlatMap64& m, Source& in) {
    uint64_t size = 0;
    if (!in.Vec(m.keys_) || !in.Vec(m.vals_) || !in.Scalar(size)) return false;
    m.size_ = size;
    return true;
  }
  static bool ReadPairs(FlatPairs& p, Source& in) {
    uint64_t size = 0;
    if (!in.Vec(p.slots_) || !in.Scalar(size)) return false;
    p.size_ = size;
    return true;
  }
  static bool ReadSet(FlatIdSet& s, Source& in) {
    uint64_t size = 0;
    if (!in.Vec(s.ids_) || !in.Vec(s.tags_) || !in.Scalar(size)) return false;
    s.size_ = size;
    return true;
  }
  // Capacity zero or a power of two, the count right, at most three quarters
  // full (so every probe meets an empty slot), every value below `limit`.
  static bool Shape(size_t capacity, size_t size) {
    if (capacity == 0) return size == 0;
    return (capacity & (capacity - 1)) == 0 && size * 4 <= capacity * 3;
  }
  // A link of a chain: kNone, kDirect | an item, or a node (only an older
  // one from a node, so every walk ends).
  static bool LinkValid(uint32_t v, size_t nodes, size_t items) {
    if (v == NameIndex::kNone) return true;
    if (v & NameIndex::kDirect) return (v & ~NameIndex::kDirect) < items;
    return v < nodes;
  }
  static bool NodesValid(const std::vector<NameIndex::Node>& nodes, size_t items) {
    for (size_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i].item >= items || !LinkValid(nodes[i].next, i, items)) return false;
    }
    return true;
  }
  static bool MapValid(const FlatMap64& m, size_t nodes, size_t items) {
    if (m.keys_.size() != m.vals_.size() || !Shape(m.vals_.size(), m.size_)) return false;
    size_t used = 0;
    for (uint32_t v : m.vals_) {
      if (v == FlatMap64::kNone) continue;
      if (!LinkValid(v, nodes, items)) return false;
      ++used;
    }
    return used == m.size_;
  }
  static bool PairsValid(const FlatPairs& p, size_t limit) {
    if (!Shape(p.slots_.size(), p.size_)) return false;
    size_t used = 0;
    for (uint64_t slot : p.slots_) {
      const uint32_t v = FlatPairs::Value(slot);
      if (v == FlatPairs::kNone) continue;
      if (v >= limit) return false;
      ++used;
    }
    return used == p.size_;
  }
  static bool SetValid(const FlatIdSet& s, size_t limit) {
    if (s.ids_.size() != s.tags_.size() || !Shape(s.ids_.size(), s.size_)) return false;
    size_t used = 0;
    for (uint32_t v : s.ids_) {
      if (v == FlatIdSet::kNone) continue;
      if (v >= limit) return false;
      ++used;
    }
    return used == s.size_;
  }
};

StatusOr<uint64_t> WriteNameSnapshot(const NameIndex& index, const NameSnapshotHeader& header,
                                     const std::filesystem::path& path) {
  const std::filesystem::path tmp = path.string() + fmt::format(".tmp{}", ::getpid());
  std::vector<char> buffer(4 << 20);
  File f(std::fopen(tmp.c_str(), "wb"));
  if (f == nullptr) {
    return UnavailableError(
        fmt::format("无法写入名称索引快照 {}：{}", tmp.string(), std::strerror(errno)));
  }
  std::setvbuf(f.get(), buffer.data(), _IOFBF, buffer.size());
  SnapshotCodec::Sink out(f.get());
  const uint32_t format = header.format;
  out.Put(kMagic, sizeof kMagic, false);
  out.Put(&format, 4, false);
  out.Put(&kByteOrder, 4, false);
  const uint64_t no_checksum = 0;
  out.Put(&no_checksum, 8, false);
  {
    std::shared_lock lock(SnapshotCodec::Mutex(index));
    const uint64_t placeholder_size = 0;
    out.Put(&placeholder_size, 8, false);
    out.Scalar(header.seq);
    out.Text(header.store);
    out.Text(header.position_row);
    out.Text(header.rules);
    SnapshotCodec::WriteArrays(index, out);
  }
  // The size and the checksum, which covers the size too.
  const uint64_t size = out.bytes();
  Checksum sum;
  sum.Add(&size, 8);
  const uint64_t checksum = MixBits(sum.value() ^ out.checksum());
  bool ok = out.ok() && std::fflush(f.get()) == 0 &&
            std::fseek(f.get(), kChecksumEnd - 8, SEEK_SET) == 0 &&
            std::fwrite(&checksum, 8, 1, f.get()) == 1 && std::fwrite(&size, 8, 1, f.get()) == 1 &&
            std::fflush(f.get()) == 0 && ::fsync(::fileno(f.get())) == 0;
  ok = std::fclose(f.release()) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return UnavailableError(fmt::format("无法写入名称索引快照 {}：{}", path.string(), why));
  }
  // The rename itself survives a crash once the folder is flushed.
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  if (int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  return size;
}

namespace {

struct Opened {
  File file;
  uint64_t size = 0;
  uint64_t checksum = 0;
  NameSnapshotHeader header;
  std::unique_ptr<SnapshotCodec::Source> source;
};

StatusOr<Opened> Open(const std::filesystem::path& path) {
  std::error_code ec;
  const uint64_t actual = std::filesystem::file_size(path, ec);
  if (ec) return NotFoundError(fmt::format("名称索引快照 {} 不存在", path.string()));
  Opened o;
  o.file.reset(std::fopen(path.c_str(), "rb"));
  if (o.file == nullptr) {
    return NotFoundError(
        fmt::format("名称索引快照 {} 无法打开：{}", path.string(), std::strerror(errno)));
  }
  char fixed[kFixedHeader];
  if (actual < kFixedHeader || std::fread(fixed, 1, kFixedHeader, o.file.get()) != kFixedHeader) {
    return Damaged(path, "文件头不完整");
  }
  uint32_t format = 0, order = 0;
  std::memcpy(&format, fixed + 8, 4);
  std::memcpy(&order, fixed + 12, 4);
  std::memcpy(&o.checksum, fixed + 16, 8);
  std::memcpy(&o.size, fixed + 24, 8);
  if (std::memcmp(fixed, kMagic, sizeof kMagic) != 0 || order != kByteOrder) {
    return Damaged(path, "不是名称索引快照");
  }
  if (format != kNameSnapshotFormat) {
    return Damaged(path, fmt::format("格式版本 {}，本程序为 {}", format, kNameSnapshotFormat));
  }
  if (o.size != actual) {
    return Damaged(
        path, fmt::format("文件长度 {} 字节，文件头记为 {} 字节（截断或损坏）", actual, o.size));
  }
  o.header.format = format;
  // The checksum covers the size, the position and everything after them.
  o.source = std::make_unique<SnapshotCodec::Source>(o.file.get(), o.size, kFixedHeader);
  auto& in = *o.source;
  if (!in.Scalar(o.header.seq) || !in.Text(o.header.store) || !in.Text(o.header.position_row) ||
      !in.Text(o.header.rules)) {
    return Damaged(path, "文件头损坏");
  }
  return o;
}

}  // namespace

StatusOr<NameSnapshotHeader> ReadNameSnapshotHeader(const std::filesystem::path& path) {
  ASSIGN_OR_RETURN(Opened o, Open(path));
  return o.header;
}

StatusOr<NameSnapshotHeader> ReadNameSnapshot(const std::filesystem::path& path, NameIndex& index) {
  index.Clear();
  ASSIGN_OR_RETURN(Opened o, Open(path));
  std::unique_lock lock(SnapshotCodec::Mutex(index));
  std::string why = SnapshotCodec::ReadArrays(index, *o.source);
  if (why.empty()) {
    Checksum sum;
    sum.Add(&o.size, 8);
    if (MixBits(sum.value() ^ o.source->checksum()) != o.checksum) why = "校验和不符（文件已损坏）";
  }
  if (why.empty()) why = SnapshotCodec::Validate(index);
  if (!why.empty()) {
    lock.unlock();
    index.Clear();
    return Damaged(path, why);
  }
  return o.header;
}

}  // namespace amr::names
