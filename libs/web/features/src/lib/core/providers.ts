import { registerLocaleData } from '@angular/common';
import zh from '@angular/common/locales/zh';
import { makeEnvironmentProviders, type EnvironmentProviders } from '@angular/core';
import {
  ApartmentOutline,
  AuditOutline,
  DeleteOutline,
  DownloadOutline,
  EditOutline,
  FileTextOutline,
  GlobalOutline,
  HomeOutline,
  InboxOutline,
  LockOutline,
  LogoutOutline,
  PlusOutline,
  ReloadOutline,
  SearchOutline,
  TeamOutline,
  UploadOutline,
  UserOutline,
} from '@ant-design/icons-angular/icons';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { en_US, provideNzI18n, zh_CN } from 'ng-zorro-antd/i18n';
import { readStoredLang, safeLocalStorage } from './i18n.service';

/** Only the icons the pages use. */
export const WEB_ICONS = [
  ApartmentOutline,
  AuditOutline,
  DeleteOutline,
  DownloadOutline,
  EditOutline,
  FileTextOutline,
  GlobalOutline,
  HomeOutline,
  InboxOutline,
  LockOutline,
  LogoutOutline,
  PlusOutline,
  ReloadOutline,
  SearchOutline,
  TeamOutline,
  UploadOutline,
  UserOutline,
];

/** ng-zorro locale (zh_CN unless English was chosen), Angular's zh locale data and the icons. */
export function provideHutongWeb(): EnvironmentProviders {
  registerLocaleData(zh);
  const stored = readStoredLang(safeLocalStorage());
  return makeEnvironmentProviders([provideNzI18n(stored === 'en' ? en_US : zh_CN), provideNzIcons(WEB_ICONS)]);
}
