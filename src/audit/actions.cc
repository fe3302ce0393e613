// SPDX-License-Identifier: MulanPSL-2.0
#include "audit/actions.h"

#include <array>

namespace amr::audit {
namespace {

constexpr std::string_view kAccounts = "账户与权限";
constexpr std::string_view kAudit = "审计与导出";
constexpr std::string_view kCalendar = "工作日历与期限";
constexpr std::string_view kNames = "名称";
constexpr std::string_view kEstablishment = "企业开办";
constexpr std::string_view kRegistration = "变更与登记事项";
constexpr std::string_view kDeregistration = "歇业与注销";
constexpr std::string_view kLicense = "电子营业执照";
constexpr std::string_view kInspection = "双随机抽查";
constexpr std::string_view kCredit = "信用监管";
constexpr std::string_view kComplaints = "投诉举报";
constexpr std::string_view kExchange = "数据推送";

constexpr auto kActions = std::to_array<ActionInfo>({
    // identity/, accounts/
    {"auth.login", "登录", kAccounts},
    {"auth.login_failed", "登录失败", kAccounts},
    {"auth.lock", "多次登录失败，账户锁定", kAccounts},
    {"auth.logout", "退出登录", kAccounts},
    {"user.create", "新建用户", kAccounts},
    {"user.roles", "调整用户岗位", kAccounts},
    {"user.unlock", "解除用户锁定", kAccounts},
    {"user.password_change", "修改密码", kAccounts},
    {"user.password_change_failed", "修改密码失败（原密码不符）", kAccounts},
    {"user.password_reset", "重置密码", kAccounts},
    {"user.list", "查看用户列表", kAccounts},
    {"user.read", "查看用户信息", kAccounts},
    {"org_unit.create", "新建机构", kAccounts},
    {"applicant.signup", "申请人注册", kAccounts},
    {"applicant.verify", "申请人验证手机号码", kAccounts},
    {"phone_code.send", "发送短信验证码", kAccounts},
    // audit/, export/
    {"audit.query", "查询审计日志", kAudit},
    {"audit.verify", "校验审计日志完整性", kAudit},
    {"export.xlsx", "导出 Excel 表格", kAudit},
    // calendar/
    {"calendar.year.seed", "载入内置的年度工作日历", kCalendar},
    {"calendar.year.enter", "录入年度工作日历", kCalendar},
    {"calendar.year.replace", "修改年度工作日历", kCalendar},
    {"deadline.recompute", "按新日历重算期限", kCalendar},
    {"deadline.settle", "按新日历确定暂定期限", kCalendar},
    // names/
    {"name.reserve", "名称自主申报（保留）", kNames},
    {"name.register", "名称随设立登记启用", kNames},
    {"name.end", "名称停止使用（主体注销等）", kNames},
    // establishment/
    {"establishment.submit", "提交企业开办申请", kEstablishment},
    {"establishment.list", "查看待审核的企业开办申请", kEstablishment},
    {"establishment.read", "查看企业开办申请", kEstablishment},
    {"establishment.claim", "认领企业开办申请", kEstablishment},
    {"establishment.register", "企业开办核准登记", kEstablishment},
    {"establishment.reject", "企业开办不予登记", kEstablishment},
    {"establishment.step.claim", "部门认领办理环节", kEstablishment},
    {"establishment.step.complete", "部门办结办理环节", kEstablishment},
    {"establishment.step.return", "部门退回办理环节", kEstablishment},
    {"establishment.step.resubmit", "重新提交退回的办理环节", kEstablishment},
    {"establishment.notice.claim", "认领企业开办的许可告知", kEstablishment},
    {"establishment.notice.return", "退回企业开办的许可告知", kEstablishment},
    // lifecycle/: change, permits, restrictions, links, beneficial owners
    {"entity.change.submit", "提交变更登记", kRegistration},
    {"entity.change.approve", "核准变更登记", kRegistration},
    {"entity.change.reject", "不予变更登记", kRegistration},
    {"entity.change", "变更登记生效", kRegistration},
    {"change.list", "查看变更登记申请", kRegistration},
    {"change.read", "查看市场主体的变更记录", kRegistration},
    {"change.notice.claim", "认领变更登记的许可告知", kRegistration},
    {"change.notice.return", "退回变更登记的许可告知", kRegistration},
    {"entity.convert", "个体工商户转为企业", kRegistration},
    {"entity.read_private", "查看市场主体不公示的登记信息", kRegistration},
    {"permit.record", "登记许可证", kRegistration},
    {"permit.cancel", "注销许可证", kRegistration},
    {"permit.transfer", "个转企承继许可证", kRegistration},
    {"restriction.record", "登记限制事项（冻结、出质等）", kRegistration},
    {"restriction.lift", "解除限制事项", kRegistration},
    {"restriction.read", "查看限制事项", kRegistration},
    {"affiliation.record", "登记分支机构或对外投资", kRegistration},
    {"affiliation.end", "终止分支机构或对外投资关系", kRegistration},
    {"beneficial_owner.file", "受益所有人信息备案", kRegistration},
    {"beneficial_owner.exempt", "承诺免报受益所有人信息", kRegistration},
    {"beneficial_owner.overdue", "受益所有人信息备案逾期", kRegistration},
    {"beneficial_owner.read", "查看受益所有人信息", kRegistration},
    // lifecycle/: 歇业, 注销, 清算
    {"suspension.file", "歇业备案", kDeregistration},
    {"suspension.start", "歇业开始", kDeregistration},
    {"suspension.extend", "延长歇业期限", kDeregistration},
    {"suspension.resume", "提前恢复营业", kDeregistration},
    {"suspension.expire", "歇业期满", kDeregistration},
    {"deregistration.simplified.apply", "申请简易注销", kDeregistration},
    {"deregistration.simplified.object", "对简易注销提出异议", kDeregistration},
    {"deregistration.simplified.objection_set_aside", "认定简易注销异议不属于异议",
     kDeregistration},
    {"deregistration.simplified.notice_end", "简易注销公告期满", kDeregistration},
    {"deregistration.simplified.complete", "办结简易注销", kDeregistration},
    {"deregistration.simplified.lapse", "简易注销逾期未办结，终止", kDeregistration},
    {"deregistration.one_screen.apply", "申请一屏注销", kDeregistration},
    {"deregistration.one_screen.clear", "部门对一屏注销无异议", kDeregistration},
    {"deregistration.one_screen.object", "部门对一屏注销提出异议", kDeregistration},
    {"deregistration.one_screen.grant", "一屏注销准予注销", kDeregistration},
    {"deregistration.one_screen.refuse", "一屏注销不予注销", kDeregistration},
    {"deregistration.compulsory.start", "启动强制注销", kDeregistration},
    {"deregistration.compulsory.object", "对强制注销提出异议", kDeregistration},
    {"deregistration.compulsory.notice_end", "强制注销公告期满", kDeregistration},
    {"deregistration.compulsory.decide", "作出强制注销决定", kDeregistration},
    {"entity.deregister", "注销登记", kDeregistration},
    {"liquidation.group_file", "清算组备案", kDeregistration},
    {"liquidation.creditor_notice", "清算组书面通知债权人", kDeregistration},
    {"liquidation.public_notice", "清算组发布债权人公告", kDeregistration},
    {"liquidation.claim", "债权人申报债权", kDeregistration},
    {"liquidation.report", "提交清算报告", kDeregistration},
    {"liquidation.tax_clearance", "税务机关出具清税结果", kDeregistration},
    {"liquidation.application", "清算后申请注销登记", kDeregistration},
    {"liquidation.decide", "对清算后的注销申请作出决定", kDeregistration},
    {"liquidation.step_overdue", "清算步骤逾期", kDeregistration},
    // license/
    {"license.issue", "签发电子营业执照", kLicense},
    {"license.reissue", "换发电子营业执照", kLicense},
    {"license.read", "查看电子营业执照", kLicense},
    {"license.pdf.read", "下载电子营业执照文件", kLicense},
    {"license.qr_issue", "生成电子营业执照二维码", kLicense},
    {"license.authorize", "授权他人使用电子营业执照", kLicense},
    {"license.authorization_revoke", "撤销电子营业执照使用授权", kLicense},
    {"license.admin_transfer", "变更电子营业执照管理员", kLicense},
    {"license.key_create", "生成电子签章密钥", kLicense},
    {"license.key_rotate", "更换电子签章密钥", kLicense},
    // inspection/
    {"inspection.library.import", "导入检查对象或执法检查人员名录", kInspection},
    {"inspection.plan.create", "制定抽查计划", kInspection},
    {"inspection.plan.file", "抽查计划报送上级机关", kInspection},
    {"inspection.task.create", "新建抽查任务", kInspection},
    {"inspection.pool.publish", "公布待抽取的检查对象", kInspection},
    {"inspection.task.draw", "随机抽取检查对象和检查人员", kInspection},
    {"inspection.result.enter", "录入检查结果", kInspection},
    {"inspection.photo.add", "上传检查照片", kInspection},
    {"inspection.case_lead.create", "移送执法办案线索", kInspection},
    // credit/
    {"annual_report.file", "报送年度报告", kCredit},
    {"annual_report.correct", "更正年度报告", kCredit},
    {"credit.abnormal_batch", "未报年度报告的主体批量列入经营异常名录", kCredit},
    {"credit.abnormal_list", "列入经营异常名录", kCredit},
    {"credit.removal_apply", "申请移出经营异常名录", kCredit},
    {"credit.removal_decide", "对移出申请作出决定", kCredit},
    {"credit.abnormal_remove", "移出经营异常名录", kCredit},
    {"credit.instant_publish", "公示即时信息", kCredit},
    {"credit.publish_order", "责令公示即时信息", kCredit},
    {"credit.penalty_publish", "公示行政处罚信息", kCredit},
    {"credit.repair_apply", "申请信用修复", kCredit},
    {"credit.repair_decide", "对信用修复申请作出决定", kCredit},
    {"credit.serious_propose", "提请列入严重违法失信名单", kCredit},
    {"credit.serious_notice", "告知拟列入严重违法失信名单", kCredit},
    {"credit.serious_statement", "当事人陈述、申辩", kCredit},
    {"credit.serious_decide", "作出列入严重违法失信名单的决定", kCredit},
    {"credit.serious_remove", "移出严重违法失信名单", kCredit},
    {"credit.risk_classify", "信用风险分类", kCredit},
    {"credit.punishment_query", "联合惩戒查询", kCredit},
    {"credit.punishment_feedback", "联合惩戒结果反馈", kCredit},
    // complaints/, leads/
    {"complaint.file", "登记投诉举报", kComplaints},
    {"complaint.import", "导入投诉举报", kComplaints},
    {"complaint.read", "查看投诉举报待办（含联系电话）", kComplaints},
    {"complaint.odr_answer", "在线纠纷解决企业答复投诉", kComplaints},
    {"complaint.odr_expire", "在线纠纷解决企业逾期未答复，转交受理单位", kComplaints},
    {"complaint.accept", "受理投诉", kComplaints},
    {"complaint.not_accept", "不予受理投诉", kComplaints},
    {"complaint.transfer", "移交其他单位处理", kComplaints},
    {"complaint.session", "记录调解", kComplaints},
    {"complaint.close", "办结投诉", kComplaints},
    {"complaint.mediation_end", "调解期满终止调解", kComplaints},
    {"complaint.rate", "投诉人评价办理结果", kComplaints},
    {"complaint.take", "承办举报", kComplaints},
    {"complaint.reporter.read", "查看举报人信息", kComplaints},
    {"complaint.check_extend", "延长举报核查期限", kComplaints},
    {"complaint.report_decide", "作出举报核查决定", kComplaints},
    {"complaint.register.enrol", "加入放心消费等名录", kComplaints},
    {"complaint.register.end", "退出放心消费等名录", kComplaints},
    {"lead.read", "查看案件线索", kComplaints},
    // outbox/
    {"outbox.subscription_create", "新建数据推送订阅", kExchange},
    {"outbox.subscription_update", "修改数据推送订阅", kExchange},
    {"outbox.delivered", "数据推送送达", kExchange},
    {"outbox.dead_letter", "数据推送多次失败，停止重试", kExchange},
    {"outbox.retry", "重新推送数据", kExchange},
});

}  // namespace

std::span<const ActionInfo> Actions() { return kActions; }

const ActionInfo* FindAction(std::string_view code) {
  for (const ActionInfo& a : kActions) {
    if (a.code == code) return &a;
  }
  return nullptr;
}

std::string ActionName(std::string_view code) {
  const ActionInfo* a = FindAction(code);
  return a != nullptr ? std::string(a->name) : std::string("其他操作");
}

}  // namespace amr::audit
