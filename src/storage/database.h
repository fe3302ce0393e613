// SPDX-License-Identifier: MulanPSL-2.0
// The database: a pool of SOCI sessions on SQLite or PostgreSQL, and
// transactions that turn failures into Status values.
//
// Stores write their SQL once (parameterised, through SOCI) and run on both
// engines; only DDL differs (migrations/). Store code that uses the session
// includes <soci/soci.h> itself and links `amr_storage_soci`; this header
// keeps SOCI out of everything else.
//
// Thread-safety: Database is thread-safe. A Connection (lease) and the session
// it gives belong to one thread at a time.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::storage {

enum class Backend { kSqlite, kPostgresql };

// "sqlite" or "postgresql".
std::string_view BackendName(Backend backend);

class Database {
 public:
  // How long Acquire waits for a free pooled connection by default.
  static constexpr std::chrono::milliseconds kDefaultAcquireWait{30'000};
  // How many times Transaction runs a body that hit a concurrency conflict:
  // enough that a writer whose transactions are slowed (a loaded machine, a
  // long body) still gets through among several appending to the audit
  // chain, about 3 s of backoff in all at worst.
  static constexpr int kMaxAttempts = 12;

  // Opens `pool_size` connections (0 = default: 4) to the database named by
  // `url`:
  //   sqlite:PATH          a file, relative or absolute; parent directories are
  //                        created. Every connection uses WAL, foreign_keys=ON,
  //                        synchronous=FULL, busy_timeout=10000.
  //   sqlite::memory:      a private in-memory database (tests); pool size 1.
  //   postgresql://user@host:port/db?...  (or postgres://) handed to libpq.
  // Errors: InvalidArgument (field "db") for a URL of no known form;
  // Unavailable when the database cannot be opened or reached.
  static StatusOr<std::unique_ptr<Database>> Open(std::string_view url, int pool_size = 0);

  // Where the read transactions of a read view (ReadView) run: a read replica
  // when it is usable, otherwise the primary (storage/read_replica.h).
  // Thread-safe; Read has ReadTransaction's contract.
  class ReadRouter {
   public:
    virtual ~ReadRouter() = default;
    virtual Status Read(const std::function<Status(soci::session&)>& body) = 0;
  };

  // A Database without connections of its own: its ReadTransaction runs
  // through `router`, everything else (Transaction, Acquire, backend(),
  // pool_size()) is `primary`'s. Handed to the stores whose reads may be a
  // little behind (docs/operations.md, "A read replica"); `primary` and
  // `router` must outlive it.
  static std::unique_ptr<Database> ReadView(Database& primary, std::shared_ptr<ReadRouter> router);

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  // Closes every connection; all leases must have been returned.
  ~Database();

  Backend backend() const;
  int pool_size() const;
  // Transactions (Transaction / ReadTransaction bodies) running now.
  int open_transactions() const;
  // Transaction bodies rerun after a concurrency conflict since opening.
  long long reruns() const;

  // A leased pooled connection, returned to the pool on destruction (rolling
  // back any transaction left open). Movable, not copyable; must not outlive
  // the Database.
  class Connection {
   public:
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    ~Connection();

    soci::session& session() const;
    Backend backend() const;

   private:
    friend class Database;
    Connection(Database* db, std::size_t position);
    void Release();

    Database* db_ = nullptr;
    std::size_t position_ = 0;
  };

  // Leases a connection, waiting up to `wait` for one to come free.
  // Errors: Unavailable when none comes free in time or a lost PostgreSQL
  // connection cannot be re-established.
  StatusOr<Connection> Acquire(std::chrono::milliseconds wait = kDefaultAcquireWait);

  // Runs `body` in one write transaction (SQLite: BEGIN IMMEDIATE, so writers
  // queue instead of deadlocking on lock upgrade; PostgreSQL: SERIALIZABLE, so
  // code tested on SQLite keeps its meaning). Commits if `body` returns OK;
  // rolls back if it returns an error or throws a std::exception (converted
  // with StatusFromException, errors.h). A non-std exception is rethrown after
  // the rollback.
  //
  // A concurrency conflict (SQLite BUSY, PostgreSQL serialization failure or
  // deadlock, or any Aborted Status from `body`) rolls back and runs `body`
  // again, up to kMaxAttempts times in all, then returns Aborted. So `body`
  // may run more than once: it must not have effects outside the session.
  // Inside `body`, SOCI exceptions may simply propagate.
  //
  // Must not be called from inside another Transaction/ReadTransaction body on
  // the same Database (that would deadlock on SQLite): returns Internal.
  Status Transaction(const std::function<Status(soci::session&)>& body);

  // How a write transaction is isolated on PostgreSQL (SQLite always runs
  // one writer at a time, so both mean the same there).
  //   kSerializable:  the default, above.
  //   kReadCommitted: each statement sees what was committed before it. Only
  //     for a body whose every invariant is held by a unique key or a row lock
  //     taken before the check (e.g. 企业开办: the name's claim row,
  //     names/name_service.h; the USCC's unique key; the idempotency key's),
  //     so that concurrent writers of unrelated rows neither conflict nor
  //     rerun. A deadlock (or an Aborted from the body) still reruns it.
  enum class Isolation { kSerializable, kReadCommitted };
  Status Transaction(const std::function<Status(soci::session&)>& body, Isolation isolation);

  // Runs `body` in a read-only transaction that sees one consistent snapshot
  // (PostgreSQL: REPEATABLE READ READ ONLY; SQLite: a deferred transaction
  // with query_only set). Writes inside `body` fail. Same error and retry
  // rules as Transaction.
  Status ReadTransaction(const std::function<Status(soci::session&)>& body);

 private:
  struct Impl;
  enum class Mode { kWrite, kRead };
  explicit Database(std::unique_ptr<Impl> impl);
  Status Run(Mode mode, Isolation isolation, const std::function<Status(soci::session&)>& body);
  Status RunOnce(soci::session& session, Mode mode, Isolation isolation,
                 const std::function<Status(soci::session&)>& body);

  std::unique_ptr<Impl> impl_;
};

}  // namespace amr::storage
