// Calendars with a few meetings, and personal contacts.
import type { SeedApi } from './api.js';
import { SEED_NOW } from './mail.js';
import { PEOPLE, type SeedPerson } from './people.js';

const [adele, alex, megan, nestor] = PEOPLE as [SeedPerson, SeedPerson, SeedPerson, SeedPerson];

interface SeedEvent {
  subject: string;
  startHours: number;
  durationHours: number;
  attendees: SeedPerson[];
  location: string;
  online?: boolean;
}

const EVENTS: Array<[SeedPerson, SeedEvent[]]> = [
  [adele, [
    { subject: 'Q3 plan review', startHours: 50, durationHours: 1, attendees: [megan, alex], location: 'Conf Room Rainier', online: true },
    { subject: 'Store walkthrough', startHours: 74, durationHours: 2, attendees: [nestor], location: 'Seattle flagship store' },
    { subject: 'Lunch with Alex', startHours: 99.5, durationHours: 1, attendees: [alex], location: 'Pizza place on 5th' },
    { subject: '1:1 with Nestor', startHours: -24, durationHours: 0.5, attendees: [nestor], location: 'Teams', online: true },
  ]],
  [megan, [
    { subject: 'Launch event', startHours: 200, durationHours: 3, attendees: [adele, alex], location: 'Contoso Hall' },
  ]],
];

const time = (hours: number): { dateTime: string; timeZone: string } => ({
  dateTime: new Date(SEED_NOW + hours * 3_600_000).toISOString().replace('Z', '0000'),
  timeZone: 'UTC',
});

export function seedCalendars(api: SeedApi): void {
  if (!api.hasNavigation('microsoft.graph.user', 'calendars')) return;
  for (const person of PEOPLE.filter((p) => p.kind !== 'guest')) {
    api.post(`/users/${person.id}/calendars`, {
      name: 'Calendar', color: 'auto', hexColor: '', isDefaultCalendar: true, canEdit: true, canShare: true,
      canViewPrivateItems: true, isRemovable: false, owner: { name: person.displayName, address: person.mail },
    });
  }
  for (const [owner, events] of EVENTS) {
    for (const e of events) {
      api.post(`/users/${owner.id}/events`, {
        subject: e.subject, body: { contentType: 'html', content: `<p>${e.subject}</p>` },
        start: time(e.startHours), end: time(e.startHours + e.durationHours),
        location: { displayName: e.location }, isOnlineMeeting: e.online ?? false,
        attendees: e.attendees.map((a) => ({
          type: 'required', emailAddress: { name: a.displayName, address: a.mail },
          status: { response: 'none', time: '0001-01-01T00:00:00Z' },
        })),
        createdDateTime: new Date(SEED_NOW - 86_400_000).toISOString(),
      });
    }
  }
}

export function seedContacts(api: SeedApi): void {
  if (!api.hasNavigation('microsoft.graph.user', 'contacts')) return;
  const contacts = [
    { givenName: 'Pavel', surname: 'Bansky', companyName: 'Fabrikam', email: 'pavel@fabrikam.com', phone: '+1 206 555 0110' },
    { givenName: 'Isaiah', surname: 'Langer', companyName: 'Northwind Traders', email: 'isaiah@northwindtraders.com', phone: '+1 425 555 0187' },
    { givenName: 'Sara', surname: "D'Angelo", companyName: 'Tailspin Toys', email: 'sara@tailspintoys.com', phone: '+1 312 555 0143' },
  ];
  for (const c of contacts) {
    api.post(`/users/${adele.id}/contacts`, {
      givenName: c.givenName, surname: c.surname, displayName: `${c.givenName} ${c.surname}`, companyName: c.companyName,
      emailAddresses: [{ name: `${c.givenName} ${c.surname}`, address: c.email }], businessPhones: [c.phone],
    });
  }
}
