import { apiRequest } from './client';
import { send } from './http';
import type {
  AuthResponse,
  LoginResponse,
  MessageResponse,
  ProfileChanges,
  RevokedResponse,
  Session,
  TwoFactorSetup,
  User,
  UserType,
} from './types';

/**
 * Typed calls to /api/auth. Public endpoints go through `send` (CSRF, cookies); the
 * signed-in ones through `apiRequest` (bearer token, refresh on 401).
 */

export interface SignupInput {
  email: string;
  password: string;
  name: string;
  userType: UserType;
  /** Signs up through an invitation link (even while registration is closed) and joins its
   * organization; the email must be the invited address. */
  invitationToken?: string;
}

export const signup = (input: SignupInput) => send<AuthResponse>('POST', '/api/auth/signup', { body: input });

export const login = (email: string, password: string) =>
  send<LoginResponse>('POST', '/api/auth/login', { body: { email, password } });

export const loginWithCode = (challengeToken: string, code: string) =>
  send<AuthResponse>('POST', '/api/auth/login/2fa', { body: { challengeToken, code } });

export const logout = () => send<MessageResponse>('POST', '/api/auth/logout');

export const logoutEverywhere = () => apiRequest<RevokedResponse>('POST', '/api/auth/logout-all');

export const fetchMe = () => apiRequest<User>('GET', '/api/auth/me');

export const updateMe = (changes: ProfileChanges) => apiRequest<User>('PATCH', '/api/auth/me', changes);

export const changePassword = (currentPassword: string, newPassword: string) =>
  apiRequest<RevokedResponse>('POST', '/api/auth/password', { currentPassword, newPassword });

export const fetchSessions = () =>
  apiRequest<{ sessions: Session[] }>('GET', '/api/auth/sessions').then((body) => body.sessions);

export const revokeSession = (id: string) =>
  apiRequest<MessageResponse>('DELETE', `/api/auth/sessions/${encodeURIComponent(id)}`);

export const verifyEmail = (token: string) =>
  send<MessageResponse>('POST', '/api/auth/verify-email', { body: { token } });

export const resendVerification = () => apiRequest<MessageResponse>('POST', '/api/auth/resend-verification');

export const forgotPassword = (email: string) =>
  send<MessageResponse>('POST', '/api/auth/forgot-password', { body: { email } });

export const resetPassword = (token: string, password: string) =>
  send<MessageResponse>('POST', '/api/auth/reset-password', { body: { token, password } });

export const setUpTwoFactor = () => apiRequest<TwoFactorSetup>('POST', '/api/auth/2fa/setup');

export const confirmTwoFactor = (code: string) =>
  apiRequest<{ enabled: true; recoveryCodes: string[] }>('POST', '/api/auth/2fa/confirm', { code });

export const disableTwoFactor = (password: string, code: string) =>
  apiRequest<{ enabled: false }>('POST', '/api/auth/2fa/disable', { password, code });
