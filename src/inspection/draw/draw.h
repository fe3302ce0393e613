// SPDX-License-Identifier: MulanPSL-2.0
// The verifiable draw of 双随机、一公开 (docs/draw-spec.md is the normative
// description; this header states the contracts). Pure computation: no store,
// no clock, no unseeded randomness. Anyone holding the published pool, the task
// id and the witness's entropy recomputes the same seed, the same selection
// and the same officer assignment.
//
//   1. Pool: the eligible targets sorted by key (bytewise), one credit class
//      each. PoolHash = SHA-256 of the canonical text, lowercase hex.
//   2. Seed = SHA-256 of the length-prefixed task id, pool hash and entropy.
//   3. DrawStream: the ChaCha20 keystream of randombytes_buf_deterministic
//      over the seed, read as a continuous byte stream.
//   4. SampleStrata: per credit class A, B, C, D in that order, a count by
//      randomised rounding of ratio × stratum size, then a partial
//      Fisher–Yates shuffle of the stratum's pool indices.
//   5. AssignOfficers: on the same stream, per visit in order, the least-loaded
//      eligible officers with random tie-breaking, then a deterministic repair
//      that moves visits from heavy to light officers while any move helps.
//
// Used by: the task store (draw, `amr draw verify`), the public draw endpoint,
// and the offline CLI (`amr draw sample`, draw_cli.h).
//
// Thread-safety: functions are pure; a DrawStream is a mutable object, one per
// draw, not shared between threads.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace amr::inspection {

// ---------------------------------------------------------------- pool

// The four credit-risk classes (DOMAIN §5): A 低, B 一般, C 较高, D 高.
inline constexpr std::array<char, 4> kCreditClasses = {'A', 'B', 'C', 'D'};

// One eligible target. `uscc` is the target's key: the USCC for an entity, or
// the key of an imported target (product, project, premises). A key is 1 to 64
// bytes of printable ASCII (0x21–0x7E) other than ','. credit_class is one of
// 'A', 'B', 'C', 'D'.
struct PoolEntry {
  std::string uscc;
  char credit_class = 0;

  friend bool operator==(const PoolEntry&, const PoolEntry&) = default;
};

// Checks that `pool` is canonical: non-empty, every key and class valid, keys
// strictly ascending (bytewise, so no duplicates). InvalidArgument naming the
// offending key otherwise (field "pool").
Status CheckPool(std::span<const PoolEntry> pool);

// Sorts `entries` by key and checks them as CheckPool does. A key listed twice
// is InvalidArgument naming the key (field "pool").
StatusOr<std::vector<PoolEntry>> CanonicalPool(std::vector<PoolEntry> entries);

// Parses the pool file format: one `key,class` per line; blank lines and lines
// starting with '#' are skipped; a trailing '\r' is dropped; spaces around the
// two fields are trimmed. The result is canonical (sorted, checked). Errors
// name the 1-based line number (field "pool").
StatusOr<std::vector<PoolEntry>> ParsePool(std::string_view text);

// The pool's canonical text: for each entry in order, `key,class\n` (no header,
// final newline included). Precondition: CheckPool(pool) is OK.
std::string CanonicalPoolText(std::span<const PoolEntry> pool);

// Lowercase hex SHA-256 (64 characters) of CanonicalPoolText(pool), computed
// incrementally (no copy of the text). Precondition: CheckPool(pool) is OK.
std::string PoolHash(std::span<const PoolEntry> pool);

// A pool checked once, with its hash: what a task publishes. Draws on it
// (SampleStrata, DrawSample) neither re-check nor re-hash it, so a pool can be
// checked when it is published and drawn from many times; a draw on a plain
// span of entries still checks it first. The only way to obtain one is Check,
// so holding a CheckedPool means the check passed. It views the entries: they
// must outlive it and stay unchanged.
class CheckedPool {
 public:
  // CheckPool, then PoolHash and the strata. Errors: CheckPool's, and a pool of
  // more than 2^32 − 1 entries (InvalidArgument, field "pool").
  static StatusOr<CheckedPool> Check(std::span<const PoolEntry> pool);

  std::span<const PoolEntry> entries() const { return entries_; }
  size_t size() const { return entries_.size(); }
  // PoolHash(entries()).
  const std::string& hash() const { return hash_; }
  // The stratum of class c (A=0 … D=3): the pool positions of its entries,
  // ascending.
  std::span<const uint32_t> stratum(size_t c) const { return strata_[c]; }

 private:
  explicit CheckedPool(std::span<const PoolEntry> entries) : entries_(entries) {}

  std::span<const PoolEntry> entries_;
  std::string hash_;
  std::array<std::vector<uint32_t>, 4> strata_;
};

// ---------------------------------------------------------------- seed

using Seed = std::array<uint8_t, 32>;

