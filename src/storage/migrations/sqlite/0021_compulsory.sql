-- SPDX-License-Identifier: MulanPSL-2.0
-- 0021 compulsory deregistration (SQLite): 强制注销 (公司法（2023） 第二百四十一条)
-- of a company revoked, ordered closed or whose registration was cancelled and
-- that has not deregistered for three years: the 60-day public notice, its
-- objections and the registrar's decision; deregistration_record accepts the
-- kind "compulsory". Kept column-for-column with postgresql/0021_compulsory.sql.
-- See docs/lifecycle.md (section "compulsory").

-- state: notice (公告中) → objected (异议终止) | ready (公告期满) → deregistered
-- | withdrawn (不予注销). basis: revoked | ordered_closed | cancelled, with the
-- decision's document and date. At most one open (notice, ready) per entity.
CREATE TABLE compulsory_deregistration (
  id INTEGER PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  entity_name TEXT NOT NULL,
  region_code TEXT NOT NULL,
  authority_org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  basis TEXT NOT NULL CHECK (basis IN ('revoked', 'ordered_closed', 'cancelled')),
  basis_document TEXT NOT NULL,
  basis_on TEXT NOT NULL,
  state TEXT NOT NULL
    CHECK (state IN ('notice', 'objected', 'ready', 'deregistered', 'withdrawn')),
  notice_start_on TEXT NOT NULL,
  notice_end_on TEXT NOT NULL,
  started_by TEXT NOT NULL,
  closed_reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  closed_at TEXT
);
CREATE INDEX compulsory_deregistration_uscc ON compulsory_deregistration (uscc, state);

-- Objections during the notice: anyone, with name and contact (never public).
CREATE TABLE compulsory_objection (
  id INTEGER PRIMARY KEY,
  procedure_id BIGINT NOT NULL REFERENCES compulsory_deregistration (id),
  objector_kind TEXT NOT NULL CHECK (objector_kind IN ('creditor', 'department', 'other')),
  objector_name TEXT NOT NULL,
  objector_contact TEXT NOT NULL,
  reason TEXT NOT NULL,
  filed_on TEXT NOT NULL,
  filed_at TEXT NOT NULL
);
CREATE INDEX compulsory_objection_procedure ON compulsory_objection (procedure_id);

-- deregistration_record gains the kind "compulsory" (SQLite cannot alter a
-- CHECK: the table is rebuilt with the same columns and rows).
CREATE TABLE deregistration_record_0021 (
  uscc TEXT PRIMARY KEY REFERENCES entity (uscc),
  kind TEXT NOT NULL
    CHECK (kind IN ('simplified', 'one_screen', 'ordinary', 'conversion', 'compulsory')),
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
INSERT INTO deregistration_record_0021 SELECT uscc, kind, application_ref, region_code,
  applied_on, deregistered_on, days, reason, license_cancelled, permits_cancelled, permit_count,
  recorded_at FROM deregistration_record;
DROP TABLE deregistration_record;
ALTER TABLE deregistration_record_0021 RENAME TO deregistration_record;
CREATE INDEX deregistration_record_day ON deregistration_record (deregistered_on);
