import type { ValidatorFn } from '@angular/forms';
import { ORG_CODE_PATTERN, REGION_CODE_PATTERN } from '@hutong/organisations-model';
import { controlText } from '@hutong/platform-web';

export const orgCodeValidator: ValidatorFn = (c) =>
  controlText(c) === '' || ORG_CODE_PATTERN.test(controlText(c)) ? null : { orgCode: true };

export const regionCodeValidator: ValidatorFn = (c) =>
  controlText(c) === '' || REGION_CODE_PATTERN.test(controlText(c)) ? null : { regionCode: true };
