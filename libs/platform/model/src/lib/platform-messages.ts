import { errorsOf, type MessageCatalogue, type MessageTable } from './messages';

/** The largest page number a list accepts (anything above is a 400, never an overflowing offset). */
export const MAX_PAGE = 100_000;
/** How deeply a JSON request body may nest (objects and arrays). */
export const MAX_JSON_DEPTH = 32;

/**
 * The platform's codes: generic answers by status, the request's shape (JSON, size, dates, pages,
 * validation), sign-in and access, constraint violations, uploads. Each capability's model lib has its own
 * table (ORGANISATION_MESSAGES, IDENTITY_MESSAGES, ASSESSMENT_MESSAGES); the apps compose them.
 */
export const PLATFORM_MESSAGES = {
  // generic, by status (also what an uncoded Nest exception becomes)
  'common.bad_request': { status: 400, zh: '请求无效', en: 'The request is not valid' },
  'common.forbidden': { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  'common.not_found': { status: 404, zh: '{entity|entity}不存在', en: 'The {entity|entity} does not exist' },
  'common.route_not_found': { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  'common.method_not_allowed': { status: 405, zh: '不支持该请求方法', en: 'The method is not allowed' },
  'common.conflict': { status: 409, zh: '操作与现有数据冲突', en: 'The request conflicts with the current data' },
  'common.unsupported_media_type': { status: 415, zh: '不支持的内容类型', en: 'The content type is not supported' },
  'common.unprocessable': { status: 422, zh: '请求无法处理', en: 'The request cannot be processed' },
  'common.too_many_requests': {
    status: 429,
    zh: '请求过多，请稍后再试',
    en: 'Too many requests, please try again later',
  },
  'common.server_error': { status: 500, zh: '服务器错误，请稍后再试', en: 'Server error, please try again later' },
  'common.unavailable': {
    status: 503,
    zh: '服务暂不可用，请稍后再试',
    en: 'The service is unavailable, please try again later',
  },
  'queue.unavailable': {
    status: 503,
    zh: '任务队列不可用，请稍后重试',
    en: 'The job queue is unavailable, please try again later',
  },

  // the request itself
  'request.malformed_json': { status: 400, zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  'request.too_large': {
    status: 413,
    zh: '请求内容过大：不能超过 {limit}',
    en: 'The request body is too large: at most {limit}',
  },
  'request.too_deep': {
    status: 400,
    zh: '请求内容嵌套过深：不能超过 {max} 层',
    en: 'The request body nests too deeply: at most {max} levels',
  },
  'request.invalid_value': { status: 400, zh: '请求中有无效的值', en: 'The request holds a value that is not valid' },
  'request.out_of_range': {
    status: 400,
    zh: '请求中的数值超出允许的范围',
    en: 'A number in the request is out of range',
  },
  'date.invalid': { status: 400, zh: '日期“{value}”不存在', en: 'The date “{value}” does not exist' },
  'date.range_reversed': {
    status: 400,
    zh: '开始日期不能晚于结束日期',
    en: 'The start date cannot be after the end date',
  },

  // class-validator failures: validation.failed with one detail per field
  'validation.failed': { status: 400, zh: '请求参数有误', en: 'Some fields are not valid' },
  'validation.invalid': { zh: '{field} 无效', en: '{field} is not valid' },
  'validation.unknown_field': { zh: '不允许的字段 {field}', en: 'Unknown field {field}' },
  'validation.required': { zh: '{field} 不能为空', en: '{field} is required' },
  'validation.integer': { zh: '{field} 应为整数', en: '{field} must be a whole number' },
  'validation.number': { zh: '{field} 应为数字', en: '{field} must be a number' },
  'validation.boolean': { zh: '{field} 应为是或否', en: '{field} must be true or false' },
  'validation.string': { zh: '{field} 应为文字', en: '{field} must be text' },
  'validation.array': { zh: '{field} 应为列表', en: '{field} must be a list' },
  'validation.out_of_range': { zh: '{field} 超出允许的范围', en: '{field} is out of range' },
  'validation.length': { zh: '{field} 的长度不符合要求', en: '{field} has a length that is not allowed' },
  'validation.format': { zh: '{field} 的格式不正确', en: '{field} is not in the expected format' },
  'validation.one_of': { zh: '{field} 的取值无效', en: '{field} is not one of the allowed values' },
  'validation.uuid': { zh: '{field} 不是有效的标识', en: '{field} is not a valid id' },
  'validation.email': { zh: '邮箱格式不正确', en: 'Not a valid email address' },
  'validation.date': {
    zh: '{field} 不是有效的日期（yyyy-MM-dd）',
    en: '{field} is not a valid date (yyyy-MM-dd)',
  },
  'validation.page': {
    zh: `页码应为 1 到 ${MAX_PAGE} 之间的整数`,
    en: `The page is a whole number from 1 to ${MAX_PAGE}`,
  },
  'validation.page_size': { zh: '每页条数超出允许的范围', en: 'The page size is out of range' },

  // sign-in and access (the guard)
  'auth.required': { status: 401, zh: '请先登录', en: 'Please sign in' },
  'access.undeclared': { status: 403, zh: '此接口未声明访问规则', en: 'This endpoint declares no access rule' },
  'access.role': { status: 403, zh: '您的角色无权执行此操作', en: 'Your role is not allowed to do this' },
  'access.out_of_jurisdiction': {
    status: 403,
    zh: '该机构不在您的管辖范围内',
    en: 'The organisation is outside your jurisdiction',
  },
  'access.missing_key': { status: 400, zh: '缺少 {key}', en: '{key} is missing' },
  'access.invalid_id': { status: 400, zh: '{key} 不是有效的标识', en: '{key} is not a valid id' },

  // constraint violations a service did not check for (the safety net)
  'db.foreign_key_violation': {
    status: 409,
    zh: '该记录仍被其他数据引用（或引用的数据不存在），不能执行此操作',
    en: 'The record is still referenced by other data (or refers to data that does not exist)',
  },
  'db.unique_violation': {
    status: 409,
    zh: '数据与已有记录重复，不能保存',
    en: 'The data duplicates an existing record and cannot be saved',
  },

  // uploads
  'upload.too_large': {
    status: 413,
    zh: '文件过大：上传的文件不能超过 {limit}',
    en: 'The file is too large: uploads are at most {limit}',
  },
} satisfies MessageTable;

export type PlatformMessageCode = keyof typeof PLATFORM_MESSAGES;

export const PLATFORM_CATALOGUE: MessageCatalogue<typeof PLATFORM_MESSAGES> = {
  messages: PLATFORM_MESSAGES,
  labels: {
    // `{entity|entity}`: each capability adds the names of its own things
    entity: { record: { zh: '记录', en: 'record' } },
  },
};

/** `platformError('date.invalid', { value })` — typed codes, the status from the catalogue. */
export const platformError = errorsOf(PLATFORM_MESSAGES);
