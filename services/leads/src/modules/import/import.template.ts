/** The import template's filled example and the notes above its header (docs/import.md explains each column). */
import { HEADERS } from './import.columns';

export { HEADERS };

/** The notes above the header: shared with the console's import screen. */
export { TEMPLATE_NOTES } from '../../../../../lib/vocabulary/import-template';

/** Two filled rows that import as they are (within the jurisdiction of Changzhi, 140400). */
export const TEMPLATE_EXAMPLE: Record<string, string>[] = [
  {
    线索来源编号: 'GZQX-2026-140421-000123',
    反映时间: '2026-03-02 09:30',
    地区代码: '140421',
    用人单位名称: '长治市某建筑劳务有限公司',
    统一社会信用代码: '91140400MA0K6X5Y12',
    项目名称: '某安置小区二期',
    施工总承包单位: '',
    所属行业: '建筑业',
    涉及人数: '4',
    '欠薪金额（元）': '89195.00',
    欠薪起止日期: '2025-03-01至2025-12-31',
    情况描述: '4名农民工反映在某安置小区二期项目务工，被拖欠工资。',
    投诉人姓名: '王某；李某',
    身份证号码: '11010519491231002X；140402198503120015',
    联系电话: '13812345678；',
    反映渠道: '转办',
  },
  {
    线索来源编号: 'TZ-2025-0456',
    反映时间: '2025-11-20',
    地区代码: '140402',
    用人单位名称: '长治市某食品加工厂',
    统一社会信用代码: '',
    项目名称: '',
    施工总承包单位: '',
    所属行业: '制造业',
    涉及人数: '12',
    '欠薪金额（元）': '36000',
    欠薪起止日期: '2025-08-01至2025-10-31',
    情况描述: '12名工人反映三个月工资未发放。',
    投诉人姓名: '赵某',
    身份证号码: '140421199007010021',
    联系电话: '13912345678',
    反映渠道: '12351热线',
  },
];
