/** The SMS channel over Twilio: webhooks, replies made for a phone, reminders by text (docs/sms.md). */
export { createSmsChannel, SMS_STATUS_PATH, SMS_WEBHOOK_PATH, type SmsChannel } from './sms-channel.js';
export { smsIndexes } from './sms-store.js';
export { segmentCount } from './segments.js';
