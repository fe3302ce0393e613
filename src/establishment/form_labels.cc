// SPDX-License-Identifier: MulanPSL-2.0
// The Chinese names of the 企业开办 form's fields (FieldLabel, form.h).
#include <cstdlib>
#include <map>
#include <string>

#include "establishment/form.h"

namespace amr::establishment {

namespace {

// The Chinese name of a form field for the messages a user reads; the error's
// field keeps the path ("investors[1].uscc" → 第 2 位投资人的统一社会信用代码).
const std::map<std::string, std::string, std::less<>>& FieldNames() {
  static const std::map<std::string, std::string, std::less<>> kNames = {
      {"kind", "主体类型"},
      {"family_farm", "是否家庭农场"},
      {"name", "名称"},
      {"name_reservation_id", "名称预留编号"},
      {"name_approval_document", "名称核准文件"},
      {"name_source", "名称来源"},
      {"name_source.relation", "名称来源的关系"},
      {"name_source.uscc", "名称来源企业的统一社会信用代码"},
      {"name_source.document", "名称转让或授权协议"},
      {"legal_rep", "法定代表人（经营者）"},
      {"legal_rep.name", "法定代表人（经营者）姓名"},
      {"legal_rep.citizen_id", "法定代表人（经营者）身份证号码"},
      {"address", "住所（经营场所）"},
      {"address_commitment", "住所申报承诺"},
      {"operating_until", "营业期限"},
      {"industry_code", "行业"},
      {"region_code", "登记地区"},
      {"registered_capital", "注册资本"},
      {"scope", "经营范围"},
      {"parent_uscc", "隶属企业的统一社会信用代码"},
      {"investors", "投资人"},
      {"materials", "申请材料"},
      {"deferred_materials", "容缺后补的材料"},
      {"deferral_commitment", "容缺后补承诺"},
      {"options", "一并办理的事项"},
      {"options.seal", "公章刻制"},
      {"options.seal.kinds", "印章种类"},
      {"options.tax", "税务"},
      {"options.tax.invoice_kinds", "发票种类"},
      {"options.tax.tax_ukey", "是否申领税控UKey"},
      {"options.social_insurance", "社会保险登记"},
      {"options.medical_insurance", "医疗保险登记"},
      {"options.housing_fund", "住房公积金缴存登记"},
      {"options.bank_account", "银行开户预约"},
      {"options.bank_account.bank", "开户银行"},
      {"options.bank_account.branch", "开户网点"},
  };
  return kNames;
}

// The members of a list entry (an investor).
const std::map<std::string, std::string, std::less<>>& MemberNames() {
  static const std::map<std::string, std::string, std::less<>> kNames = {
      {"name", "姓名或名称"},
      {"citizen_id", "身份证号码"},
      {"uscc", "统一社会信用代码"},
      {"subscribed_capital", "认缴出资额"},
  };
  return kNames;
}

}  // namespace

std::string FieldLabel(std::string_view path) {
  const auto& names = FieldNames();
  if (auto it = names.find(path); it != names.end()) return it->second;
  // "list[i]" and "list[i].member": the i+1-th entry.
  const size_t open = path.find('[');
  const size_t close = path.find(']', open);
  if (open != std::string_view::npos && close != std::string_view::npos) {
    const std::string_view list = path.substr(0, open);
    const int index = std::atoi(std::string(path.substr(open + 1, close - open - 1)).c_str());
    std::string entry = list == "investors"
                            ? "第 " + std::to_string(index + 1) + " 位投资人"
                            : FieldLabel(list) + "第 " + std::to_string(index + 1) + " 项";
    if (close + 2 < path.size() && path[close + 1] == '.') {
      const std::string_view member = path.substr(close + 2);
      const auto m = MemberNames().find(member);
      entry += "的" + (m != MemberNames().end() ? m->second : FieldLabel(member));
    }
    return entry;
  }
  return std::string(path);  // an unknown path: shown as sent
}

}  // namespace amr::establishment
