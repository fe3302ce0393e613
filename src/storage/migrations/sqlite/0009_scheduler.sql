-- SPDX-License-Identifier: MulanPSL-2.0
-- 0009 scheduler (SQLite): persistent timers, see src/scheduler/ and the
-- scheduler section of docs/lifecycle.md. Kept column-for-column with
-- postgresql/0009_scheduler.sql. Times are RFC 3339 text (+08:00, seconds), which
-- sorts and compares in time order because every value has the same form.

-- One deadline: kind names the handler ("suspension.expiry"), key the business
-- fact ("suspension:42"). Written in the transaction that sets the deadline;
-- fired once, in a transaction that also runs the handler.
-- state: pending (waiting for due_at, or for next_attempt_at after a failed
-- run), fired (the handler ran; outcome says what it did), cancelled.
CREATE TABLE scheduled_timer (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  due_at TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',  -- compact JSON object for the handler
  state TEXT NOT NULL CHECK (state IN ('pending', 'fired', 'cancelled')),
  attempts BIGINT NOT NULL DEFAULT 0,  -- failed runs so far
  last_error TEXT NOT NULL DEFAULT '',
  next_attempt_at TEXT NOT NULL DEFAULT '',  -- '' = as soon as due
  fired_at TEXT NOT NULL DEFAULT '',
  fired_by TEXT NOT NULL DEFAULT '',  -- the instance ("host:pid") that fired it
  outcome TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (kind, key)
);
-- The due pending timers, oldest first.
CREATE INDEX scheduled_timer_due ON scheduled_timer (state, due_at);
