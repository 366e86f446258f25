/**
 * The bulk-import template's columns and its notes (填写说明), in one place for the leads service
 * (which reads files by them and writes them into the template) and the staff console (which
 * explains them beside the download). Pure data, no imports, so the console bundles it.
 */

/** The columns, in template order, and the reportLead field each one fills. */
export const COLUMNS = [
  { header: '线索来源编号', field: 'sourceRef', required: true },
  { header: '反映时间', field: 'receivedAt', required: true },
  { header: '地区代码', field: 'regionCode', required: true },
  { header: '用人单位名称', field: 'employerName', required: true },
  { header: '统一社会信用代码', field: 'employerCreditCode', required: false },
  { header: '项目名称', field: 'projectName', required: false },
  { header: '施工总承包单位', field: 'generalContractorName', required: false },
  { header: '所属行业', field: 'industry', required: true },
  { header: '涉及人数', field: 'workerCount', required: true },
  { header: '欠薪金额（元）', field: 'amountOwed', required: true },
  { header: '欠薪起止日期', field: 'wagePeriod', required: false },
  { header: '情况描述', field: 'description', required: true },
  { header: '投诉人姓名', field: 'complainantNames', required: false },
  { header: '身份证号码', field: 'complainantIdNumbers', required: false },
  { header: '联系电话', field: 'complainantPhones', required: false },
  { header: '反映渠道', field: 'channel', required: false },
] as const;

/** The notes above the template's header row (docs/import.md explains each column). */
export const TEMPLATE_NOTES = [
  '填写说明：每行一条线索；第一行表头请勿修改；带 * 的列必填：线索来源编号、反映时间、地区代码、用人单位名称、所属行业、涉及人数、欠薪金额（元）、情况描述。',
  '线索来源编号：全国根治欠薪线索反映平台的线索编号或本单位台账编号，同一单位同一地区内唯一；重复导入同一编号不会重复创建线索。',
  '反映时间：如 2026-11-23 或 2026-11-23 09:30（北京时间）；欠薪起止日期：如 2026-01-01至2026-03-31；金额以元为单位、最多两位小数。',
  '所属行业：制造业、建筑业、房地产业、住宿和餐饮业、其他；反映渠道（可不填，默认“转办”）：12351热线、来访、网上投诉、一码通、来信、巡查发现、媒体报道、转办。',
  '多位投诉人：在投诉人姓名、身份证号码、联系电话三列中按相同顺序用“；”分隔（或在单元格内换行），某人无号码时留空位，如“张三；李四”“140402198503120015；”。',
];
