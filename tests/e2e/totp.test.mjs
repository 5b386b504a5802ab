// The test helper that plays the authenticator app must itself be right, or the 2FA
// browser test would fail for the wrong reason: check it against RFC 6238's vectors.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, stepAt, totpForStep } from './totp.mjs';

// RFC 6238 appendix B, SHA-1: the ASCII secret "12345678901234567890" (base32 below). The
// RFC lists 8-digit codes; a 6-digit code is their last six digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const VECTORS = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
  [20000000000, '353130'],
];

describe('TOTP helper', () => {
  it('decodes base32', () => {
    assert.equal(base32Decode(RFC_SECRET).toString('ascii'), '12345678901234567890');
    assert.equal(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq====').toString('ascii'), '12345678901234567890');
  });

  for (const [seconds, code] of VECTORS) {
    it(`gives RFC 6238's code at T=${seconds}`, () => {
      assert.equal(totpForStep(RFC_SECRET, stepAt(seconds * 1000)), code);
    });
  }
});
