import { errorsOf, type MessageCatalogue, type MessageTable } from '@hutong/platform-model';
import { PASSPHRASE_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-limits';

/** The identity capability's codes (zh/en): sign-in, users, the password policy. */
export const IDENTITY_MESSAGES = {
  'auth.bad_credentials': { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  'auth.too_many_attempts': {
    status: 429,
    zh: '登录尝试过多，请稍后再试',
    en: 'Too many sign-in attempts, please try again later',
  },
  'user.username_format': {
    zh: '用户名应为3–64位字母、数字、点、下划线或连字符',
    en: 'The username has 3–64 letters, digits, dots, underscores or hyphens',
  },
  'user.display_name_length': { zh: '姓名应为1–100个字符', en: 'The name has 1–100 characters' },
  'user.email_invalid': { zh: '邮箱格式不正确', en: 'Not a valid email address' },
  'user.role_invalid': { zh: '角色无效', en: 'Not a valid role' },
  'user.organisation_id_invalid': { zh: '所属机构标识无效', en: 'Not a valid organisation id' },
  'user.jurisdiction_id_invalid': { zh: '管辖范围标识无效', en: 'Not a valid jurisdiction id' },
  'user.organisation_required': { status: 400, zh: '该角色必须指定所属机构', en: 'This role needs an organisation' },
  'user.jurisdiction_required': { status: 400, zh: '该角色必须指定管辖范围', en: 'This role needs a jurisdiction' },
  'user.username_taken': { status: 409, zh: '用户名“{username}”已存在', en: 'The username “{username}” is taken' },
  'user.cannot_demote_self': {
    status: 400,
    zh: '不能停用自己或取消自己的管理员角色',
    en: 'You cannot deactivate yourself or give up your own administrator role',
  },
  'organisation.has_users': {
    status: 409,
    zh: '还有用户属于或管辖该机构，不能删除',
    en: 'Users belong to or govern this organisation: it cannot be deleted',
  },
  'password.too_short': {
    status: 400,
    zh: `密码至少${PASSWORD_MIN_LENGTH}位`,
    en: `The password has at least ${PASSWORD_MIN_LENGTH} characters`,
  },
  'password.too_long': {
    status: 400,
    zh: `密码不能超过${PASSWORD_MAX_LENGTH}位`,
    en: `The password has at most ${PASSWORD_MAX_LENGTH} characters`,
  },
  'password.contains_username': {
    status: 400,
    zh: '密码不能包含用户名',
    en: 'The password cannot contain the username',
  },
  'password.common': { status: 400, zh: '密码过于常见，请换一个', en: 'The password is too common: choose another' },
  'password.too_simple': {
    status: 400,
    zh: `密码须包含大写字母、小写字母、数字、符号中的至少三类，或长度不少于${PASSPHRASE_LENGTH}位`,
    en: `The password needs 3 of upper case, lower case, digits and symbols, or ${PASSPHRASE_LENGTH}+ characters`,
  },
} satisfies MessageTable;

export type IdentityMessageCode = keyof typeof IDENTITY_MESSAGES;

export const IDENTITY_CATALOGUE: MessageCatalogue<typeof IDENTITY_MESSAGES> = {
  messages: IDENTITY_MESSAGES,
  labels: { entity: { user: { zh: '用户', en: 'user' } } },
};

export const identityError = errorsOf(IDENTITY_MESSAGES);
