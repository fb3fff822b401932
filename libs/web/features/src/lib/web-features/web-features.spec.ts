import { ComponentFixture, TestBed } from '@angular/core/testing';
import { WebFeatures } from './web-features';

describe('WebFeatures', () => {
  let component: WebFeatures;
  let fixture: ComponentFixture<WebFeatures>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [WebFeatures],
    }).compileComponents();

    fixture = TestBed.createComponent(WebFeatures);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
