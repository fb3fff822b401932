import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { WEB_ICONS } from '@hutong/platform-web';
import { LoginPage } from './login.page';

describe('LoginPage', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideNzIcons(WEB_ICONS)],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(LoginPage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const type = (testId: string, value: string) => {
      const input = el.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
      if (!input) throw new Error(testId);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = () => el.querySelector<HTMLButtonElement>('[data-testid="login-submit"]')?.click();
    return { fixture, el, type, submit };
  }

  it('validates inline without calling the server', async () => {
    const { fixture, el, submit } = await render();
    submit();
    await fixture.whenStable();
    expect(el.textContent).toContain('请输入用户名');
    TestBed.inject(HttpTestingController).expectNone('/api/auth/login');
  });

  it('shows the wrong-credentials message on 401 and keeps the input', async () => {
    const { fixture, el, type, submit } = await render();
    type('login-username', 'coord');
    type('login-password', 'wrong-password1');
    submit();
    const req = TestBed.inject(HttpTestingController).expectOne('/api/auth/login');
    expect(req.request.body).toEqual({ username: 'coord', password: 'wrong-password1' });
    req.flush(
      { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="login-error"]')?.textContent).toContain('用户名或密码错误');
    expect(el.querySelector<HTMLInputElement>('[data-testid="login-username"]')?.value).toBe('coord');
  });

  it('shows the throttling message on 429', async () => {
    const { fixture, el, type, submit } = await render();
    type('login-username', 'coord');
    type('login-password', 'x');
    submit();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 429, error: 'Too Many Requests', message: 'ThrottlerException' },
        { status: 429, statusText: 'Too Many Requests' },
      );
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="login-error"]')?.textContent).toContain('尝试过多，请稍后再试');
  });

  it('goes to the home page of the role after signing in', async () => {
    const { fixture, type, submit } = await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    type('login-username', 'coord');
    type('login-password', 'right-password1');
    submit();
    TestBed.inject(HttpTestingController).expectOne('/api/auth/login').flush({
      id: '1',
      username: 'coord',
      displayName: '张三',
      role: 'coordinator',
      organisation: null,
      jurisdiction: null,
    });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/dashboard');
  });
});
