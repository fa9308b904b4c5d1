/** Test-only webhook secrets (fixtures, never deployed): two for the test platform, to exercise rotation. */
export const TEST_PLATFORM_SECRETS = {
  "test-12345": ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"],
  "demo-12345": ["whsec_ZGVtby1zZWNyZXQtZm9yLXRlc3RzLW9ubHktMDAwMDA="],
};
