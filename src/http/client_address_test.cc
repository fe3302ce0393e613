// SPDX-License-Identifier: MulanPSL-2.0
// Addresses, trusted ranges and the client behind them: examples, then
// properties over random chains of proxies (seeded, so a failure repeats).
#include "http/client_address.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace amr::http {
namespace {

TrustedProxies Trust(std::string_view text) {
  StatusOr<TrustedProxies> t = TrustedProxies::Parse(text);
  EXPECT_TRUE(t.ok()) << text << ": " << t.status().ToString();
  return t.ok() ? *std::move(t) : TrustedProxies();
}

TEST(IpAddressTest, ParsesOnlyPlainAddresses) {
  for (std::string_view good : std::initializer_list<std::string_view>{
           "192.0.2.1", "0.0.0.0", "255.255.255.255", "::1", "::", "2001:db8::1", "fe80::1:2",
           "::ffff:192.0.2.1"}) {
    EXPECT_TRUE(IpAddress::Parse(good).has_value()) << good;
  }
  for (std::string_view bad : std::initializer_list<std::string_view>{
           "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "010.1.1.1", "0x7f.0.0.1", "1.2.3.4 ", " 1.2.3.4",
           "[::1]", "fe80::1%eth0", "1.2.3.4/8", "1.2.3.4:80", "localhost", "::g",
           "1:2:3:4:5:6:7:8:9", std::string_view("1.2.3.4\0", 8)}) {
    EXPECT_FALSE(IpAddress::Parse(bad).has_value()) << bad;
  }
}

TEST(IpAddressTest, CanonicalText) {
  EXPECT_EQ(IpAddress::Parse("::ffff:192.0.2.1")->ToString(), "192.0.2.1");
  EXPECT_EQ(IpAddress::Parse("::FFFF:c000:0201")->ToString(), "192.0.2.1");
  EXPECT_EQ(IpAddress::Parse("2001:0DB8:0:0:0:0:0:1")->ToString(), "2001:db8::1");
  EXPECT_EQ(*IpAddress::Parse("::ffff:192.0.2.1"), *IpAddress::Parse("192.0.2.1"));
  EXPECT_TRUE(IpAddress::Parse("10.1.2.3")->is_v4());
  EXPECT_FALSE(IpAddress::Parse("::1")->is_v4());
}

TEST(TrustedProxiesTest, ParsesRangesAndSingleAddresses) {
  TrustedProxies t = Trust(" 10.0.0.0/8 ,192.168.1.7, fd00::/8,::1 ");
  EXPECT_EQ(t.ToString(), "10.0.0.0/8, 192.168.1.7/32, fd00::/8, ::1/128");
  EXPECT_TRUE(t.Contains("10.255.0.1"));
  EXPECT_TRUE(t.Contains("::ffff:10.0.0.1"));  // a dual-stack socket's form
  EXPECT_TRUE(t.Contains("192.168.1.7"));
  EXPECT_FALSE(t.Contains("192.168.1.8"));
  EXPECT_FALSE(t.Contains("11.0.0.1"));
  EXPECT_TRUE(t.Contains("fdff::1"));
  EXPECT_FALSE(t.Contains("fe00::1"));
  EXPECT_TRUE(t.Contains("::1"));
  EXPECT_FALSE(t.Contains("not an address"));
  EXPECT_TRUE(Trust("").empty());
  EXPECT_TRUE(Trust("0.0.0.0/0").Contains("203.0.113.9"));
  EXPECT_FALSE(Trust("0.0.0.0/0").Contains("2001:db8::1"));
  EXPECT_TRUE(Trust("::/0").Contains("2001:db8::1"));
  EXPECT_TRUE(Trust("10.1.2.128/25").Contains("10.1.2.200"));
  EXPECT_FALSE(Trust("10.1.2.128/25").Contains("10.1.2.127"));
}

TEST(TrustedProxiesTest, RefusesWhatIsNotARangeNamingTheOption) {
  for (std::string_view bad : std::initializer_list<std::string_view>{
           "10.0.0.1/8", "10.0.0.0/33", "10.0.0.0/08", "10.0.0.0/", "/8", "10.0.0.0/8,",
           ",10.0.0.0/8", "10.0.0.0/8,,::1", "fd00::/129", "fd00::1/8", "10.0.0.0/-1",
           "10.0.0.0/+8", "10.0.0.0/8/8", "10.0.0.0 /8", "nginx", "10.0.0.0/8 ::1", "[::1]",
           "1.2.3.4:80", "fe80::1%eth0/128"}) {
    StatusOr<TrustedProxies> t = TrustedProxies::Parse(bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(t.status().field(), "trusted-proxy") << bad;
  }
  EXPECT_NE(TrustedProxies::Parse("10.0.0.1/8").status().message().find("10.0.0.1/8"),
            std::string::npos);
}

TEST(TrustedProxiesTest, IsBounded) {
  std::string list;
  for (int i = 0; i < static_cast<int>(TrustedProxies::kMaxRanges); ++i) {
    list += (i ? "," : "") + std::string("10.0.") + std::to_string(i) + ".0/24";
  }
  EXPECT_TRUE(TrustedProxies::Parse(list).ok());
  EXPECT_FALSE(TrustedProxies::Parse(list + ",10.1.0.0/24").ok());
  EXPECT_FALSE(TrustedProxies::Parse(std::string(TrustedProxies::kMaxTextBytes + 1, ' ')).ok());
}

TEST(ClientAddressTest, HeadersFromAnUntrustedPeerAreIgnored) {
  const TrustedProxies none;
  EXPECT_EQ(ClientAddress("203.0.113.5", none, "198.51.100.1", "198.51.100.2"), "203.0.113.5");
  const TrustedProxies lan = Trust("10.0.0.0/8");
  EXPECT_EQ(ClientAddress("203.0.113.5", lan, "198.51.100.1", "198.51.100.2"), "203.0.113.5");
  EXPECT_EQ(ClientAddress("203.0.113.5", lan, "10.0.0.1", std::nullopt), "203.0.113.5");
}

TEST(ClientAddressTest, TheRightMostUntrustedEntryFromATrustedPeer) {
  const TrustedProxies t = Trust("10.0.0.0/8, 127.0.0.1");
  constexpr std::nullopt_t kNone = std::nullopt;
  struct Case {
    std::string_view peer;
    std::optional<std::string_view> forwarded_for, real_ip;
    std::string_view want;
  };
  for (const Case& c : std::initializer_list<Case>{
           // One proxy: it appended the client.
           {"127.0.0.1", "198.51.100.7", kNone, "198.51.100.7"},
           // The client wrote entries of its own: they lie left of the real one.
           {"127.0.0.1", "1.1.1.1, 10.0.0.3, 198.51.100.7", kNone, "198.51.100.7"},
           // Two proxies of ours.
           {"10.0.0.2", "198.51.100.7, 10.0.0.9", kNone, "198.51.100.7"},
           // Ports and brackets some proxies add; canonical text out.
           {"10.0.0.2", "198.51.100.7:4711", kNone, "198.51.100.7"},
           {"10.0.0.2", "[2001:DB8::7]:443", kNone, "2001:db8::7"},
           {"10.0.0.2", "[2001:db8::7]", kNone, "2001:db8::7"},
           {"10.0.0.2", "::ffff:198.51.100.7", kNone, "198.51.100.7"},
           // Every entry trusted: the left-most.
           {"10.0.0.2", "10.0.0.5, 10.0.0.9", kNone, "10.0.0.5"},
           // Not an address: the nearest hop known stands.
           {"10.0.0.2", "198.51.100.7, garbage, 10.0.0.9", kNone, "10.0.0.9"},
           {"10.0.0.2", "unknown", kNone, "10.0.0.2"},
           {"10.0.0.2", "198.51.100.7,", kNone, "10.0.0.2"},
           {"10.0.0.2", "1.2.3.4:99999", kNone, "10.0.0.2"},
           // X-Real-IP only without X-Forwarded-For.
           {"10.0.0.2", kNone, " 198.51.100.8 ", "198.51.100.8"},
           {"10.0.0.2", "198.51.100.7", "198.51.100.8", "198.51.100.7"},
           {"10.0.0.2", "  ", "198.51.100.8", "198.51.100.8"},
           {"10.0.0.2", kNone, "nonsense", "10.0.0.2"},
           {"10.0.0.2", kNone, kNone, "10.0.0.2"},
       }) {
    EXPECT_EQ(ClientAddress(c.peer, t, c.forwarded_for, c.real_ip), c.want)
        << c.peer << " | " << c.forwarded_for.value_or("-") << " | " << c.real_ip.value_or("-");
  }
}

TEST(ClientAddressTest, LooksAtABoundedNumberOfHops) {
  const TrustedProxies t = Trust("10.0.0.0/8");
  std::string chain = "198.51.100.7";
  for (size_t i = 0; i < kMaxForwardedHops + 5; ++i) chain += ", 10.0.0.1";
  EXPECT_EQ(ClientAddress("10.0.0.2", t, chain, std::nullopt), "10.0.0.1");
  std::string huge(100'000, ',');
  EXPECT_EQ(ClientAddress("10.0.0.2", t, huge, std::nullopt), "10.0.0.2");
}

// --- properties ---------------------------------------------------------------

class Chains {
 public:
  explicit Chains(uint32_t seed) : rng_(seed) {}

  std::string V4(uint8_t first) {
    return std::to_string(first) + "." + std::to_string(Byte()) + "." + std::to_string(Byte()) +
           "." + std::to_string(Byte());
  }
  std::string V6(uint16_t first) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%x:%x:%x::%x", first, Word(), Word(), Word());
    return buf;
  }
  // An address outside 10.0.0.0/8 and fd00::/8.
  std::string Untrusted() {
    return Coin() ? V4(static_cast<uint8_t>(11 + Byte() % 200)) : V6(0x2001);
  }
  std::string Trusted() { return Coin() ? V4(10) : V6(0xfd00 | (Word() & 0xff)); }
  // What a client may write: addresses, trusted or not, and rubbish.
  std::string Anything() {
    switch (rng_() % 6) {
      case 0:
        return Untrusted();
      case 1:
        return Trusted();
      case 2:
        return "[" + V6(0x2001) + "]:" + std::to_string(Word());
      case 3:
        return "";
      case 4:
        return "unknown";
      default: {
        std::string s;
        for (int n = static_cast<int>(rng_() % 12); n > 0; --n) {
          s += static_cast<char>(rng_() % 95 + 32);
        }
        return s;
      }
    }
  }
  bool Coin() { return rng_() % 2 == 0; }
  size_t Below(size_t n) { return rng_() % n; }

 private:
  unsigned Byte() { return rng_() % 256; }
  unsigned Word() { return rng_() % 65536; }
  std::mt19937 rng_;
};

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

// Whatever a client writes before our proxies append, the client chosen is the
// one the first of them saw.
TEST(ClientAddressPropertyTest, WhatTheClientWritesNeverChoosesItsAddress) {
  const TrustedProxies t = Trust("10.0.0.0/8, fd00::/8");
  Chains gen(20261124);
  for (int round = 0; round < 5000; ++round) {
    std::vector<std::string> entries;
    for (size_t n = gen.Below(6); n > 0; --n) entries.push_back(gen.Anything());
    const std::string client = gen.Untrusted();
    entries.push_back(client);  // appended by our outermost proxy
    const size_t inner = gen.Below(4);
    for (size_t i = 0; i < inner; ++i) entries.push_back(gen.Trusted());
    const std::string peer = gen.Trusted();
    const std::string header = Join(entries);
    EXPECT_EQ(ClientAddress(peer, t, header, gen.Untrusted()), IpAddress::Parse(client)->ToString())
        << header;
  }
}

// From a peer outside the trusted ranges the headers never matter; from any
// peer the answer is the peer or an address the header holds, never a
// trusted one unless every entry looked at was trusted.
TEST(ClientAddressPropertyTest, TheAnswerIsThePeerOrAnEntry) {
  const TrustedProxies t = Trust("10.0.0.0/8, fd00::/8");
  Chains gen(7);
  for (int round = 0; round < 5000; ++round) {
    std::vector<std::string> entries;
    for (size_t n = gen.Below(8); n > 0; --n) entries.push_back(gen.Anything());
    const std::string header = Join(entries);
    const std::string untrusted_peer = gen.Untrusted();
    EXPECT_EQ(ClientAddress(untrusted_peer, t, header, gen.Untrusted()), untrusted_peer);

    const std::string peer = gen.Trusted();
    const std::string got = ClientAddress(peer, t, header, std::nullopt);
    bool is_entry = got == peer;
    for (const std::string& e : entries) {
      std::string_view s = e;
      if (s.starts_with('[')) s = s.substr(1, s.find(']') - 1);
      auto a = IpAddress::Parse(s);
      if (a && a->ToString() == got) is_entry = true;
    }
    EXPECT_TRUE(is_entry) << header << " → " << got;
    if (t.Contains(got) && got != peer) {
      // A trusted answer: nothing untrusted was reachable right of it.
      for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        auto a = IpAddress::Parse(*it);
        if (!a) break;
        EXPECT_TRUE(t.Contains(*a)) << header;
        if (a->ToString() == got) break;
      }
    }
  }
}

std::string V6Text(const std::array<uint8_t, 16>& b) {
  std::string s;
  for (int i = 0; i < 16; i += 2) {
    char part[8];
    std::snprintf(part, sizeof part, "%s%x", i ? ":" : "", b[i] << 8 | b[i + 1]);
    s += part;
  }
  return s;
}

std::string V4Text(const std::array<uint8_t, 16>& b) {
  return std::to_string(b[12]) + "." + std::to_string(b[13]) + "." + std::to_string(b[14]) + "." +
         std::to_string(b[15]);
}

// Containment agrees with a bit-by-bit comparison of the prefix.
TEST(ClientAddressPropertyTest, ContainsMatchesThePrefixBits) {
  std::mt19937 rng(99);
  for (int round = 0; round < 3000; ++round) {
    const bool v4 = rng() % 2 == 0;
    std::array<uint8_t, 16> net{}, probe{};
    for (auto& b : probe) b = static_cast<uint8_t>(rng());
    if (v4) {
      for (int i = 0; i < 10; ++i) probe[i] = 0;
      probe[10] = probe[11] = 0xff;
    }
    const int prefix = static_cast<int>(rng() % (v4 ? 33 : 129));
    const int bits = v4 ? prefix + 96 : prefix;
    // The network: a random address with the host bits cleared; sometimes the
    // probe's own network.
    for (auto& b : net) b = static_cast<uint8_t>(rng());
    if (rng() % 2 == 0) net = probe;
    if (v4) {
      for (int i = 0; i < 10; ++i) net[i] = 0;
      net[10] = net[11] = 0xff;
    }
    for (int bit = bits; bit < 128; ++bit)
      net[bit / 8] &= static_cast<uint8_t>(~(0x80 >> (bit % 8)));
    bool same = true;
    for (int bit = 0; bit < bits; ++bit) {
      const int m = 0x80 >> (bit % 8);
      if ((net[bit / 8] & m) != (probe[bit / 8] & m)) same = false;
    }
    const std::string text = (v4 ? V4Text(net) : V6Text(net)) + "/" + std::to_string(prefix);
    StatusOr<TrustedProxies> t = TrustedProxies::Parse(text);
    ASSERT_TRUE(t.ok()) << text << ": " << t.status().ToString();
    const std::optional<IpAddress> a = IpAddress::Parse(v4 ? V4Text(probe) : V6Text(probe));
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(t->Contains(*a), same) << text;
  }
}

}  // namespace
}  // namespace amr::http
