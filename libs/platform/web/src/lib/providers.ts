import { registerLocaleData } from '@angular/common';
import zh from '@angular/common/locales/zh';
import { makeEnvironmentProviders, type EnvironmentProviders } from '@angular/core';
import {
  ApartmentOutline,
  ScheduleOutline,
  PlusCircleOutline,
  DashboardOutline,
  CarryOutOutline,
  ArrowLeftOutline,
  AuditOutline,
  BellOutline,
  CaretDownOutline,
  CaretRightOutline,
  CalendarOutline,
  CheckCircleOutline,
  ClockCircleOutline,
  DeleteOutline,
  DownloadOutline,
  EditOutline,
  FileTextOutline,
  FileWordOutline,
  FileExcelOutline,
  IdcardOutline,
  GlobalOutline,
  HomeOutline,
  InboxOutline,
  LockOutline,
  LogoutOutline,
  MinusCircleOutline,
  NotificationOutline,
  PaperClipOutline,
  PartitionOutline,
  PlusOutline,
  ReloadOutline,
  RollbackOutline,
  SaveOutline,
  SearchOutline,
  SendOutline,
  SettingOutline,
  SolutionOutline,
  TeamOutline,
  UploadOutline,
  UserOutline,
  WarningOutline,
} from '@ant-design/icons-angular/icons';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { en_US, provideNzI18n, zh_CN } from 'ng-zorro-antd/i18n';
import { TitleStrategy } from '@angular/router';
import { readStoredLang, safeLocalStorage } from './i18n.service';
import { TranslatedTitleStrategy } from './i18n/route-texts';

/** Only the icons the pages use. */
export const WEB_ICONS = [
  ApartmentOutline,
  ScheduleOutline,
  PlusCircleOutline,
  DashboardOutline,
  CarryOutOutline,
  ArrowLeftOutline,
  AuditOutline,
  BellOutline,
  CaretDownOutline,
  CaretRightOutline,
  CalendarOutline,
  CheckCircleOutline,
  ClockCircleOutline,
  DeleteOutline,
  DownloadOutline,
  EditOutline,
  FileTextOutline,
  FileWordOutline,
  FileExcelOutline,
  IdcardOutline,
  GlobalOutline,
  HomeOutline,
  InboxOutline,
  LockOutline,
  LogoutOutline,
  MinusCircleOutline,
  NotificationOutline,
  PaperClipOutline,
  PartitionOutline,
  PlusOutline,
  ReloadOutline,
  RollbackOutline,
  SaveOutline,
  SearchOutline,
  SendOutline,
  SettingOutline,
  SolutionOutline,
  TeamOutline,
  UploadOutline,
  UserOutline,
  WarningOutline,
];

/** ng-zorro locale (zh_CN unless English was chosen), Angular's zh locale data, the icons and translated titles. */
export function provideHutongWeb(): EnvironmentProviders {
  registerLocaleData(zh);
  const stored = readStoredLang(safeLocalStorage());
  return makeEnvironmentProviders([
    provideNzI18n(stored === 'en' ? en_US : zh_CN),
    provideNzIcons(WEB_ICONS),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
  ]);
}
