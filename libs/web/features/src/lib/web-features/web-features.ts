import { Component } from '@angular/core';

@Component({
  selector: 'lib-web-features',
  imports: [],
  templateUrl: './web-features.html',
  styleUrl: './web-features.css',
})
export class WebFeatures {}
