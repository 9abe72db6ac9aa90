// Delta queries as rounds: iterate every change since the last round, then keep the `@odata.deltaLink`
// for the next one. A round that stops early keeps the `@odata.nextLink` it stopped at, so nothing is
// skipped when it is resumed.
import type { ListQuery, Page, Removed, Selected } from './types.js';
import type { model } from './types.js';

export interface DeltaQuery<T, K extends keyof T & string> extends Omit<ListQuery<T, K, never>, 'from' | 'top' | 'skip' | 'orderby' | 'count' | 'expand'> {
  /** The `deltaLink` of the previous round (or a `nextLink` of an unfinished one); absent: the first round. */
  from?: string;
}

export interface DeltaRound<T> extends AsyncIterable<T | Removed> {
  /** Set once the round has been read to its end: where the next round starts. */
  readonly deltaLink: string | undefined;
  /** Where an unfinished round continues: the page it stopped in (resuming may repeat items of that page, never skips any). */
  readonly nextLink: string | undefined;
}

interface DeltaSource<T> {
  readonly [model]: T;
  pages(query?: object): AsyncIterable<Page<unknown>>;
}

/**
 * One round of changes of a delta function:
 *
 *   const round = delta(client.me.mailFolders.byId('inbox').messages.delta(), { select: ['subject'], from: saved });
 *   for await (const m of round) if ('@removed' in m) … else …;
 *   saved = round.deltaLink;
 */
export function delta<T, K extends keyof T & string = keyof T & string>(source: DeltaSource<T>, query: DeltaQuery<T, K> = {}): DeltaRound<Selected<T, K>> {
  let deltaLink: string | undefined;
  let nextLink: string | undefined = query.from;
  return {
    get deltaLink() { return deltaLink; },
    get nextLink() { return nextLink; },
    async *[Symbol.asyncIterator]() {
      // Each page is fetched only when the previous one has been read, so `nextLink` is exact whenever the
      // loop stops: every item before it was handed out.
      for await (const page of source.pages(nextLink === undefined ? query : { ...query, from: nextLink })) {
        yield* page.value as (Selected<T, K> | Removed)[];
        nextLink = page['@odata.nextLink'];
        if (page['@odata.deltaLink']) deltaLink = page['@odata.deltaLink'];
      }
    },
  };
}
