/**
 * Users through UserService and AuthService on PostgreSQL: the password policy, who needs an organisation or a
 * jurisdiction, the scope a login gives, audit entries, and an organisation with users that cannot be deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { refused, startTestApp, type TestApp } from '@hutong/platform-server/testing';
import { ORGANISATION_ENTITIES, OrganisationService, OrganisationsModule } from '@hutong/organisations-server';
import { OrgFactory, type Province } from '@hutong/organisations-server/testing';
import { UserFactory, type TestUser } from '../../testing';
import { IDENTITY_ENTITIES, IdentityModule } from '../identity.module';
import { AuthService } from '../auth/auth.service';
import { UserService } from './user.service';

let t: TestApp;
let users: UserService;
let auth: AuthService;
let p: Province;
let admin: TestUser;

beforeAll(async () => {
  t = await startTestApp({
    imports: [IdentityModule, OrganisationsModule],
    entities: [...ORGANISATION_ENTITIES, ...IDENTITY_ENTITIES],
  });
  users = t.service(UserService);
  auth = t.service(AuthService);
  p = await new OrgFactory(t.em).provinceTree();
  admin = await new UserFactory(t.em).admin();
});

afterAll(async () => {
  await t?.close();
});

const userCount = async () => (await t.sql<{ n: number }>('select count(*)::int as n from app_user'))[0].n;

describe('the password policy', () => {
  it.each([
    ['Short-1', 'password.too_short'],
    ['Zz-coordinator-2026', 'password.contains_username'],
    ['lowercase-only', 'password.too_simple'],
  ])('refuses %s with %s on the password field, writing nothing', async (password, code) => {
    const before = await userCount();
    const body = await refused(
      users.create(admin.principal, {
        username: 'zz-coordinator',
        displayName: '郑州',
        role: 'coordinator',
        password,
        jurisdictionId: p.zhengzhou.id,
      }),
    );
    expect(body).toMatchObject({ statusCode: 400, code, details: [{ field: 'password', reason: body.message }] });
    expect(await userCount()).toBe(before);
  });
});

describe('creating users', () => {
  it('a coordinator needs a jurisdiction, an applicant an organisation (400)', async () => {
    expect(
      await refused(
        users.create(admin.principal, {
          username: 'no-scope',
          displayName: 'x',
          role: 'coordinator',
          password: 'Zhengzhou-2026',
        }),
      ),
    ).toMatchObject({ statusCode: 400, message: '该角色必须指定管辖范围' });
    expect(
      await refused(
        users.create(admin.principal, {
          username: 'no-org',
          displayName: 'x',
          role: 'applicant',
          password: 'Zhengzhou-2026',
        }),
      ),
    ).toMatchObject({ statusCode: 400, message: '该角色必须指定所属机构' });
  });

  it('creates a coordinator in a jurisdiction whose login acts on exactly that subtree; audited without the password', async () => {
    const view = await users.create(admin.principal, {
      username: 'zz-coord',
      displayName: ' 郑州管理员 ',
      role: 'coordinator',
      password: 'Zhengzhou-2026',
      jurisdictionId: p.zhengzhou.id,
    });
    expect(view).toMatchObject({
      username: 'zz-coord',
      displayName: '郑州管理员',
      role: 'coordinator',
      jurisdiction: { id: p.zhengzhou.id },
      active: true,
    });
    const [entry] = await t.sql<{ after: Record<string, unknown> }>(
      "select after from audit_entry where action = 'user.create' and entity_id = ?",
      [view.id],
    );
    expect(entry.after).toEqual(expect.objectContaining({ username: 'zz-coord', jurisdictionId: p.zhengzhou.id }));
    expect(JSON.stringify(entry.after)).not.toMatch(/password|argon2/i);

    const { token, me } = await auth.login('zz-coord', 'Zhengzhou-2026', '127.0.0.1', 'test');
    expect(me.jurisdiction).toEqual({ id: p.zhengzhou.id, code: p.zhengzhou.code, name: p.zhengzhou.name });
    const principal = await auth.principalForToken(token, null, null);
    expect(principal).toMatchObject({ id: view.id, role: 'coordinator', scopePath: p.zhengzhou.path });
    expect(await refused(auth.login('zz-coord', 'wrong-Password-1', null, null))).toMatchObject({ statusCode: 401 });
  });

  it('creates a national user (国家级管理机构) with neither organisation nor jurisdiction: its login is nationwide', async () => {
    const view = await users.create(admin.principal, {
      username: 'national-body',
      displayName: '国家级管理机构',
      role: 'national',
      password: 'Guojia-guanli-2026',
      // a jurisdiction given for a nationwide role is not kept
      jurisdictionId: p.zhengzhou.id,
    });
    expect(view).toMatchObject({ role: 'national', organisation: null, jurisdiction: null });
    const { token, me } = await auth.login('national-body', 'Guojia-guanli-2026', '127.0.0.1', 'test');
    expect(me).toMatchObject({ role: 'national', organisation: null, jurisdiction: null });
    expect(await auth.principalForToken(token, null, null)).toMatchObject({
      role: 'national',
      organisationId: null,
      scopePath: '/',
    });
  });

  it('refuses a taken user name (409)', async () => {
    expect(
      await refused(
        users.create(admin.principal, {
          username: 'zz-coord',
          displayName: 'x',
          role: 'viewer',
          password: 'Another-pass-2026',
          jurisdictionId: p.xinyang.id,
        }),
      ),
    ).toMatchObject({ statusCode: 409, message: '用户名“zz-coord”已存在' });
  });

  it('a new password must meet the policy too, and ends the user’s sessions', async () => {
    const applicant = await users.create(admin.principal, {
      username: 'xy-hospital',
      displayName: '信阳医院',
      role: 'applicant',
      password: 'Xinyang-hospital-2026',
      organisationId: p.xinyangHospital.id,
    });
    await auth.login('xy-hospital', 'Xinyang-hospital-2026', null, null);
    expect(await refused(users.update(admin.principal, applicant.id, { password: 'xy-hospital-2026!' }))).toMatchObject(
      {
        statusCode: 400,
        code: 'password.contains_username',
      },
    );
    await users.update(admin.principal, applicant.id, { password: 'Brand-new-secret-2026' });
    expect(await t.sql('select 1 from session where user_id = ?', [applicant.id])).toEqual([]);
  });
});

describe('an organisation with users', () => {
  it('cannot be deleted (organisation.has_users), until its users have moved', async () => {
    const factory = new OrgFactory(t.em);
    const hospital = await factory.hospital(p.shihe);
    const contact = await new UserFactory(t.em).applicant(hospital);
    const orgs = t.service(OrganisationService);
    expect(await refused(orgs.remove(admin.principal, hospital.id))).toMatchObject({
      statusCode: 409,
      code: 'organisation.has_users',
      message: '还有用户属于或管辖该机构，不能删除',
    });
    await users.update(admin.principal, contact.user.id, { organisationId: p.shiheHospital.id });
    await orgs.remove(admin.principal, hospital.id);
    expect(await t.sql('select 1 from organisation where id = ?', [hospital.id])).toEqual([]);
  });
});
