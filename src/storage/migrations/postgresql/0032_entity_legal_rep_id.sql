-- SPDX-License-Identifier: MulanPSL-2.0
-- 0032 The entities a person represents, by citizen ID: 企业开办 asks, for
-- each new legal representative, whether an entity they represent is on the
-- 严重违法失信名单 (企业信息公示暂行条例 第十七条第二款), and departments ask the
-- same for joint punishment (docs/credit.md). Never a public search.
CREATE INDEX entity_legal_rep_id ON entity (legal_rep_id);
