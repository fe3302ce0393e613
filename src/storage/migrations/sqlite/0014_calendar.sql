-- SPDX-License-Identifier: MulanPSL-2.0
-- 0014 calendar (SQLite): the working-day calendar as data an administrator
-- maintains, and the deadlines counted on it. Kept column-for-column with
-- postgresql/0014_calendar.sql. See src/calendar/ and docs/operations.md.

-- One entered year of the State Council's holiday notice. source: shipped
-- (seeded from data/calendar.csv) | entered (by an administrator). revision:
-- the calendar-wide revision of the year's last change; every server reloads
-- the calendar when the highest revision grows.
CREATE TABLE calendar_year (
  year INTEGER PRIMARY KEY,
  version BIGINT NOT NULL,
  revision BIGINT NOT NULL,
  notice TEXT NOT NULL DEFAULT '',  -- the notice's number, e.g. 国办发明电〔2025〕7号
  source TEXT NOT NULL CHECK (source IN ('shipped', 'entered')),
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL
);

-- The days of the current version of each year.
CREATE TABLE calendar_day (
  date TEXT PRIMARY KEY,  -- YYYY-MM-DD
  year INTEGER NOT NULL REFERENCES calendar_year (year),
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'makeup_workday')),
  name TEXT NOT NULL
);
CREATE INDEX calendar_day_year ON calendar_day (year);

-- Every version of every year as it was entered (days as a JSON array).
CREATE TABLE calendar_year_version (
  year INTEGER NOT NULL,
  version BIGINT NOT NULL,
  notice TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  days TEXT NOT NULL,
  moved_deadlines BIGINT NOT NULL DEFAULT 0,  -- open deadlines the change moved
  PRIMARY KEY (year, version)
);

-- A statutory time limit counted on the calendar (codes/deadline.h), open
-- until its context closes it. The rule and start are kept so that entering a
-- year recomputes every open deadline counted through it.
--   kind: what the limit is ("inspection.result"), subject: whose ("visit:42").
--   org_unit_path: the unit whose staff see it (scope), '' if none.
--   previous_due_on / moved_at: the last recomputation that moved it.
CREATE TABLE deadline (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  org_unit_path TEXT NOT NULL DEFAULT '',
  start_on TEXT NOT NULL,
  rule TEXT NOT NULL,
  extension INTEGER NOT NULL DEFAULT 0,
  suspensions TEXT NOT NULL DEFAULT '[]',
  due_on TEXT NOT NULL,
  provisional INTEGER NOT NULL CHECK (provisional IN (0, 1)),
  calendar_revision BIGINT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  previous_due_on TEXT,
  moved_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (kind, subject)
);
CREATE INDEX deadline_open_due ON deadline (state, due_on);
