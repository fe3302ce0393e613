// SPDX-License-Identifier: MulanPSL-2.0
// The draw's random stream (docs/draw-spec.md §3).
#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "inspection/draw/draw.h"

namespace amr::inspection {

namespace {

// randombytes_buf_deterministic's fixed nonce (libsodium randombytes.c).
constexpr unsigned char kNonce[crypto_stream_chacha20_ietf_NONCEBYTES] = {
    'L', 'i', 'b', 's', 'o', 'd', 'i', 'u', 'm', 'D', 'R', 'G'};
constexpr size_t kBlockBytes = 64;

void InitSodiumOnce() {
  static const bool kReady = [] {
    if (sodium_init() < 0) {
      std::fputs("libsodium 初始化失败\n", stderr);
      std::abort();
    }
    return true;
  }();
  (void)kReady;
}

}  // namespace

static_assert(crypto_stream_chacha20_ietf_KEYBYTES == std::tuple_size_v<Seed>);
static_assert(randombytes_SEEDBYTES == std::tuple_size_v<Seed>);

DrawStream::DrawStream(const Seed& seed) : key_(seed) { InitSodiumOnce(); }

void DrawStream::Refill() {
  std::memset(buffer_.data(), 0, buffer_.size());
  crypto_stream_chacha20_ietf_xor_ic(buffer_.data(), buffer_.data(), buffer_.size(), kNonce,
                                     next_block_, key_.data());
  next_block_ += static_cast<uint32_t>(buffer_.size() / kBlockBytes);
  offset_ = 0;
}

uint64_t DrawStream::NextWord() {
  if (offset_ + 8 > buffer_.size()) Refill();
  uint64_t x = 0;
  for (int i = 7; i >= 0; --i) x = (x << 8) | buffer_[offset_ + static_cast<size_t>(i)];
  offset_ += 8;
  position_ += 8;
  return x;
}

uint64_t DrawStream::Uniform(uint64_t n) {
  // limit = 2^64 − (2^64 mod n); (0 − n) mod n is 2^64 mod n in unsigned arithmetic.
  const uint64_t rejected = (0 - n) % n;
  while (true) {
    uint64_t x = NextWord();
    if (rejected == 0 || x < 0 - rejected) return x % n;
  }
}

}  // namespace amr::inspection
