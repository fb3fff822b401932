import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NZ_MODAL_DATA } from 'ng-zorro-antd/modal';
import { listState } from './list-state';
import { loadResource } from './load-resource';
import { ReasonDialogBody, reasonProblem, type ReasonRequest } from './reason-dialog';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets the resource's effect run and the loader's promises settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    TestBed.tick();
    await new Promise((r) => setTimeout(r, 0));
  }
}

describe('loadResource', () => {
  beforeEach(() => TestBed.resetTestingModule());

  it('keeps the answer to the current params when an older request answers last', async () => {
    const calls = new Map<number, ReturnType<typeof deferred<string>>>();
    const page = signal(1);
    const load = TestBed.runInInjectionContext(() =>
      loadResource({
        params: () => page(),
        loader: (p) => {
          const d = deferred<string>();
          calls.set(p, d);
          return d.promise;
        },
      }),
    );
    await settle();
    page.set(2);
    await settle();
    expect([...calls.keys()]).toEqual([1, 2]);
    // the newer request answers first, the stale one afterwards: the stale answer must not win
    calls.get(2)?.resolve('page two');
    await settle();
    calls.get(1)?.resolve('page one');
    await settle();
    expect(load.value()).toBe('page two');
    expect(load.loading()).toBe(false);
  });

  it('keeps the last value on screen while the next params load', async () => {
    const page = signal(1);
    const pending = deferred<string>();
    const load = TestBed.runInInjectionContext(() =>
      loadResource({ params: () => page(), loader: (p) => (p === 1 ? Promise.resolve('one') : pending.promise) }),
    );
    await settle();
    expect(load.value()).toBe('one');
    page.set(2);
    await settle();
    expect(load.loading()).toBe(true);
    expect(load.value()).toBe('one');
    pending.resolve('two');
    await settle();
    expect(load.value()).toBe('two');
  });

  it('waits while the params are undefined, and translates a failure', async () => {
    const ready = signal(false);
    const loader = jest.fn(() => Promise.reject(new HttpErrorResponse({ status: 0 })));
    const load = TestBed.runInInjectionContext(() =>
      loadResource({ params: () => (ready() ? 'x' : undefined), loader }),
    );
    await settle();
    expect(loader).not.toHaveBeenCalled();
    ready.set(true);
    await settle();
    expect(loader).toHaveBeenCalledTimes(1);
    expect(load.error()).toBeInstanceOf(HttpErrorResponse);
    expect(load.errorMessage()).toBe('无法连接服务器，请稍后再试');
    expect(load.value()).toBeUndefined();
  });

  it('reload() asks again with the same params', async () => {
    let n = 0;
    const load = TestBed.runInInjectionContext(() => loadResource({ loader: () => Promise.resolve(++n) }));
    await settle();
    expect(load.value()).toBe(1);
    load.reload();
    await settle();
    expect(load.value()).toBe(2);
  });
});

describe('listState', () => {
  it('goes back to page 1 when a filter, the page size or the sort changes', () => {
    const list = listState<{ q: string; level: string | null }, 'name'>({ filters: { q: '', level: null } });
    list.setPage(4);
    list.setFilter('level', 'city');
    expect(list.page()).toBe(1);
    expect(list.query().filters).toEqual({ q: '', level: 'city' });

    list.setPage(3);
    list.setPageSize(50);
    expect(list.page()).toBe(1);

    list.setPage(2);
    list.sortBy('name', 'descend');
    expect(list.page()).toBe(1);
    expect(list.sortOrder('name')).toBe('descend');
    expect(list.query()).toMatchObject({ sort: 'name', dir: 'desc' });

    list.setPage(5);
    list.reset();
    expect(list.page()).toBe(1);
    expect(list.filters()).toEqual({ q: '', level: null });
  });

  it('keeps the page when only the page changes, and ignores a cleared sort of another column', () => {
    const list = listState<{ q: string }, 'a' | 'b'>({ filters: { q: '' }, pageSize: 50 });
    list.sortBy('a', 'ascend');
    list.setPage(3);
    list.sortBy('b', null);
    expect(list.page()).toBe(3);
    expect(list.sort()).toBe('a');
    list.setPageSize(50);
    expect(list.page()).toBe(3);
  });
});

describe('reason dialog', () => {
  it('refuses a blank or too long reason', () => {
    expect(reasonProblem('')).toBe('required');
    expect(reasonProblem('   \n ')).toBe('required');
    expect(reasonProblem('x'.repeat(11), 10)).toBe('tooLong');
    expect(reasonProblem('  数据有误  ')).toBeNull();
  });

  function body(request: ReasonRequest) {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [{ provide: NZ_MODAL_DATA, useValue: request }] });
    const fixture = TestBed.createComponent(ReasonDialogBody);
    fixture.detectChanges();
    return fixture;
  }

  it('stays open with the message when confirmed blank, and does not submit', async () => {
    const submit = jest.fn(() => Promise.resolve());
    const fixture = body({ title: '提出异议', description: '异议将提交给测评管理员', submit, testId: 'why' });
    fixture.componentInstance.text.set('   ');
    await expect(fixture.componentInstance.confirm()).resolves.toBe(false);
    fixture.detectChanges();
    expect(submit).not.toHaveBeenCalled();
    const el: HTMLElement = fixture.nativeElement;
    expect(el.querySelector('[data-testid="reason-invalid"]')?.textContent).toContain('请填写原因');
    expect(el.querySelector('[data-testid="reason-what"]')?.textContent).toContain('异议将提交给测评管理员');
    expect(el.querySelector('[data-testid="why"]')).not.toBeNull();
  });

  it('submits the trimmed reason, and shows a refusal without closing', async () => {
    const submit = jest
      .fn<Promise<unknown>, [string]>()
      .mockRejectedValueOnce(new HttpErrorResponse({ status: 403 }))
      .mockResolvedValueOnce(undefined);
    const fixture = body({ title: 't', submit });
    fixture.componentInstance.text.set('  证明材料不全 ');
    await expect(fixture.componentInstance.confirm()).resolves.toBe(false);
    expect(fixture.componentInstance.serverError()).toBe('没有权限执行此操作');
    await expect(fixture.componentInstance.confirm()).resolves.toBe(true);
    expect(submit).toHaveBeenLastCalledWith('证明材料不全');
  });
});
