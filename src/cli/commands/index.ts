// The commands, in the order `--help` lists them. A new command is a file here and one line below.
import type { Register } from '../command.js';
import { auth } from './auth.js';
import { bulk } from './bulk.js';
import { drive } from './drive.js';
import { emulator } from './emulator.js';
import { mail } from './mail.js';
import { request } from './request.js';

export const COMMANDS: readonly Register[] = [auth, mail, drive, request, bulk, emulator];
