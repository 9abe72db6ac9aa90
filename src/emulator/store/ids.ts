// Ids in the shapes each Graph workload really uses. Clients that build URLs from ids must cope with
// Outlook's long base64 ids (with `-`, `_` and `=`), OneDrive's `01…` ids and drive ids starting with `b!`;
// GUIDs everywhere would hide escaping bugs that show up on the first day against the real service.
import type { SchemaIndex } from '../model/schema-index.js';
import type { SeededRandom } from '../random.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export class IdFactory {
  private readonly index: SchemaIndex;
  private readonly random: SeededRandom;

  constructor(index: SchemaIndex, random: SeededRandom) {
    this.index = index;
    this.random = random;
  }

  next(type: string): string {
    const chain = this.index.ancestors(type);
    const is = (t: string): boolean => chain.includes(`microsoft.graph.${t}`);
    if (is('driveItem')) {
      let s = '01';
      for (let i = 0; i < 32; i++) s += BASE32[this.random.int(32)];
      return s;
    }
    if (is('drive')) return `b!${this.random.bytes(48).toString('base64url')}`;
    if (is('outlookItem') || is('mailFolder') || is('attachment') || is('calendar') || is('contactFolder') ||
      is('calendarGroup') || is('todoTaskList') || is('todoTask')) {
      // Exchange ids: standard base64 with `/` and `+` swapped for `-` and `_`, padding kept.
      const body = this.random.bytes(67).toString('base64').replace(/\//g, '-').replace(/\+/g, '_');
      return `AAMkAG${body}`;
    }
    return this.random.guid();
  }

  guid(): string {
    return this.random.guid();
  }

  token(bytes = 24): string {
    return this.random.bytes(bytes).toString('base64url');
  }
}
