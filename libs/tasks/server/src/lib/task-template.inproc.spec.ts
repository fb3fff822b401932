/** The task template's checks (no database; in the in-process tier because the platform server lib loads as ESM only). */
import { describe, expect, it } from '@jest/globals';
import type { HttpException } from '@nestjs/common';
import { registerMessages } from '@hutong/platform-server';
import { TASKS_CATALOGUE, withPolicyDefaults } from '@hutong/tasks-model';
import { checkedTemplate, dueInstant } from './task-template';

registerMessages(TASKS_CATALOGUE);
const now = new Date('2026-03-10T02:00:00Z');

function refusal(f: () => unknown): { code?: string; details?: unknown } {
  try {
    f();
  } catch (e) {
    return (e as HttpException).getResponse() as { code?: string; details?: unknown };
  }
  throw new Error('expected a refusal');
}

describe('the template of a task', () => {
  it('dues a Shanghai date by the end of that day, or an instant; exactly one, in the future', () => {
    expect(dueInstant({ dueDate: '2026-03-10' }, now).toISOString()).toBe('2026-03-10T16:00:00.000Z');
    expect(dueInstant({ dueAt: '2026-03-11T00:00:00Z' }, now).toISOString()).toBe('2026-03-11T00:00:00.000Z');
    expect(refusal(() => dueInstant({}, now)).code).toBe('task.due_required');
    expect(refusal(() => dueInstant({ dueDate: '2026-03-11', dueAt: '2026-03-11T00:00:00Z' }, now)).code).toBe(
      'task.due_required',
    );
    expect(refusal(() => dueInstant({ dueDate: '2026-03-09' }, now)).code).toBe('task.due_in_past');
  });

  it('trims, fills the policy’s defaults and names every form problem with its text', () => {
    const ok = checkedTemplate(
      {
        title: ' 报送 ',
        instructions: '',
        dueDate: '2026-03-20',
        form: [{ key: 'c', label: ' 选择 ', type: 'choice', required: true, options: [' 是 ', '否'] }],
      },
      now,
    );
    expect(ok).toMatchObject({ title: '报送', form: [{ label: '选择', options: ['是', '否'] }] });
    expect(ok.policy).toEqual(withPolicyDefaults(undefined));
    const bad = refusal(() =>
      checkedTemplate(
        {
          title: 'x',
          instructions: '',
          dueDate: '2026-03-20',
          form: [{ key: '1a', label: 'A', type: 'text', required: true }],
        },
        now,
      ),
    );
    expect(bad).toMatchObject({
      code: 'task.invalid_form',
      details: [{ field: '1a', code: 'task.form_key_format', reason: expect.stringContaining('1a') }],
    });
    expect(
      refusal(() =>
        checkedTemplate(
          { title: 'x', instructions: '', dueDate: '2026-03-20', form: [], policy: { beforeDays: [0], sendHour: 23 } },
          now,
        ),
      ),
    ).toMatchObject({
      code: 'task.policy_before_days',
      details: [{ code: 'task.policy_before_days' }, { code: 'task.policy_send_hour' }],
    });
  });
});
