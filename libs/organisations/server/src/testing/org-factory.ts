import type { EntityManager } from '@mikro-orm/postgresql';
import { childPath, type HospitalGrade, type OrgKind, type OrgLevel } from '@hutong/platform-model';
import { newId } from '@hutong/platform-database';
import { Organisation } from '../lib/entities/organisation.entity';

export interface OrgSpec {
  name?: string;
  code?: string;
  kind?: OrgKind;
  grade?: HospitalGrade | null;
  regionCode?: string;
}

/** A small province as the hierarchy tests need it: two cities, a county each, hospitals under them. */
export interface Province {
  province: Organisation;
  xinyang: Organisation;
  zhengzhou: Organisation;
  /** 浉河区 (信阳) */
  shihe: Organisation;
  /** 金水区 (郑州) */
  jinshui: Organisation;
  /** hospitals of 信阳: one under the city, one under 浉河区 */
  xinyangHospital: Organisation;
  shiheHospital: Organisation;
  /** a hospital of 郑州 (金水区) */
  zhengzhouHospital: Organisation;
}

let codes = 0;

/**
 * Writes organisations straight to the database (the rules of OrganisationService are what its own tests
 * check; a factory only needs rows that satisfy the schema), each with its materialised path.
 */
export class OrgFactory {
  constructor(private readonly em: EntityManager) {}

  async create(level: OrgLevel, parent: Organisation | null, spec: OrgSpec = {}): Promise<Organisation> {
    const em = this.em.fork();
    const id = newId();
    const n = ++codes;
    const kind = spec.kind ?? (level === 'institution' ? 'hospital' : 'region');
    const org = em.create(Organisation, {
      id,
      code: spec.code ?? `T${process.pid}${n.toString().padStart(5, '0')}`,
      name: spec.name ?? `${level}-${n}`,
      level,
      kind,
      grade: spec.grade ?? (kind === 'hospital' ? '3A' : null),
      regionCode: spec.regionCode ?? parent?.regionCode ?? '410000',
      parent: parent ? em.getReference(Organisation, parent.id) : null,
      path: childPath(parent?.path ?? null, id),
    });
    await em.persist(org).flush();
    return org;
  }

  province(spec: OrgSpec = {}): Promise<Organisation> {
    return this.create('province', null, { regionCode: '410000', name: '河南省', ...spec });
  }

  city(parent: Organisation, spec: OrgSpec = {}): Promise<Organisation> {
    return this.create('city', parent, spec);
  }

  county(parent: Organisation, spec: OrgSpec = {}): Promise<Organisation> {
    return this.create('county', parent, spec);
  }

  hospital(parent: Organisation, spec: OrgSpec = {}): Promise<Organisation> {
    return this.create('institution', parent, { kind: 'hospital', ...spec });
  }

  institution(parent: Organisation, kind: OrgKind, spec: OrgSpec = {}): Promise<Organisation> {
    return this.create('institution', parent, { kind, grade: null, ...spec });
  }

  async provinceTree(): Promise<Province> {
    const province = await this.province();
    const xinyang = await this.city(province, { name: '信阳市', regionCode: '411500' });
    const zhengzhou = await this.city(province, { name: '郑州市', regionCode: '410100' });
    const shihe = await this.county(xinyang, { name: '浉河区', regionCode: '411502' });
    const jinshui = await this.county(zhengzhou, { name: '金水区', regionCode: '410105' });
    return {
      province,
      xinyang,
      zhengzhou,
      shihe,
      jinshui,
      xinyangHospital: await this.hospital(xinyang, { name: '信阳市中心医院' }),
      shiheHospital: await this.hospital(shihe, { name: '浉河区人民医院', grade: '2A' }),
      zhengzhouHospital: await this.hospital(jinshui, { name: '郑州大学第一附属医院' }),
    };
  }
}
