-- SPDX-License-Identifier: MulanPSL-2.0
-- 0041 (postgresql) 消息中心: in-site messages to a user (src/messages/,
-- docs/user-guide.md "消息中心"). Kept column-for-column with the other
-- engine's 0041. A message is written in the transaction of the event it tells
-- of (an approval, a returned step, an objection, a deadline); the same event
-- told again (a retried request, a timer run twice) finds its dedupe key and
-- writes nothing. read_at is NULL while unread.
CREATE TABLE user_message (
  id BIGSERIAL PRIMARY KEY,
  recipient_user_id BIGINT NOT NULL REFERENCES app_user (id),
  kind TEXT NOT NULL,             -- messages::Kind id (establishment_approved, …)
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT NOT NULL DEFAULT '',  -- a path of the web UI ("/progress?id=42"), or ''
  params TEXT NOT NULL DEFAULT '{}',  -- the facts the text was built from (JSON)
  dedupe_key TEXT NOT NULL,       -- the event told, e.g. "establishment.approved:42"
  created_at TEXT NOT NULL,
  read_at TEXT,
  UNIQUE (recipient_user_id, dedupe_key)
);
-- A user's messages newest first, and the unread count beside the menu.
CREATE INDEX user_message_recipient ON user_message (recipient_user_id, id);
CREATE INDEX user_message_unread ON user_message (recipient_user_id) WHERE read_at IS NULL;
