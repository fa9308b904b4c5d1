-- Disputes (矛盾纠纷, issue 15): the two warnings the case's object gives at most once per case. A dispute found at major
-- risk goes to the county at once (the stability fast path); threats of violence go to the county's police (命案风险预警,
-- Gansu 二(一)1(2)). Urgent, to the inbox. The text names the case and its grid, never a party (PIPL art. 28): who they
-- are is read in the case, behind its own access rules.
INSERT INTO templates (code, title, body, description) VALUES
  ('dispute_county_warning', '重大风险矛盾纠纷：{{caseId}}',
   '网格{{gridCode}}的矛盾纠纷（案件{{caseId}}）已评为重大风险，按稳定风险快速通道报送县级，请立即研判并组织化解。', '矛盾纠纷：重大风险即时报送县级'),
  ('dispute_police_warning', '命案风险预警：{{caseId}}',
   '网格{{gridCode}}的矛盾纠纷（案件{{caseId}}）记录了针对人身的暴力或暴力威胁，存在命案风险，请立即研判并联动处置。', '矛盾纠纷：暴力威胁预警公安');
INSERT INTO rules (id, event_type, condition, audience, channel, template_code, urgent) VALUES
  ('dispute-county-warned-app', 'dispute.county_warned', NULL, 'agency:countyCode', 'in_app', 'dispute_county_warning', 1),
  ('dispute-police-warned-app', 'dispute.police_warned', NULL, 'dept:warnDepartmentIds', 'in_app', 'dispute_police_warning', 1);
