/** The shapes the accounts API answers with (camelCase JSON). */

export type UserType = 'client' | 'designer';

export interface User {
  id: string;
  email: string;
  name: string;
  userType: UserType;
  createdAt: string;
  avatarUrl: string | null;
  timezone: string | null;
  emailVerified: boolean;
  isAdmin: boolean;
  twoFactorEnabled: boolean;
}

/** What refresh answers. The body's refreshToken is deliberately not modelled: the app
 * relies on the HttpOnly cookie and must never keep that token in script reach. */
export interface TokenResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  tokenType: string;
}

export interface AuthResponse extends TokenResponse {
  user: User;
}

export interface TwoFactorChallenge {
  twoFactorRequired: true;
  challengeToken: string;
  expiresIn: number;
}

export type LoginResponse = AuthResponse | TwoFactorChallenge;

export function isTwoFactorChallenge(response: LoginResponse): response is TwoFactorChallenge {
  return 'twoFactorRequired' in response && response.twoFactorRequired === true;
}

export interface Session {
  id: string;
  deviceName: string;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  isCurrent: boolean;
}

export interface MessageResponse {
  message: string;
}

export interface RevokedResponse extends MessageResponse {
  sessionsRevoked: number;
}

export interface TwoFactorSetup {
  secret: string;
  otpauthUri: string;
}

export interface ProfileChanges {
  name?: string;
  avatarUrl?: string | null;
  timezone?: string | null;
}
