export { authOptions, createAuthOptions, sessionAges, signInPath } from "./options";
export {
  getAuth,
  getServerAuthSession,
  getSessionFromHeaders,
  headersOf,
  type Auth,
  type AuthRequest,
  type SessionFromHeadersOptions,
} from "./session";
export { getUser, type PublicUser } from "./users";
export { signInProviders, type SignInProvider } from "./sign-in-providers";
export { issueServiceToken, isServiceTokenAudience, UnknownAudienceError, type ServiceToken } from "./service-tokens/issue";
export { serviceTokenKeys } from "./service-tokens/keys";
export type { Session } from "next-auth";
export { DATABASE_UNAVAILABLE_MESSAGE, withDatabaseAvailability, withPagesDatabaseAvailability } from "./database-failures";
export {
  announceSessionChange,
  SESSION_TOPIC,
  type SessionCacheOptions,
  type SessionChange,
  type SessionChangeReason,
} from "./session-cache";
export { guardAuthRoutes } from "./auth-route-guards";
export { readBodyWithin } from "./http-limits";
export { audit, type AuditAction, type AuditEntry } from "./audit";
export {
  clientInfo,
  currentRequestId,
  log,
  noteRequestSession,
  requestSessionReader,
  type ClientInfo,
  type RequestSession,
} from "./request-context";
export { readSessionToken } from "./session-cookie";
