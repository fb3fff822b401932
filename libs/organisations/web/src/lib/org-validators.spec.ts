import { FormControl } from '@angular/forms';
import { orgCodeValidator, regionCodeValidator } from './org-validators';

describe('organisation validators', () => {
  it('checks organisation and region codes', () => {
    expect(orgCodeValidator(new FormControl('12320000MB0D12345X'))).toBeNull();
    expect(orgCodeValidator(new FormControl('bad code'))).toEqual({ orgCode: true });
    expect(regionCodeValidator(new FormControl('320100'))).toBeNull();
    expect(regionCodeValidator(new FormControl('32010'))).toEqual({ regionCode: true });
    expect(regionCodeValidator(new FormControl('032010'))).toEqual({ regionCode: true });
  });
});
