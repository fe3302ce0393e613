-- SPDX-License-Identifier: MulanPSL-2.0
-- 0028 严重违法失信名单 (PostgreSQL): proposals, the prior notice and statement,
-- the decision, the period (docs/credit.md). Kept column-for-column with
-- sqlite/0028_serious_list.sql.
-- state: proposed → noticed → listed → removed, or noticed → dropped.
CREATE TABLE serious_listing (
  id BIGSERIAL PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  category TEXT NOT NULL,
  source TEXT NOT NULL UNIQUE,  -- what it comes from ("abnormal_listing:ID")
  state TEXT NOT NULL CHECK (state IN ('proposed', 'noticed', 'listed', 'dropped', 'removed')),
  proposed_on TEXT NOT NULL,
  noticed_on TEXT NOT NULL DEFAULT '',
  statement_due TEXT NOT NULL DEFAULT '',
  statement TEXT NOT NULL DEFAULT '',
  decided_on TEXT NOT NULL DEFAULT '',
  decision_no TEXT NOT NULL DEFAULT '',
  decision_reason TEXT NOT NULL DEFAULT '',
  authority_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  listed_until TEXT NOT NULL DEFAULT '',
  removed_on TEXT NOT NULL DEFAULT '',
  removal_reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX serious_listing_uscc ON serious_listing (uscc, state);
CREATE INDEX serious_listing_state ON serious_listing (state, authority_unit_id);
