import { TestBed } from '@angular/core/testing';
import { I18nService } from '../i18n.service';
import {
  AUDIT_ACTIONS,
  actionLabel,
  auditChanges,
  entityTypeLabel,
  fieldLabel,
  formatValue,
  type ValueLabels,
} from './audit-labels';

function labels(lang: 'zh' | 'en'): ValueLabels {
  localStorage.clear();
  TestBed.resetTestingModule();
  const i18n = TestBed.inject(I18nService);
  i18n.setLang(lang);
  return { lang, level: i18n.level, kind: i18n.kind, grade: i18n.grade, role: i18n.role };
}

describe('audit action and object names', () => {
  it('names actions in Chinese, and in English when the UI is English', () => {
    expect(actionLabel('organisation.update', 'zh')).toBe('修改机构');
    expect(actionLabel('organisation.update', 'en')).toBe('Edited organisation');
    expect(actionLabel('auth.login_failed', 'zh')).toBe('登录失败');
    expect(actionLabel('application.submit', 'zh')).toBe('测评申请：提交');
    expect(actionLabel('application.return', 'en')).toBe('Application: Return for supplement');
    expect(actionLabel('something.new', 'zh')).toBe('something.new');
  });

  it('has a name for every action the api writes, in both languages, none raw', () => {
    for (const a of ['user.update_password', 'scheme.new_version', 'organisation.import.create', 'evidence.add'])
      expect(AUDIT_ACTIONS).toContain(a);
    for (const a of AUDIT_ACTIONS) {
      expect(actionLabel(a, 'zh')).not.toBe(a);
      expect(actionLabel(a, 'zh')).toMatch(/[\u4e00-\u9fff]/);
      expect(actionLabel(a, 'en')).toMatch(/^[A-Z]/);
    }
  });

  it('names entity types and fields', () => {
    expect(entityTypeLabel('application', 'zh')).toBe('测评申请');
    expect(entityTypeLabel('org_import', 'en')).toBe('Organisation import');
    expect(fieldLabel('regionCode', 'zh')).toBe('行政区划代码');
    expect(fieldLabel('parentId', 'en')).toBe('Parent');
  });
});

describe('audit before/after', () => {
  it('lists only the changed fields of an edit', () => {
    const before = { code: 'A1', name: '旧名', grade: '2A', parentId: 'p' };
    const after = { code: 'A1', name: '新名', grade: '3A', parentId: 'p' };
    expect(auditChanges(before, after)).toEqual([
      { field: 'name', before: '旧名', after: '新名' },
      { field: 'grade', before: '2A', after: '3A' },
    ]);
  });

  it('lists every field of a creation and of a deletion, and nothing for a login', () => {
    expect(auditChanges(null, { name: 'x', active: true })).toEqual([
      { field: 'name', before: null, after: 'x' },
      { field: 'active', before: null, after: true },
    ]);
    expect(auditChanges({ name: 'x' }, null)).toEqual([{ field: 'name', before: 'x', after: null }]);
    expect(auditChanges(null, null)).toEqual([]);
  });

  it('compares nested values by content and keeps a non-object snapshot whole', () => {
    expect(auditChanges({ windows: [{ key: 'a' }] }, { windows: [{ key: 'a' }] })).toEqual([]);
    expect(auditChanges(null, [{ itemCode: '1', score: 3 }])).toEqual([
      { field: '', before: null, after: [{ itemCode: '1', score: 3 }] },
    ]);
  });

  it('formats values with labels and names, in the UI language', () => {
    const zh = labels('zh');
    const refs = { '0190a1b2-0000-7000-8000-000000000001': '信阳市' };
    expect(formatValue('level', 'county', zh, {})).toBe('区县');
    expect(formatValue('kind', 'hospital', zh, {})).toBe('医院');
    expect(formatValue('grade', '3A', zh, {})).toBe('三级甲等');
    expect(formatValue('role', 'coordinator', zh, {})).toBe('测评管理员');
    expect(formatValue('state', 'submitted', zh, {})).not.toBe('submitted');
    expect(formatValue('active', false, zh, {})).toBe('已停用');
    expect(formatValue('parentId', '0190a1b2-0000-7000-8000-000000000001', zh, refs)).toBe('信阳市');
    expect(formatValue('organisationId', '0190a1b2-0000-7000-8000-00000000ffff', zh, refs)).toBe('0190a1b2');
    expect(formatValue('email', null, zh, {})).toBe('—');
    expect(formatValue('eligibleKinds', ['a', 'b'], zh, {})).toBe('a、b');
    const en = labels('en');
    expect(formatValue('level', 'county', en, {})).toBe('County / district');
    expect(formatValue('active', true, en, {})).toBe('Active');
  });
});
