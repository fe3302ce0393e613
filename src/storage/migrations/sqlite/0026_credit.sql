-- SPDX-License-Identifier: MulanPSL-2.0
-- 0026 credit (SQLite): annual reports (each correction a new version) and
-- the 经营异常名录 with its decisions (docs/credit.md). Kept column-for-column
-- with postgresql/0026_credit.sql.
CREATE TABLE annual_report (
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  year INTEGER NOT NULL,
  version INTEGER NOT NULL,
  entity_kind TEXT NOT NULL,
  content TEXT NOT NULL,   -- JSON object: field id → value (data/credit/rules.json forms)
  withheld TEXT NOT NULL,  -- JSON array: optional fields the entity does not publish
  channel TEXT NOT NULL CHECK (channel IN ('online', 'paper')),
  filed_on TEXT NOT NULL,  -- YYYY-MM-DD of this version
  late INTEGER NOT NULL CHECK (late IN (0, 1)),  -- first filed after the window
  filed_by TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  PRIMARY KEY (uscc, year, version)
);
CREATE INDEX annual_report_year ON annual_report (year, uscc);

-- state: listed → (removal_applied →) removed. One listing per entity, reason,
-- report year and day.
CREATE TABLE abnormal_listing (
  id INTEGER PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  reason TEXT NOT NULL
    CHECK (reason IN ('no_annual_report', 'instant_info', 'false_info', 'unreachable')),
  report_year INTEGER NOT NULL DEFAULT 0,
  listed_on TEXT NOT NULL,
  decision_no TEXT NOT NULL,
  authority_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  state TEXT NOT NULL CHECK (state IN ('listed', 'removal_applied', 'removed')),
  removed_on TEXT NOT NULL DEFAULT '',
  removal_reason TEXT NOT NULL DEFAULT '',
  -- A decision on a finding: its day, evidence, source ("inspection_visit:ID"),
  -- the decision's last day (10 working days) and whether it came after.
  found_on TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  decision_due TEXT NOT NULL DEFAULT '',
  decided_late INTEGER NOT NULL DEFAULT 0 CHECK (decided_late IN (0, 1)),
  -- The entity's application to leave and the authority's refusal, if any.
  removal_applied_on TEXT NOT NULL DEFAULT '',
  removal_statement TEXT NOT NULL DEFAULT '',
  removal_due TEXT NOT NULL DEFAULT '',
  removal_refusal TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX abnormal_listing_once ON abnormal_listing (uscc, reason, report_year, listed_on);
CREATE INDEX abnormal_listing_uscc ON abnormal_listing (uscc, state);
