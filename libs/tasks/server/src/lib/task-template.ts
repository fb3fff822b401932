import {
  dueAtEndOf,
  formProblems,
  policyProblems,
  withPolicyDefaults,
  type ReminderPolicy,
  type ResponseField,
} from '@hutong/tasks-model';
import { coded, renderCode } from '@hutong/platform-server';
import type { TaskTemplateDto } from './task.dto';

/** What a task asks, checked: its form and policy valid, its due instant in the future. */
export interface TaskTemplate {
  title: string;
  instructions: string;
  form: ResponseField[];
  dueAt: Date;
  policy: ReminderPolicy;
}

/** The due instant of `dueDate` (by the end of that Asia/Shanghai day) or `dueAt`: exactly one, after `now`. */
export function dueInstant(dto: { dueDate?: string; dueAt?: string }, now: Date): Date {
  if (!dto.dueDate === !dto.dueAt) throw coded('task.due_required');
  const due = dto.dueDate ? dueAtEndOf(dto.dueDate) : new Date(dto.dueAt as string);
  if (due.getTime() <= now.getTime()) throw coded('task.due_in_past');
  return due;
}

/** Field problems as a 400's details (`{ field, code, params, reason }`), the first one's code as the message. */
export function problemsError(
  code: string,
  problems: { field: string; code: string; params: Record<string, string | number> }[],
) {
  return coded(
    code,
    { n: problems.length },
    problems.map((p) => ({ ...p, reason: renderCode(p.code, p.params, 'zh') })),
    400,
  );
}

export function checkedTemplate(dto: TaskTemplateDto, now: Date): TaskTemplate {
  const form: ResponseField[] = dto.form.map((f) => ({
    key: f.key,
    label: f.label.trim(),
    type: f.type,
    required: f.required,
    ...(f.options ? { options: f.options.map((o) => o.trim()) } : {}),
    ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
    ...(f.maxFiles !== undefined ? { maxFiles: f.maxFiles } : {}),
  }));
  const problems = formProblems(form);
  if (problems.length) throw problemsError('task.invalid_form', problems);
  const policy = withPolicyDefaults(dto.policy);
  const [first, ...more] = policyProblems(policy);
  if (first)
    throw coded(
      first,
      {},
      [first, ...more].map((code) => ({ field: 'policy', code, params: {}, reason: renderCode(code, {}, 'zh') })),
      400,
    );
  return { title: dto.title.trim(), instructions: dto.instructions, form, dueAt: dueInstant(dto, now), policy };
}
