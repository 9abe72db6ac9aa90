import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfidentialClientApplication, PublicClientApplication, ServerError } from '@azure/msal-node';
import { ADELE, MIDDLE_TIER, NATIVE, deviceCodeRequest, jwtPayload, startIdentityServer, type IdentityServer } from './identity-helpers.js';

const MIDDLE_TIER_SCOPE = `api://${MIDDLE_TIER.clientId}/access_as_user`;

describe('on-behalf-of flow against the identity emulator', { timeout: 30_000 }, () => {
  let server: IdentityServer;
  let desktop: PublicClientApplication;
  let middleTier: ConfidentialClientApplication;
  before(async () => {
    server = await startIdentityServer();
    desktop = new PublicClientApplication({ auth: server.msalAuth(NATIVE.clientId), system: server.msalSystem() });
    middleTier = new ConfidentialClientApplication({
      auth: { ...server.msalAuth(MIDDLE_TIER.clientId), clientSecret: MIDDLE_TIER.secret },
      system: server.msalSystem(),
    });
  });
  after(() => server.close());

  it('exchanges the user token the middle tier received for a Graph token for the same user', async () => {
    const userToken = await desktop.acquireTokenByDeviceCode(deviceCodeRequest([MIDDLE_TIER_SCOPE]));
    assert.ok(userToken);
    assert.equal(jwtPayload(userToken.accessToken)['aud'], `api://${MIDDLE_TIER.clientId}`);

    const graphToken = await middleTier.acquireTokenOnBehalfOf({
      oboAssertion: userToken.accessToken,
      scopes: ['https://graph.microsoft.com/User.Read'],
    });

    const claims = server.identity.verifyAccessToken(`Bearer ${graphToken?.accessToken}`);
    assert.equal(claims.oid, ADELE.id);
    assert.equal(claims.appid, MIDDLE_TIER.clientId);
    assert.deepEqual(claims.scp, ['User.Read']);
    assert.deepEqual(server.identity.issued.at(-1), {
      grantType: 'on_behalf_of',
      clientId: MIDDLE_TIER.clientId,
      userId: ADELE.id,
      scopes: ['User.Read'],
      at: server.identity.issued.at(-1)?.at,
    });
  });

  it('refuses an assertion whose audience is not the middle tier (AADSTS50013)', async () => {
    const graphUserToken = await desktop.acquireTokenByDeviceCode(deviceCodeRequest(['User.Read']));
    assert.ok(graphUserToken);

    await assert.rejects(
      middleTier.acquireTokenOnBehalfOf({ oboAssertion: graphUserToken.accessToken, scopes: ['https://graph.microsoft.com/User.Read'] }),
      (error: unknown) => {
        assert.ok(error instanceof ServerError);
        assert.equal(error.errorCode, 'invalid_grant');
        assert.match(error.errorMessage, /AADSTS50013: .*audience/);
        assert.ok(!error.errorMessage.includes(graphUserToken.accessToken));
        return true;
      },
    );
  });

  it('refuses an assertion that was tampered with', async () => {
    const userToken = await desktop.acquireTokenByDeviceCode(deviceCodeRequest([MIDDLE_TIER_SCOPE]));
    assert.ok(userToken);
    const [header, , signature] = userToken.accessToken.split('.') as [string, string, string];
    const forged = { ...jwtPayload(userToken.accessToken), oid: '33333333-cccc-4ccc-8ccc-333333333333' };
    const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;

    await assert.rejects(
      middleTier.acquireTokenOnBehalfOf({ oboAssertion: tampered, scopes: ['https://graph.microsoft.com/User.Read'] }),
      /AADSTS50013/,
    );
  });
});
