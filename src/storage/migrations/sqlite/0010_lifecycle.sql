-- SPDX-License-Identifier: MulanPSL-2.0
-- 0010 lifecycle core (SQLite): the permits the bureau issued to an entity, and
-- the one record of an entity's deregistration (注销) that every kind of
-- deregistration ends with, 证照并销 included. Kept column-for-column with
-- postgresql/0010_lifecycle.sql. See docs/lifecycle.md.

-- Permits issued by the AMR (食品经营许可证, 特种设备使用登记证 …): kinds in
-- data/lifecycle/permit_kinds.csv. A permit in force is cancelled together
-- with the business licence when the entity is deregistered.
CREATE TABLE permit (
  id INTEGER PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  kind TEXT NOT NULL,
  number TEXT NOT NULL UNIQUE,
  issuer_org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  issued_on TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('valid', 'cancelled')),
  cancelled_on TEXT,
  cancel_reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX permit_uscc ON permit (uscc);

-- The deregistration of an entity (one per entity): which kind, the
-- application that ended it, the dates the reports' average is taken over,
-- and what 证照并销 cancelled with it.
CREATE TABLE deregistration_record (
  uscc TEXT PRIMARY KEY REFERENCES entity (uscc),
  kind TEXT NOT NULL CHECK (kind IN ('simplified', 'one_screen', 'ordinary', 'conversion')),
  application_ref TEXT NOT NULL,
  region_code TEXT NOT NULL,
  applied_on TEXT NOT NULL,
  deregistered_on TEXT NOT NULL,
  days INTEGER NOT NULL,  -- calendar days from applied_on to deregistered_on
  reason TEXT NOT NULL,
  license_cancelled INTEGER NOT NULL CHECK (license_cancelled IN (0, 1)),
  permits_cancelled TEXT NOT NULL,  -- JSON array of permit numbers
  permit_count INTEGER NOT NULL CHECK (typeof(permit_count) = 'integer'),
  recorded_at TEXT NOT NULL
);
CREATE INDEX deregistration_record_day ON deregistration_record (deregistered_on);

-- The business licence stops with the entity (证照并销).
ALTER TABLE license ADD COLUMN cancelled_at TEXT;
