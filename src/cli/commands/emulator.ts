// `msgraph-ts emulator`: the offline Graph emulator of `npm run emulator` (src/emulator/cli.ts, whose
// options it takes as they are), plus the settings that point this CLI at it. Ctrl+C stops it cleanly.
// The emulator is imported when this command runs: loading it takes most of a second, which every other
// command would otherwise pay at start.
import type { Emulator } from '../../emulator/index.js';
import type { Register } from '../command.js';
import { UsageError } from '../errors.js';
import { ENV_NAMES } from '../settings.js';

export const emulator: Register = (program, act) => {
  program.command('emulator')
    .description('Start the offline Graph emulator and print how every client connects (Ctrl+C stops it)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[options...]', '--port N, --http, --no-identity, --page-size N, --version V, --empty (--help for details)')
    .action(act(async (ctx, args: string[]) => {
      const [{ serve, USAGE, wantsHelp }, { DEFAULT_APPS }] = await Promise.all([import('../../emulator/cli.js'), import('../../emulator/index.js')]);
      if (wantsHelp(args)) {
        ctx.io.stdout.write(`${USAGE.replace('npm run emulator --', 'msgraph-ts emulator')}\n`);
        return undefined;
      }
      const appId = DEFAULT_APPS.find((a) => a.publicClient)!.clientId;
      try {
        await serve(args, (text) => ctx.io.stdout.write(text), ctx.signal, (emu, caPath) => cliSettings(emu, appId, caPath));
      } catch (error) {
        // optionsFromArgs' parseArgs errors and range checks: the command line was wrong.
        if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') || /^--/.test((error as Error).message)) throw new UsageError((error as Error).message);
        throw error;
      }
      return undefined;
    }));
};

/** This CLI's own settings for the emulator, as a line to paste into a shell. */
function cliSettings(emulator: Emulator, appId: string, caPath?: string): string[] {
  const env = [
    `${ENV_NAMES.graphUrl}=${emulator.origin}`, `${ENV_NAMES.authorityUrl}=${emulator.origin}`,
    `${ENV_NAMES.tenant}=${emulator.tenant.id}`, `${ENV_NAMES.appId}=${appId}`, ...(caPath ? [`${ENV_NAMES.caFile}=${caPath}`] : []),
  ];
  return emulator.identity
    ? [`    msgraph-ts       export ${env.join(' ')}; msgraph-ts login   (the emulator approves the device code itself)`]
    : [];
}
