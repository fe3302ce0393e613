-- SPDX-License-Identifier: MulanPSL-2.0
-- 0004 names (sqlite): name reservations (名称保留) and the name records the
-- name engine keeps for registered entities and ended names. Kept
-- column-for-column with the other engine's 0004_names.sql. See docs/names.md.

-- A reserved name: blocks its 字号 within the authority city until
-- expires_on (the last day, reserved_on + 2 months - 1 day) unless used or
-- cancelled. trade_name and industry_term are folded (FoldText).
CREATE TABLE name_reservation (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  folded_name TEXT NOT NULL,
  trade_name TEXT NOT NULL,
  industry_term TEXT NOT NULL DEFAULT '',
  industry_code TEXT NOT NULL DEFAULT '',
  region_code TEXT NOT NULL,     -- the registration authority's region as given
  authority_city TEXT NOT NULL,  -- its 设区的市 (codes AuthorityCity)
  user_id BIGINT NOT NULL DEFAULT 0,
  org_unit_path TEXT NOT NULL DEFAULT '',  -- the unit handling that region, for data scope
  reserved_on TEXT NOT NULL,
  expires_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('reserved', 'used', 'cancelled')),
  used_by_uscc TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX name_reservation_trade ON name_reservation (authority_city, trade_name);

-- The parsed name of an entity: 'registered' while it is held, 'ended' from
-- the day it was deregistered, revoked or changed (ended_on); an ended name
-- still blocks its 字号 for one year.
CREATE TABLE name_record (
  id INTEGER PRIMARY KEY,
  uscc TEXT NOT NULL,
  name TEXT NOT NULL,
  trade_name TEXT NOT NULL,
  industry_term TEXT NOT NULL DEFAULT '',
  industry_code TEXT NOT NULL DEFAULT '',
  region_code TEXT NOT NULL,
  authority_city TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('registered', 'ended')),
  ended_on TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX name_record_trade ON name_record (authority_city, trade_name);
CREATE INDEX name_record_uscc ON name_record (uscc);
