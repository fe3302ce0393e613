-- SPDX-License-Identifier: MulanPSL-2.0
-- 0008 outbox (PostgreSQL): the transactional outbox and signed webhook delivery
-- to external department systems, see src/outbox/ and docs/outbox.md. Kept
-- column-for-column with sqlite/0008_outbox.sql. Times are RFC 3339 text
-- (+08:00) for people and epoch milliseconds (BIGINT, *_ms) for scheduling.

-- Where events of a topic are POSTed. The secret signs every request
-- (HMAC-SHA256); it is never returned by the API.
CREATE TABLE outbox_subscription (
  id BIGSERIAL PRIMARY KEY,
  topic TEXT NOT NULL,
  endpoint_url TEXT NOT NULL,
  secret TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX outbox_subscription_topic ON outbox_subscription (topic, active);

-- One business fact to tell, written in the transaction of the change.
-- dedupe_key makes a second Enqueue of the same fact a no-op.
CREATE TABLE outbox_event (
  id BIGSERIAL PRIMARY KEY,
  topic TEXT NOT NULL,
  payload TEXT NOT NULL,  -- compact JSON object, sent verbatim as the body
  dedupe_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

-- One event to one subscription. status: pending (due at next_attempt_ms),
-- delivered (a 2xx came back), dead (the attempts ran out; an admin may retry).
-- A worker leases a due row (lease_until_ms, lease_token) before it POSTs.
CREATE TABLE outbox_delivery (
  id BIGSERIAL PRIMARY KEY,
  event_id BIGINT NOT NULL REFERENCES outbox_event (id),
  subscription_id BIGINT NOT NULL REFERENCES outbox_subscription (id),
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_ms BIGINT NOT NULL DEFAULT 0,
  lease_until_ms BIGINT NOT NULL DEFAULT 0,
  lease_token TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT '',
  delivered_at TEXT,
  updated_at TEXT NOT NULL,
  UNIQUE (event_id, subscription_id)
);
CREATE INDEX outbox_delivery_due ON outbox_delivery (status, next_attempt_ms);

-- Every attempt: when, the HTTP status (0 when none came back) and the error.
CREATE TABLE outbox_attempt (
  id BIGSERIAL PRIMARY KEY,
  delivery_id BIGINT NOT NULL REFERENCES outbox_delivery (id),
  attempt BIGINT NOT NULL,
  attempted_at TEXT NOT NULL,
  http_status BIGINT NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  duration_ms BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX outbox_attempt_delivery ON outbox_attempt (delivery_id);
