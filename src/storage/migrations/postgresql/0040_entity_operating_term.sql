-- SPDX-License-Identifier: MulanPSL-2.0
-- 0040 (postgresql) 营业期限 (合伙期限 for partnerships) on the entity: '' where none is
-- recorded (kinds without one, entities imported without it), 'long_term'
-- (长期), or the last day 'YYYY-MM-DD'. Kept column-for-column with the other
-- engine's 0040.
ALTER TABLE entity ADD COLUMN operating_term TEXT NOT NULL DEFAULT '';
