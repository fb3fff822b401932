import type { ResponseField } from '@hutong/tasks-model';
import {
  cleanAnswers,
  dueDay,
  dueHint,
  emptyField,
  parseOptions,
  pickedDate,
  pickerValue,
  problemsByField,
  toResponseFields,
} from './task-logic';

describe('dueHint', () => {
  // due by the end of 2023-07-03 in Shanghai: 00:00 of 4 July there, as the api stores it
  const due = '2023-07-03T16:00:00.000Z';
  it('reads the due day as the Shanghai date the due instant ends', () => {
    expect(dueDay(due)).toBe('2023-07-03');
    expect(dueDay('2023-07-03T08:00:00.000Z')).toBe('2023-07-03');
  });
  it('counts Shanghai calendar days left', () => {
    expect(dueHint(due, 'open', new Date('2023-06-30T02:00:00Z'))).toEqual({ key: 'tasks.due.left', n: 3 });
    // 23:30 on 2 July in Shanghai is still one day before
    expect(dueHint(due, 'acknowledged', new Date('2023-07-02T15:30:00Z'))).toEqual({ key: 'tasks.due.left', n: 1 });
  });
  it('says due today on the due day', () => {
    expect(dueHint(due, 'open', new Date('2023-07-03T01:00:00Z'))).toEqual({ key: 'tasks.due.today' });
  });
  it('counts overdue days once past the due instant', () => {
    expect(dueHint(due, 'returned', new Date('2023-07-05T04:00:00Z'))).toEqual({ key: 'tasks.due.overdue', n: 2 });
    expect(dueHint(due, 'open', new Date('2023-07-03T16:00:00Z'))).toEqual({ key: 'tasks.due.overdue', n: 1 });
    expect(dueHint(due, 'open', new Date('2023-07-03T15:59:59Z'))).toEqual({ key: 'tasks.due.today' });
  });
  it('says nothing once the task no longer waits', () => {
    expect(dueHint(due, 'submitted', new Date('2023-07-05T04:00:00Z'))).toBeNull();
    expect(dueHint(due, 'accepted', new Date('2023-06-30T04:00:00Z'))).toBeNull();
  });
});

describe('the form builder', () => {
  it('splits options on new lines and commas, dropping blanks and repeats', () => {
    expect(parseOptions('是\n否，不适用, 是\n\n')).toEqual(['是', '否', '不适用']);
  });
  it('gives the response form with keys, trimmed labels and options only for choices', () => {
    const fields = toResponseFields([
      { ...emptyField('text'), label: ' 整改说明 ' },
      { label: '完成日期', type: 'date', required: false, options: 'x' },
      { label: '是否完成', type: 'choice', required: true, options: '是\n否' },
      { ...emptyField('attachments'), label: '证明材料' },
    ]);
    expect(fields).toEqual([
      { key: 'field_1', label: '整改说明', type: 'text', required: true },
      { key: 'field_2', label: '完成日期', type: 'date', required: false },
      { key: 'field_3', label: '是否完成', type: 'choice', required: true, options: ['是', '否'] },
      { key: 'field_4', label: '证明材料', type: 'attachments', required: true },
    ]);
  });
});

describe('answer problems', () => {
  const form: ResponseField[] = [
    { key: 'note', label: '说明', type: 'text', required: true, maxLength: 5 },
    { key: 'day', label: '日期', type: 'date', required: false },
    { key: 'pick', label: '选择', type: 'choice', required: true, options: ['是', '否'] },
    { key: 'files', label: '附件', type: 'attachments', required: true, maxFiles: 1 },
  ];
  it('names the first problem of each field', () => {
    const p = problemsByField(form, { note: '123456', day: '2023-02-30', pick: '', files: ['a', 'b'] });
    expect(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.code]))).toEqual({
      note: 'task.answer_too_long',
      day: 'task.answer_not_date',
      pick: 'task.answer_required',
      files: 'task.answer_too_many_files',
    });
    expect(p['note'].params).toMatchObject({ label: '说明', max: 5 });
  });
  it('is empty for good answers, and blank optional answers are not sent', () => {
    const answers = { note: ' ok ', day: '  ', pick: '是', files: ['a'] };
    expect(problemsByField(form, answers)).toEqual({});
    expect(cleanAnswers(form, answers)).toEqual({ note: 'ok', pick: '是', files: ['a'] });
  });
});

describe('date picker values', () => {
  it('reads the calendar day the picker shows, whatever the hour', () => {
    expect(pickedDate(new Date(2026, 11, 20, 23, 30))).toBe('2026-12-20');
    expect(pickedDate(pickerValue('2026-01-05'))).toBe('2026-01-05');
  });
});
