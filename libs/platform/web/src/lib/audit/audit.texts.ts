/** The audit log page's texts (loaded with its route). Chinese is the source; English must have every key (the type checks it). */
export const AUDIT_ZH = {
  'audit.title': '审计日志',
  'audit.at': '时间',
  'audit.actor': '操作人',
  'audit.action': '动作',
  'audit.ip': 'IP',
  'audit.before': '修改前',
  'audit.after': '修改后',
  'audit.empty': '没有审计记录',
  'audit.dateFrom': '开始日期',
  'audit.dateTo': '结束日期',
  'audit.user': '操作人（用户名或姓名）',
  'audit.allActions': '全部动作',
  'audit.allTypes': '全部对象类型',
  'audit.object': '对象',
  'audit.field': '字段',
  'audit.value': '内容',
  'title.audit': '审计日志',
} as const;

export type AuditTextKey = keyof typeof AUDIT_ZH;

export const AUDIT_EN: Record<keyof typeof AUDIT_ZH, string> = {
  'audit.title': 'Audit log',
  'audit.at': 'At',
  'audit.actor': 'Actor',
  'audit.action': 'Action',
  'audit.ip': 'IP',
  'audit.before': 'Before',
  'audit.after': 'After',
  'audit.empty': 'No audit entries',
  'audit.dateFrom': 'From',
  'audit.dateTo': 'To',
  'audit.user': 'User (name or user name)',
  'audit.allActions': 'All actions',
  'audit.allTypes': 'All entity types',
  'audit.object': 'Object',
  'audit.field': 'Field',
  'audit.value': 'Value',
  'title.audit': 'Audit log',
};

export const AUDIT_TEXTS = { name: 'audit', zh: AUDIT_ZH, en: AUDIT_EN };
