import type { TextBundle } from '@hutong/platform-web';
import { IDENTITY_CATALOGUE } from '@hutong/identity-model';

/** The identity pages' texts (loaded with their routes; the login page needs only the core texts). Chinese is the source; English must have every key (the type checks it). */
export const IDENTITY_ZH = {
  'users.title': '用户',
  'users.username': '用户名',
  'users.displayName': '姓名',
  'users.email': '邮箱',
  'users.role': '角色',
  'users.password': '密码',
  'users.passwordHintEdit': '留空则不修改密码',
  'users.organisation': '所属机构',
  'users.jurisdiction': '管辖范围',
  'users.active': '状态',
  'users.activeYes': '启用',
  'users.activeNo': '已停用',
  'users.lastLogin': '最近登录',
  'users.searchPlaceholder': '用户名或姓名',
  'users.empty': '没有符合条件的用户',
  'users.createTitle': '新增用户',
  'users.editTitle': '编辑用户',
  'users.deactivate': '停用',
  'users.activate': '启用',
  'users.deactivateConfirm': '确定停用“{name}”吗？停用后该用户无法登录。',
  'users.activateConfirm': '确定启用“{name}”吗？',
  'users.usernameInvalid': '用户名为3–64位字母、数字、点、下划线或连字符',
  'users.emailInvalid': '邮箱格式不正确',
  'users.pickOrg': '选择机构',
  'users.organisationRequired': '该角色需要选择所属机构',
  'users.jurisdictionRequired': '该角色需要选择管辖范围',
  'title.users': '用户',
} as const;

export type IdentityTextKey = keyof typeof IDENTITY_ZH;

export const IDENTITY_EN: Record<keyof typeof IDENTITY_ZH, string> = {
  'users.title': 'Users',
  'users.username': 'Username',
  'users.displayName': 'Name',
  'users.email': 'Email',
  'users.role': 'Role',
  'users.password': 'Password',
  'users.passwordHintEdit': 'Leave empty to keep the password',
  'users.organisation': 'Organisation',
  'users.jurisdiction': 'Jurisdiction',
  'users.active': 'Status',
  'users.activeYes': 'Active',
  'users.activeNo': 'Deactivated',
  'users.lastLogin': 'Last sign-in',
  'users.searchPlaceholder': 'Username or name',
  'users.empty': 'No users match',
  'users.createTitle': 'New user',
  'users.editTitle': 'Edit user',
  'users.deactivate': 'Deactivate',
  'users.activate': 'Activate',
  'users.deactivateConfirm': 'Deactivate “{name}”? The user can no longer sign in.',
  'users.activateConfirm': 'Activate “{name}”?',
  'users.usernameInvalid': '3–64 letters, digits, dots, underscores or hyphens',
  'users.emailInvalid': 'Not a valid email address',
  'users.pickOrg': 'Choose an organisation',
  'users.organisationRequired': 'This role needs an organisation',
  'users.jurisdictionRequired': 'This role needs a jurisdiction',
  'title.users': 'Users',
};

export const IDENTITY_TEXTS: TextBundle = {
  name: 'identity',
  zh: IDENTITY_ZH,
  en: IDENTITY_EN,
  messages: [IDENTITY_CATALOGUE],
};

declare module '@hutong/platform-web' {
  // the keys above type-check wherever this lib's texts are (see TextKeys)
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
  interface TextKeys extends Record<IdentityTextKey, true> {}
}
