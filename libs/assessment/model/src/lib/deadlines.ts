import type { ApplicationState, StageWindow, StageWindowKey } from './contracts';

/**
 * The Asia/Shanghai date (yyyy-MM-dd) by which the application's current step is due, if the step
 * has one: the application window for a draft, the opening of the document review for the
 * completeness check, the coordinator's return deadline for a returned application, and the end of
 * the stage's window for document review, on-site inspection and rating.
 */
export function dueDateOf(
  state: ApplicationState,
  windows: StageWindow[],
  returnDeadline: string | null,
): string | null {
  const ends = (key: StageWindowKey) => windows.find((w) => w.key === key)?.end ?? null;
  const opens = (key: StageWindowKey) => windows.find((w) => w.key === key)?.start ?? null;
  switch (state) {
    case 'draft':
      return ends('application');
    case 'submitted':
    case 'completeness_check':
      return opens('documentReview');
    case 'returned':
      return returnDeadline;
    case 'document_review':
      return ends('documentReview');
    case 'onsite':
      return ends('onsite');
    case 'rating':
      return ends('results');
    default:
      return null;
  }
}
