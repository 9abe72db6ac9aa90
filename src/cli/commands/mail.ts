// `mail list|read|send`, through the workflows: folders by well-known or display name, and a send that
// takes attachments of any size (upload sessions past 3 MB) and goes exactly once (sendMailOnce).
import { Option } from 'commander';
import { mailbox } from '../../workflows/mail.js';
import type { Register } from '../command.js';
import { UsageError } from '../errors.js';

const LIST_VIEW = '[].{received: receivedDateTime, from: from.emailAddress.address, subject: subject, read: isRead, id: id}';
const READ_VIEW = '{subject: subject, from: from.emailAddress.address, to: join(\', \', toRecipients[].emailAddress.address), received: receivedDateTime, attachments: hasAttachments, body: body.content, id: id}';

/** commander's collector for options that may repeat: `--to a --to b`, or `--to a,b`. */
const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`--top must be a whole number from 1 to 1000; got '${value}'.`);
  return n;
}

export const mail: Register = (program, act) => {
  const group = program.command('mail').description('List, read and send mail');

  group.command('list')
    .description('The newest messages of a folder')
    .option('--folder <folder>', 'well-known name (inbox, sentitems, drafts, …) or display name', 'inbox')
    .option('--top <n>', 'how many (1-1000)', '10')
    .action(act(async (ctx, options: { folder: string; top: string }) => {
      const top = positiveInteger(options.top);
      const mb = mailbox(await ctx.client());
      return mb.messages(options.folder, { top, select: ['id', 'receivedDateTime', 'from', 'subject', 'isRead', 'hasAttachments'] });
    }, LIST_VIEW));

  group.command('read')
    .description('One message, with its body')
    .argument('<id>', 'the message id (from `mail list`)')
    .action(act(async (ctx, id: string) => {
      const mb = mailbox(await ctx.client());
      return mb.message(id).get(['id', 'subject', 'from', 'toRecipients', 'ccRecipients', 'receivedDateTime', 'hasAttachments', 'body']);
    }, READ_VIEW));

  group.command('send')
    .description('Send a mail (exactly once, attachments of any size up to 150 MB each)')
    .requiredOption('--to <address>', 'recipient; repeat or separate with commas', collect)
    .option('--cc <address>', 'copy to; repeat or separate with commas', collect)
    .requiredOption('--subject <subject>', 'subject')
    .option('--body <text>', 'the message', '')
    .addOption(new Option('--bodyType <type>', 'body format').choices(['text', 'html']).default('text'))
    .option('--attach <file...>', 'files to attach')
    .option('--key <key>', 'your key for this mail (1-100 letters, digits, - . _): run again with it after a failure, it still goes once')
    .action(act(async (ctx, options: { to: string[]; cc?: string[]; subject: string; body: string; bodyType: 'text' | 'html'; attach?: string[]; key?: string }) => {
      if (options.key !== undefined && !/^[\w.-]{1,100}$/.test(options.key)) throw new UsageError(`--key takes 1-100 letters, digits, '-', '.' or '_' (a job id, a UUID); got '${options.key}'.`);
      const draft = mailbox(await ctx.client()).newMessage();
      draft.to = options.to;
      draft.cc = options.cc ?? [];
      draft.subject = options.subject;
      draft.body = options.body;
      draft.bodyType = options.bodyType;
      for (const file of options.attach ?? []) draft.attach(file);
      const progress = options.attach?.length ? ctx.progress('Attaching') : undefined;
      try {
        const sent = await draft.send({ signal: ctx.signal, ...(options.key ? { key: options.key } : {}), ...(progress ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}) });
        ctx.verbose(sent.alreadySent ? 'It had been sent already.' : `Sent to ${options.to.join(', ')}`);
        return sent;
      } finally {
        progress?.stop();
      }
    }));
};
