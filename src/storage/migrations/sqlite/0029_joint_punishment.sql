-- SPDX-License-Identifier: MulanPSL-2.0
-- 0029 联合惩戒 (SQLite): each query by another department's officer (the
-- party, masked for a person, and the measures answered) and what they
-- report back (docs/credit.md). Kept column-for-column with
-- postgresql/0029_joint_punishment.sql.
CREATE TABLE punishment_query (
  id INTEGER PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES app_user (id),
  org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  party_kind TEXT NOT NULL CHECK (party_kind IN ('entity', 'person')),
  party TEXT NOT NULL,     -- the USCC, or the citizen ID masked (first 4, last 4)
  measures TEXT NOT NULL,  -- JSON array of the measure ids answered
  asked_at TEXT NOT NULL
);
CREATE INDEX punishment_query_user ON punishment_query (user_id, asked_at);

CREATE TABLE punishment_feedback (
  id INTEGER PRIMARY KEY,
  query_id BIGINT NOT NULL REFERENCES punishment_query (id),
  measure_id TEXT NOT NULL,
  applied INTEGER NOT NULL CHECK (applied IN (0, 1)),
  note TEXT NOT NULL DEFAULT '',
  reported_at TEXT NOT NULL,
  UNIQUE (query_id, measure_id)
);
