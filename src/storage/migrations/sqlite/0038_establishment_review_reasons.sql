-- SPDX-License-Identifier: MulanPSL-2.0
-- 0038 Why a 企业开办 application waits for a registrar (sqlite;
-- docs/registration.md): the reasons found at submission, a JSON array of
-- Chinese sentences ('[]' for 秒批). Kept identical on both engines.
ALTER TABLE establishment_application ADD COLUMN review_reasons TEXT NOT NULL DEFAULT '[]';
