-- The notices of issue 6 as data: zh-CN templates with {{variables}}, and the rules that pick them.
INSERT INTO templates (code, title, body, description) VALUES
  ('work_order', '新交办工单：{{title}}', '网格{{gridCode}}收到交办工单{{caseId}}「{{title}}」，请于{{dueAt}}前核查处置。', '统一交办：推送给网格员'),
  ('dispatch', '新派遣案件：{{title}}', '案件{{caseId}}「{{title}}」已派遣至你单位，请于{{dueAt}}前签收办理。', '派遣：推送给部门值班联系人'),
  ('deadline_warning', '临期预警：{{title}}', '案件{{caseId}}「{{title}}」的{{step}}环节将于{{dueAt}}到期，请抓紧办理。', '临期预警：责任单位与督办机构'),
  ('overdue', '超期通知：{{title}}', '案件{{caseId}}「{{title}}」的{{step}}环节已于{{dueAt}}超期，请立即办理并说明情况。', '超期通知：责任单位与督办机构'),
  ('escalation', '上报事项：{{title}}', '案件{{caseId}}「{{title}}」已上报至你单位，原因：{{reason}}。', '上报：推送给上级机构'),
  ('emergency', '紧急事件：{{title}}', '紧急事件{{caseId}}「{{title}}」，请值班人员立即处置。', '紧急事件：立即推送值班人员'),
  ('case_closed', '您反映的问题已办结', '您反映的「{{title}}」（{{caseId}}）已办结，欢迎对办理结果进行评价。', '办结：告知留下联系方式的居民'),
  ('disclosure_changed', '网格公示信息更新', '您关注的网格{{gridCode}}公示信息已更新，可查看最新内容。', '公示变更：告知订阅该网格的居民'),
  ('grid_changed', '网格范围调整', '您关注的网格{{gridCode}}已调整，可查看最新范围与网格员。', '网格变更：告知订阅该网格的居民'),
  ('digest', '通知汇总（{{count}}条）', '免打扰时段内共有{{count}}条通知：{{items}}', '每日汇总：免打扰期间暂缓的非紧急短信');

INSERT INTO rules (id, event_type, condition, audience, channel, template_code, urgent) VALUES
  ('work-order-app', 'case.work_order_created', NULL, 'grid:gridCode', 'in_app', 'work_order', 0),
  ('work-order-sms', 'case.work_order_created', NULL, 'grid:gridCode', 'sms', 'work_order', 0),
  ('dispatch-lead-app', 'case.dispatched', NULL, 'dept:leadDepartmentId', 'in_app', 'dispatch', 0),
  ('dispatch-assist-app', 'case.dispatched', NULL, 'dept:assistingDepartmentIds', 'in_app', 'dispatch', 0),
  ('dispatch-lead-sms', 'case.dispatched', NULL, 'dept:leadDepartmentId', 'sms', 'dispatch', 0),
  ('warning-unit-app', 'case.deadline_warning', NULL, 'unit:responsibleUnit', 'in_app', 'deadline_warning', 1),
  ('warning-unit-sms', 'case.deadline_warning', NULL, 'unit:responsibleUnit', 'sms', 'deadline_warning', 1),
  ('warning-agency-app', 'case.deadline_warning', NULL, 'agency:holderDivisionCode', 'in_app', 'deadline_warning', 1),
  ('overdue-unit-app', 'case.overdue', NULL, 'unit:responsibleUnit', 'in_app', 'overdue', 1),
  ('overdue-unit-sms', 'case.overdue', NULL, 'unit:responsibleUnit', 'sms', 'overdue', 1),
  ('overdue-agency-app', 'case.overdue', NULL, 'agency:holderDivisionCode', 'in_app', 'overdue', 1),
  ('escalation-app', 'case.escalated', NULL, 'agency:holderDivisionCode', 'in_app', 'escalation', 0),
  ('emergency-county-app', 'case.reported', 'priority=emergency', 'agency:countyCode', 'in_app', 'emergency', 1),
  ('emergency-lead-app', 'case.reported', 'priority=emergency', 'dept:leadDepartmentId', 'in_app', 'emergency', 1),
  ('emergency-lead-sms', 'case.reported', 'priority=emergency', 'dept:leadDepartmentId', 'sms', 'emergency', 1),
  ('closed-reporter-app', 'case.closed', NULL, 'user:reporterSub', 'in_app', 'case_closed', 0),
  ('disclosure-subscribers-app', 'registry.disclosure.changed', NULL, 'subscribers:gridCode', 'in_app', 'disclosure_changed', 0),
  ('grid-subscribers-app', 'registry.grid.changed', NULL, 'subscribers:gridCode', 'in_app', 'grid_changed', 0);
