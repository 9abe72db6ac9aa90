// python-o365's Schedule and AddressBook: the events of a time window in the user's time zone (calendarView
// with `Prefer: outlook.timezone`), events made, moved and cancelled, contacts listed and made.
import { WorkflowError } from './errors.js';
import type { ItemModel, Loose } from './types.js';
import type { ResourceClient } from './mail.js';

/** A time as Graph's dateTimeTimeZone: a wall-clock time and the zone it is read in. */
export interface WallTime {
  /** `2026-12-07T09:00:00`, without an offset. */
  dateTime: string;
  /** An IANA or Windows zone name: 'Europe/Paris', 'Pacific Standard Time'. @default the schedule's timeZone */
  timeZone?: string;
}

export interface NewEvent {
  subject: string;
  start: WallTime | string;
  end: WallTime | string;
  body?: string;
  location?: string;
  attendees?: string[];
}

export interface ScheduleOptions {
  /** 'me' (default), 'user:x@y.com', … */
  resource?: string;
  /**
   * The zone times are read and written in: an IANA or Windows name, or 'mailbox' for the user's own
   * Outlook setting (mailboxSettings, read once; needs MailboxSettings.Read). @default this machine's zone, as python-o365's
   */
  timeZone?: string;
}

/** python-o365's `account.schedule()`: calendar and contacts of `me` or a resource. */
export function schedule<U>(client: ResourceClient<U>, options: ScheduleOptions = {}): Schedule<U> {
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  return new Schedule(options.resource === undefined ? client.resource() : client.resource(options.resource), timeZone);
}

export class Schedule<U> {
  readonly builder: U;
  #zone: string | Promise<string>;

  constructor(builder: U, timeZone: string) {
    this.builder = builder;
    this.#zone = timeZone;
  }

  /** The zone times are read and written in (`Prefer: outlook.timezone`); 'mailbox' asks the user's mailbox settings once. */
  async timeZone(): Promise<string> {
    if (this.#zone === 'mailbox') {
      this.#zone = (this.builder as Loose).mailboxSettings.get({ select: ['timeZone'] }).then((s: { timeZone?: string }) => s.timeZone || 'UTC');
      // A failed lookup is not kept: the next call asks again.
      (this.#zone as Promise<string>).catch(() => void (this.#zone = 'mailbox'));
    }
    return this.#zone;
  }

  /** Events overlapping [start, end), each page followed, times in the schedule's zone. */
  async events(start: Date | string, end: Date | string): Promise<ItemModel<U, 'events'>[]> {
    const [from, to] = [iso(start, 'start'), iso(end, 'end')];
    if (from >= to) throw new WorkflowError('invalidArgument', `The window ends (${to}) before it starts (${from}): give the earlier time first.`);
    const events: ItemModel<U, 'events'>[] = [];
    const headers = await this.#prefer();
    for await (const e of (this.builder as Loose).calendarView.list({ params: { startDateTime: from, endDateTime: to }, orderby: ['start/dateTime'], headers })) events.push(e);
    return events;
  }

  async createEvent(event: NewEvent): Promise<ItemModel<U, 'events'>> {
    const zone = await this.timeZone();
    return (this.builder as Loose).events.post(this.#body(event, zone), { headers: await this.#prefer() });
  }

  async updateEvent(id: string, changes: Partial<NewEvent>): Promise<ItemModel<U, 'events'>> {
    const zone = await this.timeZone();
    return (this.builder as Loose).events.byId(id).patch(this.#body(changes, zone), { headers: await this.#prefer() });
  }

  /** Cancels a meeting the user organizes (attendees get `comment`); an event without attendees is deleted. */
  async cancelEvent(id: string, comment = ''): Promise<void> {
    const event = (this.builder as Loose).events.byId(id);
    const { attendees } = await event.get({ select: ['attendees'] });
    if (attendees?.length) await event.cancel.post({ comment });
    else await event.delete();
  }

  /** python-o365's AddressBook: the user's contacts. */
  async contacts(query: { top?: number; filter?: string } = {}): Promise<ItemModel<U, 'contacts'>[]> {
    return (await (this.builder as Loose).contacts.get({ top: query.top ?? 100, ...(query.filter ? { filter: query.filter } : {}) })).value;
  }

  async createContact(contact: { givenName: string; surname?: string; emailAddresses?: string[]; businessPhones?: string[] }): Promise<ItemModel<U, 'contacts'>> {
    const { emailAddresses = [], ...rest } = contact;
    return (this.builder as Loose).contacts.post({ ...rest, emailAddresses: emailAddresses.map((address) => ({ address })) });
  }

  async #prefer(): Promise<Record<string, string>> {
    return { Prefer: `outlook.timezone="${await this.timeZone()}"` };
  }

  #body(event: Partial<NewEvent>, zone: string): Record<string, unknown> {
    const time = (t: WallTime | string) => (typeof t === 'string' ? { dateTime: t, timeZone: zone } : { dateTime: t.dateTime, timeZone: t.timeZone ?? zone });
    return {
      ...(event.subject !== undefined ? { subject: event.subject } : {}),
      ...(event.start !== undefined ? { start: time(event.start) } : {}),
      ...(event.end !== undefined ? { end: time(event.end) } : {}),
      ...(event.body !== undefined ? { body: { contentType: 'text', content: event.body } } : {}),
      ...(event.location !== undefined ? { location: { displayName: event.location } } : {}),
      ...(event.attendees ? { attendees: event.attendees.map((address) => ({ emailAddress: { address }, type: 'required' })) } : {}),
    };
  }
}

function iso(value: Date | string, what: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new WorkflowError('invalidArgument', `The window's ${what} ${JSON.stringify(value)} is not a date: give a Date or an ISO 8601 string ('2026-12-07T09:00:00Z').`);
  return date.toISOString();
}
