-- SPDX-License-Identifier: MulanPSL-2.0
-- 0027 credit risk classes (PostgreSQL): each classification of an entity with
-- its points and the indicators that counted (docs/credit.md); the entity's
-- current class stays in entity.credit_class, which the draw reads. Kept
-- column-for-column with sqlite/0027_credit_risk.sql.
CREATE TABLE credit_risk (
  id BIGSERIAL PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  classified_on TEXT NOT NULL,  -- YYYY-MM-DD
  class TEXT NOT NULL CHECK (class IN ('A', 'B', 'C', 'D')),
  points INTEGER NOT NULL,
  hits TEXT NOT NULL,           -- JSON array: indicator, name, points, detail
  rule_from TEXT NOT NULL,      -- effective_from of the rule version used
  UNIQUE (uscc, classified_on)
);
CREATE INDEX credit_risk_day ON credit_risk (classified_on, class);
