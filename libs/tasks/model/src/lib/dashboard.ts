/** The coordinator's dashboard, as the api answers it: every figure read from the rollups, never the live tables. */
import type { ApplicationState } from '@hutong/assessment-model';
import type { TaskStatus } from './contracts';

export interface RegionFigure {
  id: string;
  name: string;
  /** waiting tasks past their due instant in the region's subtree */
  overdue: number;
  /** tasks still waiting for their assignee (overdue included) */
  waiting: number;
}

export interface DueDayFigure {
  /** Asia/Shanghai date (yyyy-MM-dd) of the due day */
  date: string;
  n: number;
}

export interface DashboardView {
  /** the subtree the figures cover (the caller's jurisdiction) */
  scope: { id: string | null; name: string; path: string };
  tasks: {
    byStatus: Record<TaskStatus, number>;
    overdue: number;
    /** mean time from issue to the first response, in hours (null before any response) */
    avgResponseHours: number | null;
  };
  /** what waits for the caller: responses to accept or return, applications to act on */
  todo: { responsesToReview: number; applicationsToAct: number };
  /** the scope's next level down (cities of a province …) with their overdue and waiting tasks */
  overdueByRegion: RegionFigure[];
  /** applications of the chosen cycle by state (null when no cycle is chosen) */
  cycle: { id: string; byState: Record<string, number> } | null;
  /** waiting tasks due in the next 14 days, per due day */
  upcoming: DueDayFigure[];
  /** organisations whose counters are waiting for a refresh (a few seconds after a change) */
  pendingRefresh: number;
}

/** Application states in which the coordinator has the next move (the stage machine's coordinator actions). */
export const COORDINATOR_ACTION_STATES: readonly ApplicationState[] = [
  'submitted',
  'completeness_check',
  'conformance_testing',
  'document_review',
  'onsite',
  'rating',
  'objection',
];

/** Application states in which the national body (国家级管理机构) has the next move: a referred rating. */
export const NATIONAL_ACTION_STATES: readonly ApplicationState[] = ['referred'];
