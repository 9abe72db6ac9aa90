// `drive ls|upload|download|share` on the signed-in user's OneDrive, by path, through the workflows:
// uploads of any size (one PUT up to 4 MiB, else a resumable session), downloads streamed to a file
// written beside its destination and renamed when complete, so Ctrl+C leaves no partial file.
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { Option } from 'commander';
import { drive as driveOf } from '../../workflows/files.js';
import type { Register } from '../command.js';
import type { Context } from '../context.js';

const LS_VIEW = '[].{name: name, type: folder && \'folder\' || \'file\', size: size, modified: lastModifiedDateTime, id: id}';
const ITEM_VIEW = '{name: name, size: size, id: id, webUrl: webUrl}';

/** A drive path as typed ('/Documents/a.pdf', 'Documents\\a.pdf'), as byPath takes it: no leading or trailing slash. */
const drivePath = (path: string): string => path.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');

export const drive: Register = (program, act) => {
  const group = program.command('drive').description('Your OneDrive: list, upload, download, share');

  group.command('ls')
    .description('The items of a folder (default: the root)')
    .argument('[path]', 'folder path, e.g. Documents/Reports')
    .action(act(async (ctx, path: string | undefined) => {
      const root = (await ctx.client()).me.drive.root;
      const folder = path && drivePath(path) ? root.byPath(drivePath(path)) : root;
      const items: unknown[] = [];
      for await (const item of folder.children.list({ select: ['id', 'name', 'size', 'folder', 'file', 'lastModifiedDateTime', 'webUrl'], signal: ctx.signal })) items.push(item);
      return items;
    }, LS_VIEW));

  group.command('upload')
    .description('Upload a file of any size (a progress bar on a terminal)')
    .argument('<file>', 'the local file')
    .argument('[dest]', 'drive path; ending in / means into that folder (default: the root, same name)')
    .addOption(new Option('--conflict <behavior>', 'when the name is taken').choices(['replace', 'rename', 'fail']).default('replace'))
    .action(act(async (ctx, file: string, dest: string | undefined, options: { conflict: 'replace' | 'rename' | 'fail' }) => {
      const target = !dest || /[\\/]$/.test(dest) ? `${drivePath(dest ?? '')}/${basename(file)}` : drivePath(dest);
      const files = driveOf(await ctx.client());
      return transfer(ctx, `Uploading ${basename(file)}`, (onProgress) => files.upload(file, drivePath(target), { onProgress, signal: ctx.signal, conflictBehavior: options.conflict }));
    }, ITEM_VIEW));

  group.command('download')
    .description('Download a file, streamed (a progress bar on a terminal); written only when complete')
    .argument('<path>', 'drive path of the file')
    .argument('[file]', 'local file or folder (default: its name, here)')
    .action(act(async (ctx, path: string, file: string | undefined) => {
      const name = basename(drivePath(path));
      let to = resolve(file ?? name);
      if (await stat(to).then((s) => s.isDirectory(), () => false)) to = join(to, name);
      const files = driveOf(await ctx.client());
      const bytes = await transfer(ctx, `Downloading ${name}`, (onProgress) => files.download(drivePath(path), to, { onProgress, signal: ctx.signal }));
      return { path: to, bytes };
    }, '{path: path, bytes: bytes}'));

  group.command('share')
    .description('A sharing link for an item')
    .argument('<path>', 'drive path of the item')
    .addOption(new Option('--type <type>', 'what the link allows').choices(['view', 'edit']).default('view'))
    .addOption(new Option('--scope <scope>', 'who the link works for').choices(['organization', 'anonymous', 'users']).default('organization'))
    .action(act(async (ctx, path: string, options: { type: 'view' | 'edit'; scope: 'organization' | 'anonymous' | 'users' }) => {
      const webUrl = await driveOf(await ctx.client()).share(drivePath(path), { type: options.type, scope: options.scope });
      return { webUrl, type: options.type, scope: options.scope };
    }, '{webUrl: webUrl}'));
};

/** Runs a transfer with a progress bar, ended however the transfer ends. */
async function transfer<T>(ctx: Context, label: string, run: (onProgress: (done: number, total: number | undefined) => void) => Promise<T>): Promise<T> {
  const progress = ctx.progress(label);
  try {
    return await run((done, total) => progress.update(done, total));
  } finally {
    progress.stop();
  }
}
