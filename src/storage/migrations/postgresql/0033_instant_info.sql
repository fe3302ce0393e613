-- SPDX-License-Identifier: MulanPSL-2.0
-- 0033 即时信息 and 责令公示 (postgresql; docs/credit.md). Kept column-for-column
-- with sqlite/0033_instant_info.sql.
CREATE TABLE instant_info (
  id BIGSERIAL PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  kind TEXT NOT NULL,  -- instant_info_kinds of data/credit/rules.json
  event_on TEXT NOT NULL,
  summary TEXT NOT NULL,
  published_on TEXT NOT NULL,
  due TEXT NOT NULL,
  late INTEGER NOT NULL CHECK (late IN (0, 1)),
  published_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (uscc, kind, event_on, summary)  -- a retry publishes nothing new
);
-- state: open → fulfilled | listed.
CREATE TABLE publish_order (
  id BIGSERIAL PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  kind TEXT NOT NULL,
  what TEXT NOT NULL,
  ordered_on TEXT NOT NULL,
  due TEXT NOT NULL,
  authority_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  state TEXT NOT NULL CHECK (state IN ('open', 'fulfilled', 'listed')),
  fulfilled_on TEXT NOT NULL DEFAULT '',
  info_id BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX publish_order_uscc ON publish_order (uscc, kind, state);
CREATE INDEX publish_order_due ON publish_order (state, due);
