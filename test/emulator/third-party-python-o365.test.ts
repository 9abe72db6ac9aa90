// python-o365 2.1 against the emulator, unchanged, from its source tree (PyPI is out of reach here; see
// src/emulator/README.md for how to get the source): sign-in through its own authorization-code flow and
// client credentials, profile and photo, inbox with a query, paging, send, a draft with attachments (one
// through an upload session), reply, a folder to move mail into, forward, $search, automatic replies
// (python-o365's own example), contacts, OneDrive upload (small
// and in an upload session), drives, copy (async monitor), download, move, search, recent, shared with me,
// versions, thumbnails, sharing link, events (one recurring), calendarView in another time zone, the series
// master in /events, event update and delete, To Do, categories, a new calendar with an attendee, Teams
// (channels, messages, replies, presence), Planner (a group's plan, bucket, task), users,
// SharePoint sites, lists and libraries, groups with members and owners, memberships, a group by $search/$count.
// python-o365 2.1 needs msal ≥ 1.31 (Debian has 1.21), so msal's source comes the same way.
// Skipped, saying what is missing, where either source or a Python with requests, bs4, dateutil and
// tzlocal is not there (Debian: python3-requests python3-bs4 python3-dateutil python3-tzlocal python3-msal).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_APPS } from '../../src/emulator/index.js';
import { hasGeneratedSchema } from '../../src/emulator/model/load-schema.js';
import { emulatorForOtherClients, runScenario } from './helpers/other-clients.js';

const run = promisify(execFile);
const scenario = fileURLToPath(new URL('./fixtures/python-o365-scenario.py', import.meta.url));
const o365Source = process.env['PYTHON_O365_SRC'] ?? '/work/o365-src';
const msalSource = process.env['MSAL_PYTHON_SRC'] ?? '/work/msal-src';
const pythonPath = [msalSource, o365Source].filter((dir) => existsSync(dir)).join(':');

/** Why the scenario cannot run here, or undefined when it can (and with which Python). */
async function findPython(): Promise<{ python?: string; missing?: string }> {
  if (!existsSync(join(o365Source, 'O365', '__init__.py'))) {
    return { missing: `no python-o365 source at ${o365Source} (set PYTHON_O365_SRC; see src/emulator/README.md)` };
  }
  const probe = 'import msal, O365, bs4, dateutil, tzlocal; assert hasattr(msal.TokenCache, "search"), "msal " + msal.__version__ + " is older than 1.31 (set MSAL_PYTHON_SRC)"';
  const failures: string[] = [];
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      await run(python, ['-c', probe], { env: { ...process.env, PYTHONPATH: pythonPath } });
      return { python };
    } catch (error) {
      failures.push(`${python}: ${String((error as { stderr?: string }).stderr ?? error).trim().split('\n').pop() ?? ''}`);
    }
  }
  return { missing: `no Python can import python-o365's dependencies (${failures.join('; ')})` };
}

const found = hasGeneratedSchema('v1.0') ? await findPython() : { missing: 'generated/v1.0/schema.json.gz is missing: run `npm run generate`' };
const skip = found.missing ?? false;

test('python-o365 2.1 runs the console-sample scenario unchanged against the emulator', { skip, timeout: 180_000 }, async (t) => {
  const { ca, env } = await emulatorForOtherClients(t);
  const daemon = DEFAULT_APPS.find((a) => a.secret)!;
  const steps = await runScenario(found.python!, [scenario], {
    ...env, REQUESTS_CA_BUNDLE: ca, DAEMON_ID: daemon.clientId, DAEMON_SECRET: daemon.secret!, PYTHONPATH: pythonPath,
  });
  assert.deepEqual(steps.filter((s) => !s.ok), [], 'failed steps');
  assert.deepEqual(steps.map((s) => s.step), [
    'sign in (authorization code)', 'client credentials', 'profile', 'profile photo', 'inbox with query', 'paging', 'send',
    'draft with attachments', 'reply', 'organise mail', 'search and mailbox settings', 'contacts', 'drive upload', 'drives',
    'drive items (copy, download, move, search)', 'drive views (recent, shared, versions, thumbnails)', 'sharing link', 'events',
    'calendar with timezone', 'events listing, update, delete', 'to do', 'categories and calendars', 'teams', 'planner',
    'users (app-only)', 'sharepoint',
    'groups and directory', 'group by mail ($search, $count)',
  ]);
});
