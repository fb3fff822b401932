import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type {
  Answer,
  ApplicationState,
  EvidenceView,
  IndicatorNode,
  Level,
  LevelRule,
  SchemeKind,
} from '@hutong/assessment-model';
import type { OrgLevel } from '@hutong/platform-model';
import { notFound } from '@hutong/platform-server';
import { Application, Cycle } from './entities/assessment.entities';
import { APPLICATION_POPULATE, ApplicationRepository } from './application.repository';
import { evidenceView } from './application.mappers';

/** What another capability (the expert review) needs to know of an application, without its tables. */
export interface ApplicationSubject {
  id: string;
  cycleId: string;
  cycleName: string;
  cycleYear: number;
  /** the cycle's jurisdiction: its materialised path and level (a city's cycle, a province's …) */
  jurisdictionPath: string;
  jurisdictionLevel: OrgLevel;
  organisationId: string;
  organisationName: string;
  organisationPath: string;
  state: ApplicationState;
  targetLevel: Level;
  schemeId: string;
  schemeKind: SchemeKind;
}

/** The self-assessment as a reviewer reads it: the scheme, the answers and statements, the evidence list. */
export interface ApplicationDossier extends ApplicationSubject {
  schemeName: string;
  tree: IndicatorNode[];
  levelRules: LevelRule[];
  answers: Answer[];
  evidence: EvidenceView[];
  consensusScores: Record<string, number>;
}

function subjectOf(a: Application): ApplicationSubject {
  return {
    id: a.id,
    cycleId: a.cycle.id,
    cycleName: a.cycle.name,
    cycleYear: a.cycle.year,
    jurisdictionPath: a.cycle.jurisdiction.path,
    jurisdictionLevel: a.cycle.jurisdiction.level,
    organisationId: a.organisation.id,
    organisationName: a.organisation.name,
    organisationPath: a.organisation.path,
    state: a.state,
    targetLevel: a.targetLevel,
    schemeId: a.scheme.id,
    schemeKind: a.scheme.kind,
  };
}

/**
 * Read-only access to applications for other capabilities: no caller check here — the caller's capability decides
 * who may see what (the review capability lets an expert read only what it is assigned to, never a conflicted one).
 */
@Injectable()
export class ApplicationReader {
  constructor(
    private readonly em: EntityManager,
    private readonly repo: ApplicationRepository,
  ) {}

  /** A cycle's name, year and jurisdiction (null when there is none). */
  async cycle(
    id: string,
  ): Promise<{ id: string; name: string; year: number; jurisdictionPath: string; jurisdictionLevel: OrgLevel } | null> {
    const c = await this.em.fork().findOne(Cycle, { id }, { populate: ['jurisdiction'] });
    return c
      ? {
          id: c.id,
          name: c.name,
          year: c.year,
          jurisdictionPath: c.jurisdiction.path,
          jurisdictionLevel: c.jurisdiction.level,
        }
      : null;
  }

  /** The applications with these ids, in the given order (unknown ids left out). */
  async subjects(ids: string[]): Promise<ApplicationSubject[]> {
    return (await this.repo.byIds(ids, this.em.fork())).map(subjectOf);
  }

  /** The applications of a cycle in the given states, by organisation name. */
  async inCycle(cycleId: string, states: readonly ApplicationState[]): Promise<ApplicationSubject[]> {
    const apps = await this.em
      .fork()
      .find(
        Application,
        { cycle: cycleId, state: { $in: [...states] } },
        { populate: APPLICATION_POPULATE, orderBy: { organisation: { name: 'asc' } } },
      );
    return apps.map(subjectOf);
  }

  async dossier(id: string): Promise<ApplicationDossier> {
    const em = this.em.fork();
    const a = await this.repo.load(em, id);
    if (!a) throw notFound('application');
    const evidence = await this.repo.liveEvidence(em, id);
    return {
      ...subjectOf(a),
      schemeName: a.scheme.name,
      tree: a.scheme.tree,
      levelRules: a.scheme.levelRules,
      answers: a.answers,
      evidence: evidence.map(evidenceView),
      consensusScores: a.consensusScores,
    };
  }
}
