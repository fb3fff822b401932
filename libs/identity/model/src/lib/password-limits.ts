/** The password policy's lengths (password-policy.ts), apart so that the message catalogue can name them. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSPHRASE_LENGTH = 16;
