// The command tree: m365's global options on the program (shown in every command's --help), each
// command file's commands under it, and the exit codes and environment at the end of the top-level help.
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { Act } from './command.js';
import { COMMANDS } from './commands/index.js';
import { OUTPUTS } from './output.js';
import { AUTH_TYPES, ENV_NAMES } from './settings.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const FOOTER = `
Exit codes:
  0    done
  1    Graph, the identity service or the network refused (404, 403, not signed in, timeout)
  2    bad command line: unknown command or option, missing or bad argument, missing file
  130  interrupted (Ctrl+C); nothing half-written is left

Settings come from the flags, else the environment (${Object.values(ENV_NAMES).join(', ')}),
else the connection \`login\` saved in the config folder (MSGRAPH_TS_CONFIG_DIR, else
$XDG_CONFIG_HOME/msgraph-ts or ~/.config/msgraph-ts; %APPDATA%\\msgraph-ts; ~/Library/Application Support/msgraph-ts).
Secrets are never saved: pass MSGRAPH_TS_SECRET or MSGRAPH_TS_CERTIFICATE_FILE to every command.

Examples:
  msgraph-ts login --appId <app id> --tenant contoso.onmicrosoft.com
  msgraph-ts mail list --top 5 -o text
  msgraph-ts mail send --to adele@contoso.com --subject Report --body "Attached." --attach report.pdf
  msgraph-ts drive upload ./video.mp4 Videos/
  msgraph-ts get /me/messages --all --query "[?isRead==\\\`false\\\`].subject"`;

export function createProgram(act: Act, write: { out(s: string): void; err(s: string): void }): Command {
  const program = new Command('msgraph-ts')
    .description('Microsoft Graph from the command line: mail, OneDrive and any Graph request, signed in with a device code or an app\'s credentials.')
    .version(VERSION, '-V', 'print the version')
    .addOption(new Option('-o, --output <output>', 'output type').choices(OUTPUTS).default('json'))
    .option('--query <query>', 'JMESPath query over the JSON answer (https://jmespath.org)')
    .option('--verbose', 'say what is done, on stderr')
    .option('--debug', 'also log each request (method, URL, status; never a token) on stderr')
    .addOption(new Option('--authType <authType>', 'how to sign in (default: deviceCode)').choices(AUTH_TYPES))
    .option('--appId <appId>', 'application (client) id of the app registration')
    .option('--tenant <tenant>', 'tenant id or domain (default for deviceCode: common)')
    .option('--secret <secret>', 'client secret (--authType secret; prefer MSGRAPH_TS_SECRET)')
    .option('--certificateFile <path>', 'PEM file with private key and certificate (--authType certificate)')
    .option('--graphUrl <url>', 'Graph service root (the emulator\'s origin)')
    .option('--authorityUrl <url>', 'identity service host (the emulator\'s origin)')
    .option('--caFile <path>', 'extra CA certificate to trust, PEM (the emulator\'s)')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .configureOutput({ writeOut: write.out, writeErr: write.err })
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', FOOTER);
  for (const register of COMMANDS) register(program, act);
  // Every command, however deep, writes through `write` and throws rather than exits.
  const settle = (command: Command): void => {
    for (const sub of command.commands) {
      sub.configureOutput({ writeOut: write.out, writeErr: write.err }).exitOverride().showHelpAfterError('(add --help for usage)');
      settle(sub);
    }
  };
  settle(program);
  return program;
}
