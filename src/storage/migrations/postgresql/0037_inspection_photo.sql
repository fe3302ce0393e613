-- SPDX-License-Identifier: MulanPSL-2.0
-- 0037 Photos taken on an inspection visit (postgresql; docs/inspection.md,
-- "Photos"). Kept column-for-column with the other engine's 0037. The image is
-- stored base64-encoded so one column type serves both engines; a photo sent
-- twice (a retried upload) is one row.
CREATE TABLE inspection_photo (
  id BIGSERIAL PRIMARY KEY,
  visit_id BIGINT NOT NULL REFERENCES inspection_visit (id),
  media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png')),
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data TEXT NOT NULL,
  added_by BIGINT REFERENCES app_user (id),
  added_at TEXT NOT NULL,
  UNIQUE (visit_id, sha256)
);
