import type { EntityManager } from '@mikro-orm/postgresql';
import { DEMO_PASSWORD } from '@hutong/organisations-model';
import type { ExpertPool, Specialty } from '@hutong/review-model';
import { Organisation } from '@hutong/organisations-server';
import { User, hashPassword } from '@hutong/identity-server';
import { Expert } from '@hutong/review-server';
import type { Actor, AuditService } from '@hutong/platform-server';

interface DemoExpert {
  username: string;
  name: string;
  title: string;
  affiliation: string;
  pools: ExpertPool[];
  specialties: Specialty[];
  vendorTies: string[];
}

/** The demo expert pool: the demo `expert` and three more (one works at the demo applicant: a conflict to see). */
export const DEMO_EXPERTS: DemoExpert[] = [
  {
    username: 'expert',
    name: '评审专家',
    title: '正高级工程师',
    affiliation: '河南省互联互通测评分中心',
    pools: ['quantitative', 'qualitative'],
    specialties: ['datasets', 'documents', 'services', 'infrastructure', 'effect'],
    vendorTies: [],
  },
  {
    username: 'expert2',
    name: '王建国',
    title: '信息中心主任（副高级）',
    affiliation: '郑州市中心医院',
    pools: ['qualitative'],
    specialties: ['datasets', 'documents', 'services'],
    vendorTies: ['东软集团'],
  },
  {
    username: 'expert3',
    name: '李淑华',
    title: '正高级工程师',
    affiliation: '河南省人民医院',
    pools: ['qualitative'],
    specialties: ['infrastructure', 'effect', 'documents'],
    vendorTies: [],
  },
  {
    username: 'expert4',
    name: '赵明',
    title: '信息科科长（副高级）',
    affiliation: '信阳市中心医院',
    pools: ['qualitative'],
    specialties: ['services', 'infrastructure', 'effect'],
    vendorTies: [],
  },
];

/** Expert users (beyond the demo `expert`) and their profiles; idempotent. Returns the profiles created. */
export async function seedDemoExperts(em: EntityManager, audit: AuditService, actor: Actor): Promise<number> {
  let made = 0;
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const d of DEMO_EXPERTS) {
    const affiliation = await em.findOne(Organisation, { name: d.affiliation });
    if (!affiliation) continue;
    let user = await em.findOne(User, { username: d.username });
    if (!user) {
      user = em.create(User, {
        username: d.username,
        displayName: d.name,
        role: 'expert',
        passwordHash: hash,
        organisation: affiliation,
        jurisdiction: affiliation,
      });
      em.persist(user);
      audit.record(em, actor, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        after: { username: d.username, role: 'expert' },
      });
    }
    if (user.role !== 'expert' || (await em.findOne(Expert, { user }))) continue;
    const e = em.create(Expert, {
      user,
      name: d.name,
      title: d.title,
      affiliation,
      pools: d.pools,
      specialties: d.specialties,
      vendorTies: d.vendorTies,
    });
    em.persist(e);
    audit.record(em, actor, {
      action: 'expert.create',
      entityType: 'expert',
      entityId: e.id,
      after: { name: d.name, affiliationId: affiliation.id },
    });
    made++;
  }
  return made;
}