// SHA-256 over, in order, for each of task_id, pool_hash_hex, entropy: its
// byte length as 8 bytes big-endian, then its bytes (UTF-8 as given, no
// normalisation). The pool hash enters as its 64 lowercase hex characters.
Seed DrawSeed(std::string_view task_id, std::string_view pool_hash_hex, std::string_view entropy);

// Lowercase hex (64 characters) and back. SeedFromHex: InvalidArgument unless
// exactly 64 hex digits (either case).
std::string SeedHex(const Seed& seed);
StatusOr<Seed> SeedFromHex(std::string_view hex);

// ---------------------------------------------------------------- stream

// The byte stream S = randombytes_buf_deterministic(∞, seed): the IETF
// ChaCha20 keystream with key = seed, nonce = "LibsodiumDRG", block counter
// from 0. Reading n bytes and then m bytes yields bytes [0, n) and [n, n + m)
// of S: the first N bytes always equal randombytes_buf_deterministic(N, seed).
// (Implemented with crypto_stream_chacha20_ietf_xor_ic, block by block.)
class DrawStream {
 public:
  explicit DrawStream(const Seed& seed);

  // The next 8 bytes of S as a little-endian unsigned integer.
  uint64_t NextWord();

  // Uniform in [0, n), exactly; precondition n >= 1. Reads words x until
  // x < 2^64 − (2^64 mod n), returns x mod n. Always reads at least one word
  // (also when n == 1).
  uint64_t Uniform(uint64_t n);

  // Bytes of S consumed so far (a multiple of 8).
  uint64_t position() const { return position_; }

 private:
  void Refill();

  Seed key_;
  uint32_t next_block_ = 0;
  std::array<uint8_t, 4096> buffer_{};
  size_t offset_ = sizeof(buffer_);
  uint64_t position_ = 0;
};

// ---------------------------------------------------------------- ratios

// Inspection ratio per credit class in millionths (0 … 1,000,000), indexed
// A=0, B=1, C=2, D=3. Exact integers so that every implementation computes the
// same counts.
struct Ratios {
  std::array<uint32_t, 4> ppm{};

  // "A=0.05,B=0.1,C=0.3,D=0.8": each class exactly once, any order, a decimal
  // in [0, 1] with at most 6 fractional digits (or "1", "0"). InvalidArgument
  // naming the class (field "ratio") otherwise.
  static StatusOr<Ratios> Parse(std::string_view text);
  // From fractions in [0, 1] (e.g. an editable table): rounded to the nearest
  // millionth. InvalidArgument naming the class outside [0, 1] or NaN.
  static StatusOr<Ratios> FromFractions(double a, double b, double c, double d);

  // "A=0.05,B=0.1,C=0.3,D=0.8" (shortest decimal, the inverse of Parse).
  std::string ToString() const;
};

// Index 0–3 of a credit class, or -1.
int CreditClassIndex(char credit_class);

// ---------------------------------------------------------------- sampling

// Exact uniform sampling without replacement per stratum. For each class A, B,
// C, D in that order (also when its stratum is empty), with n = stratum size
// and r = ratio in ppm: q = floor(r·n / 10^6), rem = r·n mod 10^6,
// u = stream.Uniform(10^6), k = q + (u < rem ? 1 : 0). Randomised rounding: every
// entity's inclusion probability is exactly r / 10^6 and the count is within
// one of ratio × n (ceil would over-inspect small A strata, floor or round
// would give every entity of a small stratum no chance at all). Then a partial
// Fisher–Yates over the stratum's pool indices in pool order a[0..n): for
// i = 0 … k−1, j = i + stream.Uniform(n − i), swap a[i] and a[j], select a[i].
// Returns the selected pool indices sorted ascending.
// Errors: a ratio above 10^6 ppm (InvalidArgument, field "ratio"); on a span,
// first CheckedPool::Check's.
StatusOr<std::vector<size_t>> SampleStrata(const CheckedPool& pool, const Ratios& ratios,
                                           DrawStream& stream);
StatusOr<std::vector<size_t>> SampleStrata(std::span<const PoolEntry> pool, const Ratios& ratios,
                                           DrawStream& stream);

// Steps 1–4 together, as the task draw, `amr draw verify` and `amr draw sample`
// run them. `stream` is left positioned after sampling, ready for
// AssignOfficers.
struct SampleResult {
  std::string pool_hash;
  Seed seed{};
  std::vector<size_t> selected;  // pool indices, ascending
};
StatusOr<SampleResult> DrawSample(std::string_view task_id, const CheckedPool& pool,
                                  const Ratios& ratios, std::string_view entropy,
                                  DrawStream* stream_out = nullptr);
// The same on entries not yet checked: CheckedPool::Check first.
StatusOr<SampleResult> DrawSample(std::string_view task_id, std::span<const PoolEntry> pool,
                                  const Ratios& ratios, std::string_view entropy,
                                  DrawStream* stream_out = nullptr);

// ---------------------------------------------------------------- officers

