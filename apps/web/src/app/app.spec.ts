import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { App } from './app';
import { appRoutes } from './app.routes';

describe('App', () => {
  it('renders the router outlet', async () => {
    await TestBed.configureTestingModule({ imports: [App], providers: [provideRouter([])] }).compileComponents();
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('router-outlet')).not.toBeNull();
  });

  it('wires the pages of the web features', () => {
    const paths = appRoutes.flatMap((r) => [r.path, ...(r.children ?? []).map((c) => c.path)]);
    expect(paths).toEqual(
      expect.arrayContaining(['login', 'organisations', 'organisations/import', 'users', 'audit', 'my-organisation']),
    );
  });
});
