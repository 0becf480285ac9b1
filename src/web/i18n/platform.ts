/**
 * Messages of the platform's shared pieces (the workflow's blocked actions, files, facts, obligations,
 * registers), in the three languages. Spread into each catalogue; the zh-CN keys are the typed keys.
 */
export const platformZhCN = {
  'ticket.blocked.report': '重大投诉须先勾选“报告”（五清楚一报告）',
  'ticket.blocked.writtenReply': '书面投诉须先填写书面答复',
  'ticket.blocked.other': '还缺少必要的信息',
  'audit.entity.file': '文件',
} as const;

type Messages = Record<keyof typeof platformZhCN, string>;

export const platformZhTW: Messages = {
  'ticket.blocked.report': '重大投訴須先勾選「報告」（五清楚一報告）',
  'ticket.blocked.writtenReply': '書面投訴須先填寫書面答覆',
  'ticket.blocked.other': '還缺少必要的資訊',
  'audit.entity.file': '文件',
};

export const platformEn: Messages = {
  'ticket.blocked.report': 'A major complaint must first be reported (tick “report”)',
  'ticket.blocked.writtenReply': 'A written complaint needs its written reply first',
  'ticket.blocked.other': 'Something the ticket needs is still missing',
  'audit.entity.file': 'File',
};
