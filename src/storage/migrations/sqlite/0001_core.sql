-- SPDX-License-Identifier: MulanPSL-2.0
-- 0001 core (SQLite): change log, market entities, serial counters, org units
-- and staff. Kept column-for-column with postgresql/0001_core.sql.
-- Timestamps are RFC 3339 TEXT and dates YYYY-MM-DD TEXT on both engines;
-- booleans are INTEGER 0/1 on both, so DML is shared.
-- Declared types follow PostgreSQL's because SOCI derives soci::row types from
-- them: INTEGER reads as int and BIGINT as long long on both engines. (Ids are
-- the exception: a rowid alias must be declared INTEGER, so read ids and seqs
-- with a typed soci::into(long long).) Tables are not STRICT, which would
-- forbid BIGINT; typeof() checks reject text where PostgreSQL would.

-- Every row change other parties follow (in-memory indexes, change feed), in
-- commit order. Written only through storage::AppendChange.
CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  table_name TEXT NOT NULL,
  row_key TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  region_code TEXT NOT NULL,
  changed_at TEXT NOT NULL
);

-- Market entities (市场主体), keyed by the unified social credit code.
CREATE TABLE entity (
  uscc TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('enterprise', 'individual_business', 'cooperative')),
  org_form TEXT NOT NULL DEFAULT '',
  family_farm INTEGER NOT NULL DEFAULT 0 CHECK (family_farm IN (0, 1)),
  region_code TEXT NOT NULL,
  industry_code TEXT NOT NULL,
  legal_rep_id TEXT NOT NULL DEFAULT '',
  legal_rep_name TEXT NOT NULL DEFAULT '',
  registered_capital BIGINT  -- yuan; NULL when not applicable
    CHECK (typeof(registered_capital) IN ('integer', 'null')),
  address TEXT NOT NULL DEFAULT '',
  credit_class TEXT NOT NULL DEFAULT 'B' CHECK (credit_class IN ('A', 'B', 'C', 'D')),
  status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'deregistered', 'revoked')),
  established_on TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX entity_region ON entity (region_code);
CREATE INDEX entity_name ON entity (name);
CREATE INDEX entity_region_industry ON entity (region_code, industry_code);

-- Named counters incremented inside a transaction (storage::NextSerial), e.g.
-- the body codes of USCCs a registration authority issues.
CREATE TABLE serial_counter (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL CHECK (typeof(value) = 'integer')
);

-- The bureau's organisation tree, and the external departments it exchanges
-- with (department: tax, seal, social_insurance, medical_insurance,
-- housing_fund, bank_account, urban_management, health, ...).
CREATE TABLE org_unit (
  id INTEGER PRIMARY KEY,
  parent_id BIGINT REFERENCES org_unit (id),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,  -- province_bureau|city_bureau|county_bureau|station|department
  department TEXT NOT NULL DEFAULT '',
  region_code TEXT NOT NULL
);
CREATE INDEX org_unit_parent ON org_unit (parent_id);

CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  region_code TEXT NOT NULL
);
CREATE INDEX staff_org_unit ON staff (org_unit_id);
