/**
 * Values shared by the Node side of the test setup (vitest config) and the tests inside workerd.
 * They are test fixtures, not secrets: no deployed environment uses them.
 */
export const TEST_INTERNAL_SECRET = "test-only-internal-token-secret-000000000000";
export const TEST_ISSUER = "https://issuer.test/";
export const TEST_AUDIENCE = "civicgrid-api";
export const TEST_JWKS_URL = "https://issuer.test/.well-known/jwks.json";
