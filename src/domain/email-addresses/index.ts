export {
  canEmailReach,
  EmailStatusSchema,
  getEmailStatus,
  markEmailBounced,
  removeEmailAddress,
  requestEmailVerification,
  RequestEmailSchema,
  stopEmailDelivery,
  verifyEmailAddress,
  VerifyEmailSchema,
  type EmailAddressDeps,
  type EmailStatus,
} from './email-addresses.js';
export { createEmailAddressRepo, emailAddressIndexes, type EmailAddressRepo } from './email-address-repo.js';
export { unsubscribeTokenFor, userOfUnsubscribeToken } from './unsubscribe-token.js';