// An officer who may be assigned: the caller passes only active officers (not
// on leave) of the departments taking part.
struct OfficerCandidate {
  int64_t id = 0;
  std::string department;  // department code/name; compared exactly
  int64_t station = 0;     // org unit of the officer's station (所/队)
};

// One visit (one entity, all items of the task for it: 进一次门、查多项事).
// An officer is eligible iff department ∈ departments, and station ∈ stations
// when stations is non-empty, and the officer is in neither conflicted_officers
// (declared 回避) nor last_inspectors (who inspected this entity last time).
struct VisitRequest {
  std::string uscc;
  std::vector<std::string> departments;  // non-empty
  std::vector<int64_t> stations;         // empty = any station
  std::vector<int64_t> conflicted_officers;
  std::vector<int64_t> last_inspectors;
};

// The visits of AssignOfficers as flat arrays, for large draws: a visit's
// departments are small ids into department_names(), its stations, conflicted
// officers and last inspectors are ranges of one shared array, and its key is a
// view. Once reserved, adding a visit allocates nothing. The text of the keys
// and department names is not copied: it must outlive the list.
class VisitList {
 public:
  // Room for `visits` visits holding `numbers` stations, conflicted officers
  // and last inspectors in all.
  void Reserve(size_t visits, size_t numbers);

  // Appends a visit with the meaning of VisitRequest's fields.
  void Add(std::string_view key, std::span<const std::string_view> departments,
           std::span<const int64_t> stations, std::span<const int64_t> conflicted_officers,
           std::span<const int64_t> last_inspectors);
  // The same, viewing a VisitRequest's strings.
  void Add(const VisitRequest& visit);

  size_t size() const { return visits_.size(); }
  std::string_view key(size_t v) const { return visits_[v].key; }
  // The first visit whose key is not above the previous visit's (bytewise), or
  // size() when the keys ascend strictly. Checked as visits are added, while
  // their keys are in cache.
  size_t first_unordered() const { return first_unordered_.value_or(visits_.size()); }
  // Indices into department_names(), as given (not sorted, not deduplicated).
  std::span<const uint32_t> departments(size_t v) const {
    return std::span<const uint32_t>(department_refs_)
        .subspan(visits_[v].departments, visits_[v].department_count);
  }
  std::span<const std::string_view> department_names() const { return department_names_; }
  std::span<const int64_t> stations(size_t v) const { return Numbers(v, 0); }
  std::span<const int64_t> conflicted_officers(size_t v) const { return Numbers(v, 1); }
  std::span<const int64_t> last_inspectors(size_t v) const { return Numbers(v, 2); }

 private:
  struct Visit {
    std::string_view key;
    uint32_t departments = 0;  // first index into department_refs_
    uint32_t department_count = 0;
    size_t numbers = 0;                // first index into numbers_
    std::array<uint32_t, 3> counts{};  // stations, conflicted, last inspectors
  };
  std::span<const int64_t> Numbers(size_t v, size_t which) const;
  uint32_t DepartmentRef(std::string_view name);

  std::vector<Visit> visits_;
  std::vector<uint32_t> department_refs_;
  std::vector<std::string_view> department_names_;
  std::vector<int64_t> numbers_;
  std::optional<size_t> first_unordered_;
};

// officer_ids holds per_visit ids per visit: visit i's officers are
// [i·per_visit, (i+1)·per_visit), ascending. loads[j] is the number of visits
// of officers[j] (same order as the officers argument).
struct Assignment {
  int per_visit = 0;
  std::vector<int64_t> officer_ids;
  std::vector<int64_t> loads;

  std::span<const int64_t> OfficersOf(size_t visit) const {
    return std::span<const int64_t>(officer_ids)
        .subspan(visit * static_cast<size_t>(per_visit), static_cast<size_t>(per_visit));
  }
};

// Assigns per_visit distinct eligible officers to every visit, on the stream
// left by SampleStrata. Visits in the order given (the caller passes them in
// pool order, ascending key; keys must be strictly ascending). Guarantees: every
// constraint holds; for officers eligible for exactly the same visits,
// max − min load ≤ 1; and no single move of a visit from an officer to an
// eligible officer not on it with a load smaller by 2 or more remains.
// Errors: per_visit < 2 InvalidArgument (field "per_visit"); no officers,
// duplicate officer ids, visits not ascending or without departments
// InvalidArgument; a visit with fewer than per_visit eligible officers
// FailedPrecondition naming the visit's key and the constraint that left too
// few (部门/站所, 回避, 上次检查人员) (field "officers").
StatusOr<Assignment> AssignOfficers(std::span<const VisitRequest> visits,
                                    std::span<const OfficerCandidate> officers, int per_visit,
                                    DrawStream& stream);
// The same on a flat visit list (same result for the same visits).
StatusOr<Assignment> AssignOfficers(const VisitList& visits,
                                    std::span<const OfficerCandidate> officers, int per_visit,
                                    DrawStream& stream);

}  // namespace amr::inspection
