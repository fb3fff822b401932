import { Injectable } from '@nestjs/common';
import type { IndicatorNode } from '@hutong/assessment-model';
import { defaultSchemes } from '@hutong/assessment-model/official';

/**
 * The indicator tree the data-quality scores are read against: the official 2020 regional scheme's (item 5.2.2),
 * as the assessment ships it. Scored through the assessment's own `scoreOf` (see quality.ts of the model).
 */
@Injectable()
export class RegionalSchemeReader {
  private cached: IndicatorNode[] | null = null;

  async tree(): Promise<IndicatorNode[]> {
    this.cached ??= defaultSchemes().find((s) => s.key === 'region-2020')?.tree ?? [];
    return this.cached;
  }
}
