import type { InvitationPreviewView } from '../../api/schema';

/** Why a link cannot be used any more, in words, with what to do about it. */
export function unusableInvitationMessage(preview: InvitationPreviewView | null): string {
  const ask = preview?.inviterName ? `Ask ${preview.inviterName} to invite you again.` : 'Ask for a new invitation.';
  switch (preview?.status) {
    case 'accepted':
      return 'This invitation has already been used.';
    case 'revoked':
      return `This invitation was withdrawn. ${ask}`;
    case 'expired':
      return `This invitation has expired. ${ask}`;
    default:
      // 410 (or no such token): the link was replaced by a newer one, or never existed.
      return 'This invitation link is no longer valid: it has expired, was replaced by a newer one, or was already used. Ask for a new invitation.';
  }
}
