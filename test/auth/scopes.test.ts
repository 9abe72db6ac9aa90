import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Protocol } from '../../src/protocol.js';
import { Account } from '../../src/auth/account.js';
import { AuthError } from '../../src/auth/errors.js';
import { cacheScopes, expandScopes, SCOPE_ALIASES } from '../../src/auth/scopes.js';

const global = new Protocol();

describe('scope aliases', () => {
  it("are python-o365's, alias for alias", () => {
    assert.deepEqual(SCOPE_ALIASES, {
      basic: ['User.Read'],
      mailbox: ['Mail.Read'],
      mailbox_shared: ['Mail.Read.Shared'],
      message_send: ['Mail.Send'],
      message_send_shared: ['Mail.Send.Shared'],
      message_all: ['Mail.ReadWrite', 'Mail.Send'],
      message_all_shared: ['Mail.ReadWrite.Shared', 'Mail.Send.Shared'],
      address_book: ['Contacts.Read'],
      address_book_shared: ['Contacts.Read.Shared'],
      address_book_all: ['Contacts.ReadWrite'],
      address_book_all_shared: ['Contacts.ReadWrite.Shared'],
      calendar: ['Calendars.ReadWrite'],
      users: ['User.ReadBasic.All'],
      onedrive: ['Files.ReadWrite.All'],
      sharepoint_dl: ['Sites.ReadWrite.All'],
    });
  });

  it('expand mixed with raw scopes, in order, without duplicates, with offline_access for delegated flows', () => {
    assert.deepEqual(expandScopes(['basic', 'message_all', 'Mail.Send', 'mail.send', 'Calendars.Read'], { protocol: global }), [
      'https://graph.microsoft.com/User.Read',
      'https://graph.microsoft.com/Mail.ReadWrite',
      'https://graph.microsoft.com/Mail.Send',
      'https://graph.microsoft.com/Calendars.Read',
      'offline_access',
    ]);
  });

  it('name the national cloud\'s Graph resource, which a bare scope would not', () => {
    const cases = [
      ['usGovL4', 'https://graph.microsoft.us'],
      ['usGovL5', 'https://dod-graph.microsoft.us'],
      ['china', 'https://microsoftgraph.chinacloudapi.cn'],
    ] as const;
    for (const [cloud, resource] of cases) {
      const protocol = new Protocol({ cloud });
      assert.deepEqual(expandScopes(['mailbox', 'users'], { protocol }), [`${resource}/Mail.Read`, `${resource}/User.ReadBasic.All`, 'offline_access']);
      assert.deepEqual(expandScopes(['mailbox'], { protocol, appOnly: true }), [`${resource}/.default`]);
    }
  });

  it('keep OpenID scopes and scopes of other resources as given', () => {
    assert.deepEqual(expandScopes('openid profile api://orders/access_as_user https://graph.microsoft.com/User.Read offline_access', { protocol: global }), [
      'openid', 'profile', 'api://orders/access_as_user', 'https://graph.microsoft.com/User.Read', 'offline_access',
    ]);
  });

  it('pass an unknown alias-like word through as a raw scope, since Graph scopes are open-ended', () => {
    assert.deepEqual(expandScopes(['Tasks.ReadWrite', 'mailboxes'], { protocol: global }), [
      'https://graph.microsoft.com/Tasks.ReadWrite', 'https://graph.microsoft.com/mailboxes', 'offline_access',
    ]);
  });

  it('are only the resource\'s /.default for app-only flows', () => {
    assert.deepEqual(expandScopes(['message_all', 'users'], { protocol: global, appOnly: true }), ['https://graph.microsoft.com/.default']);
  });

  it('are what an Account asks for in its cloud, delegated or app-only', () => {
    const china = new Protocol({ cloud: 'china' });
    assert.deepEqual(new Account('client-id', { protocol: china, scopes: ['basic'] }).scopes, ['https://microsoftgraph.chinacloudapi.cn/User.Read', 'offline_access']);
    assert.deepEqual(new Account(['client-id', 'secret'], { protocol: china, tenantId: 'contoso.onmicrosoft.com', scopes: ['message_all'] }).scopes, ['https://microsoftgraph.chinacloudapi.cn/.default']);
    assert.deepEqual(new Account('client-id').scopes, ['https://graph.microsoft.com/User.Read', 'offline_access'], "python-o365's default: basic");
  });

  it('are looked up in msal\'s cache by the bare names Entra answers with, in the global cloud only', () => {
    assert.deepEqual(cacheScopes(['https://graph.microsoft.com/Mail.Read', 'openid', 'offline_access', 'api://orders/read', 'https://graph.microsoft.com/.default']), [
      'Mail.Read', 'api://orders/read', 'https://graph.microsoft.com/.default',
    ]);
    assert.deepEqual(cacheScopes(['https://graph.microsoft.us/Mail.Read']), ['https://graph.microsoft.us/Mail.Read']);
  });

  it('refuse an empty list with a clear error', () => {
    assert.throws(() => expandScopes([]), /No scopes were given/);
    assert.throws(() => expandScopes(['  ']), /No scopes were given/);
  });

  // Written out here rather than read from SCOPE_ALIASES, so a change to the table or to how an alias
  // expands (only its first permission, say) fails one named case.
  const EXPANSIONS: Array<[alias: string, permissions: string[]]> = [
    ['basic', ['User.Read']],
    ['mailbox', ['Mail.Read']],
    ['mailbox_shared', ['Mail.Read.Shared']],
    ['message_send', ['Mail.Send']],
    ['message_send_shared', ['Mail.Send.Shared']],
    ['message_all', ['Mail.ReadWrite', 'Mail.Send']],
    ['message_all_shared', ['Mail.ReadWrite.Shared', 'Mail.Send.Shared']],
    ['address_book', ['Contacts.Read']],
    ['address_book_shared', ['Contacts.Read.Shared']],
    ['address_book_all', ['Contacts.ReadWrite']],
    ['address_book_all_shared', ['Contacts.ReadWrite.Shared']],
    ['calendar', ['Calendars.ReadWrite']],
    ['users', ['User.ReadBasic.All']],
    ['onedrive', ['Files.ReadWrite.All']],
    ['sharepoint_dl', ['Sites.ReadWrite.All']],
  ];
  for (const [alias, permissions] of EXPANSIONS) {
    it(`expand '${alias}' to exactly ${permissions.join(' + ')}`, () => {
      assert.deepEqual(expandScopes([alias], { protocol: global }), [...permissions.map((p) => `https://graph.microsoft.com/${p}`), 'offline_access']);
    });
  }

  it('refuse a lowercase word with _ that is no alias, as an AuthError naming the nearest alias and listing all', () => {
    const error = (() => {
      try {
        expandScopes(['basic', 'mesage_all'], { protocol: global });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(error instanceof AuthError, 'an AuthError');
    assert.equal(error.code, 'configuration_error');
    assert.match(error.message, /'mesage_all' is not a scope alias\. Did you mean 'message_all'\?/);
    for (const alias of Object.keys(SCOPE_ALIASES)) assert.ok(error.message.includes(alias), `lists ${alias}`);
    assert.throws(() => expandScopes(['onedrive_all'], { protocol: global, appOnly: true }), AuthError, 'app-only flows check too');
    assert.throws(() => new Account('client-id', { scopes: ['adress_book'] }), /'adress_book' is not a scope alias/);
  });

  it('still take OpenID scopes, Graph permissions and other resources\' scopes that contain _', () => {
    assert.deepEqual(expandScopes(['offline_access', 'Mail.Read', 'https://management.azure.com/user_impersonation'], { protocol: global }), [
      'offline_access', 'https://graph.microsoft.com/Mail.Read', 'https://management.azure.com/user_impersonation',
    ]);
  });
});
