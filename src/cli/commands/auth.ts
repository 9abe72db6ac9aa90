// m365's login, logout and status, plus whoami. `login` signs in with a device code by default (the
// prompt goes to stderr; stdout stays the answer) or with an app's secret or certificate, keeps the
// tokens in the CLI's folder (a 0600 file, via the file token backend) and saves the connection settings
// so that later commands need no flags.
import { rm } from 'node:fs/promises';
import type { Register } from '../command.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { forgetConnection, saveConnection, tokenFile, type Connection } from '../settings.js';
import { isAppOnly } from '../session.js';

export const auth: Register = (program, act) => {
  program.command('login')
    .description('Sign in: a device code by default, or the app\'s secret or certificate (--authType)')
    .action(act(async (ctx) => {
      const settings = await ctx.settings();
      const account = await ctx.account();
      ctx.verbose(`Signing in to ${settings.tenant ?? 'common'} with ${settings.authType ?? 'deviceCode'} as app ${settings.appId}`);
      const result = await account.authenticate({ onDeviceCode: (prompt) => ctx.say(prompt.message), signal: ctx.signal });
      const { secret: _secret, certificateFile: _certificate, ...connection } = settings;
      await saveConnection(ctx.dir, connection satisfies Connection);
      ctx.say(result.username ? `Signed in as ${result.username}` : `Signed in as app ${settings.appId}`);
      return status(ctx);
    }));

  program.command('logout')
    .description('Sign out: remove the stored tokens and the saved connection')
    .action(act(async (ctx) => {
      await rm(tokenFile(ctx.dir), { force: true });
      await forgetConnection(ctx.dir);
      ctx.verbose(`Removed ${tokenFile(ctx.dir)}`);
      return undefined;
    }));

  program.command('status')
    .description('Show who is signed in, with which app and tenant (nothing on stdout when signed out)')
    .action(act(async (ctx) => status(ctx)));

  program.command('whoami')
    .description('Ask Graph who the signed-in user is (/me)')
    .action(act(async (ctx) => {
      const settings = await ctx.settings();
      if (isAppOnly(settings)) throw new UsageError('whoami needs a signed-in user; this connection is the app itself (--authType secret or certificate). Try `msgraph-ts status`.');
      const client = await ctx.client();
      return client.me.get({ select: ['id', 'displayName', 'userPrincipalName', 'mail'], signal: ctx.signal });
    }, '{displayName: displayName, userPrincipalName: userPrincipalName, mail: mail, id: id}'));
};

/** m365's `status`: who, how and where; undefined (and 'Logged out' on stderr) when nobody is. */
async function status(ctx: Context): Promise<unknown> {
  const settings = await ctx.settings();
  if (!settings.appId) {
    ctx.say('Logged out');
    return undefined;
  }
  const account = await ctx.account();
  if (!account.isAuthenticated) {
    ctx.say('Logged out');
    return undefined;
  }
  return {
    connectedAs: account.username ?? `app ${settings.appId}`, authType: settings.authType ?? 'deviceCode', appId: settings.appId,
    tenant: settings.tenant ?? 'common', graphUrl: account.protocol.baseUrl, users: account.users,
  };
}
