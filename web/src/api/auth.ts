import { api } from './client';
import { publicApi, unwrap } from './http';
import type { LoginAnswer, ProfileBody, SignupBody, TwoFactorChallenge } from './schema';

/**
 * Typed calls to /api/auth. Public endpoints go through `publicApi` (CSRF, cookies); the
 * signed-in ones through `api` (bearer token, refresh on 401).
 */

/** What `POST /api/auth/login` answers: tokens, or a challenge for the second factor. */
export type LoginResponse = LoginAnswer;

export function isTwoFactorChallenge(response: LoginResponse): response is TwoFactorChallenge {
  return 'twoFactorRequired' in response && response.twoFactorRequired === true;
}

/** `invitationToken` signs up through an invitation link (even while registration is closed)
 * and joins its organization; the email must be the invited address. */
export const signup = (body: SignupBody) => unwrap(publicApi.POST('/api/auth/signup', { body }));

export const login = (email: string, password: string): Promise<LoginResponse> =>
  unwrap(publicApi.POST('/api/auth/login', { body: { email, password } }));

export const loginWithCode = (challengeToken: string, code: string) =>
  unwrap(publicApi.POST('/api/auth/login/2fa', { body: { challengeToken, code } }));

export const logout = () => unwrap(publicApi.POST('/api/auth/logout'));

export const logoutEverywhere = () => unwrap(api.POST('/api/auth/logout-all'));

export const fetchMe = () => unwrap(api.GET('/api/auth/me'));

export const updateMe = (body: ProfileBody) => unwrap(api.PATCH('/api/auth/me', { body }));

export const changePassword = (currentPassword: string, newPassword: string) =>
  unwrap(api.POST('/api/auth/password', { body: { currentPassword, newPassword } }));

export const fetchSessions = () => unwrap(api.GET('/api/auth/sessions')).then((body) => body.sessions);

export const revokeSession = (id: string) =>
  unwrap(api.DELETE('/api/auth/sessions/{id}', { params: { path: { id } } }));

export const verifyEmail = (token: string) => unwrap(publicApi.POST('/api/auth/verify-email', { body: { token } }));

export const resendVerification = () => unwrap(api.POST('/api/auth/resend-verification'));

export const forgotPassword = (email: string) =>
  unwrap(publicApi.POST('/api/auth/forgot-password', { body: { email } }));

export const resetPassword = (token: string, password: string) =>
  unwrap(publicApi.POST('/api/auth/reset-password', { body: { token, password } }));

export const setUpTwoFactor = () => unwrap(api.POST('/api/auth/2fa/setup'));

export const confirmTwoFactor = (code: string) => unwrap(api.POST('/api/auth/2fa/confirm', { body: { code } }));

export const disableTwoFactor = (password: string, code: string) =>
  unwrap(api.POST('/api/auth/2fa/disable', { body: { password, code } }));
