-- SPDX-License-Identifier: MulanPSL-2.0
-- 0030: the public search by the legal representative's name
-- (GET /api/v1/entities?legal_rep=…) without scanning the register.
CREATE INDEX entity_legal_rep_name ON entity (legal_rep_name);
