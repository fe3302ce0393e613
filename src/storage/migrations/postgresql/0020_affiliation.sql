-- SPDX-License-Identifier: MulanPSL-2.0
-- 0020 affiliation (PostgreSQL): an entity's branches (分支机构) and its investments in
-- other market entities (对外投资), which exclude it from 简易注销 while they
-- last (市场主体登记管理条例实施细则 Art. 48). Kept column-for-column with
-- sqlite/0020_affiliation.sql. See docs/lifecycle.md (section "simplified").

-- kind branch: the entity (uscc) is the parent of the branch (other_uscc);
-- kind investment: the entity invests in other_uscc. The other entity may be
-- registered elsewhere (other_name then says who it is). ended_on is set when
-- the branch is deregistered or the investment withdrawn (the row stays); a
-- branch registered here counts as ended once its own status is deregistered.
CREATE TABLE entity_affiliation (
  id BIGSERIAL PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  kind TEXT NOT NULL CHECK (kind IN ('branch', 'investment')),
  other_uscc TEXT NOT NULL,
  other_name TEXT NOT NULL,
  started_on TEXT NOT NULL,           -- YYYY-MM-DD
  document TEXT NOT NULL DEFAULT '',  -- the record it rests on
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  ended_on TEXT,
  ended_by TEXT NOT NULL DEFAULT '',
  ended_at TEXT
);
CREATE UNIQUE INDEX entity_affiliation_link ON entity_affiliation (uscc, kind, other_uscc)
  WHERE ended_on IS NULL;
CREATE INDEX entity_affiliation_other ON entity_affiliation (other_uscc);
