// The local twin of the WAF rate-based rule on the API (cdk/artifacts/api.ts API_KEY_RATE_LIMIT):
// API-key requests per client address over a sliding window, refused with the rule's 429 answer;
// signed-in callers are not counted. AWS WAF counts approximately; these tests pin the local rule.
import fc from 'fast-check';
import { RATE_LIMITED_RESPONSE } from '../../../cdk/artifacts/api';
import { startAppSyncHttpServer } from '../../../local/appsync/http-server';
import { SlidingWindowRateLimiter } from '../../../local/appsync/rate-limiter';
import { testEngine } from './support';

describe('SlidingWindowRateLimiter', () => {
  it('never lets more than the limit through in any window, and lets each request through once the window has room', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 120 }), (limit, windowSeconds, gaps) => {
        let now = 0;
        const limiter = new SlidingWindowRateLimiter({ limit, windowSeconds }, () => now);
        const allowed: number[] = [];
        for (const gap of gaps) {
          now += gap;
          const inWindow = allowed.filter((t) => t > now - windowSeconds * 1000).length;
          const answer = limiter.allow('client');
          if (answer) allowed.push(now);
          // Exactly the sliding-window rule: allowed iff fewer than `limit` allowed requests in the window.
          if (answer !== inWindow < limit) return false;
        }
        return true;
      }),
    );
  });

  it('counts each client address on its own', () => {
    const limiter = new SlidingWindowRateLimiter({ limit: 2, windowSeconds: 60 }, () => 0);
    expect([limiter.allow('a'), limiter.allow('a'), limiter.allow('a')]).toEqual([true, true, false]);
    expect(limiter.allow('b')).toBe(true);
  });
});

describe('the local API with the rule on', () => {
  const API_KEY = 'da2-ratelimittestkey000000000';
  const sdl = 'type Query { ping: String @aws_api_key @aws_cognito_user_pools }';

  it('answers API-key requests past the limit with 429 TooManyRequestsException, and does not count other callers', async () => {
    const { engine } = testEngine({ sdl, enabledModes: ['API_KEY', 'AMAZON_COGNITO_USER_POOLS'], resolvers: { 'Query.ping': "export function request() { return {}; } export function response() { return 'pong'; }" } });
    const server = await startAppSyncHttpServer({
      engine,
      enabledModes: ['API_KEY', 'AMAZON_COGNITO_USER_POOLS'],
      authenticators: { apiKeys: () => [API_KEY], verifyUserPoolToken: async () => ({ sub: 'u', username: 'u', groups: [], claims: {}, issuer: 'local', defaultAuthStrategy: 'ALLOW' }) as never },
      apiKeyRateLimit: { limit: 3, windowSeconds: 300 },
    });
    try {
      const ask = (headers: Record<string, string>) =>
        fetch(server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ ping }' }) });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await ask({ 'x-api-key': API_KEY })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await ask({ 'x-api-key': 'da2-wrong-key-is-counted-too00' });
      expect(refused.status).toBe(RATE_LIMITED_RESPONSE.status);
      expect(await refused.json()).toEqual(RATE_LIMITED_RESPONSE.body);
      // A signed-in caller from the same address is not API-key traffic.
      const signedIn = await ask({ authorization: 'token' });
      expect(signedIn.status).toBe(200);
      expect(await signedIn.json()).toEqual({ data: { ping: 'pong' } });
    } finally {
      await server.close();
    }
  });
});
