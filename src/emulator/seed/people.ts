// The default tenant's people: Contoso, four members, a shared support mailbox that two of them may open,
// and a guest whose userPrincipalName has the `#EXT#` form that trips up URL building. Ids are fixed, so
// tests and the identity service can name them.
import type { SeedApi } from './api.js';
import { squarePng } from './content.js';

const PHOTO_COLOURS: Array<[number, number, number]> = [[0x00, 0x78, 0xd4], [0x10, 0x7c, 0x10], [0xd1, 0x34, 0x38], [0x88, 0x17, 0x98]];

export const TENANT = {
  id: '6e2d9c4b-1f3a-4d8e-9b7c-5a0f2e1d3c48',
  displayName: 'Contoso',
  domain: 'contoso.com',
} as const;

export interface SeedPerson {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string;
  surname: string;
  jobTitle: string;
  department: string;
  officeLocation: string;
  mail: string;
  kind: 'member' | 'shared' | 'guest';
  /** For shared mailboxes: who may open them (userPrincipalNames). */
  delegates?: string[];
}

export const PEOPLE: SeedPerson[] = [
  { id: '8a4b2c1d-3e5f-4a6b-9c7d-1e2f3a4b5c6d', userPrincipalName: 'adelev@contoso.com', displayName: 'Adele Vance', givenName: 'Adele', surname: 'Vance', jobTitle: 'Retail Manager', department: 'Retail', officeLocation: '18/2111', mail: 'adelev@contoso.com', kind: 'member' },
  { id: '2b7e9f0a-6c1d-4e3f-8a2b-4c5d6e7f8a9b', userPrincipalName: 'alexw@contoso.com', displayName: 'Alex Wilber', givenName: 'Alex', surname: 'Wilber', jobTitle: 'Marketing Assistant', department: 'Marketing', officeLocation: '131/1104', mail: 'alexw@contoso.com', kind: 'member' },
  { id: '5c3d1e2f-9a8b-4c7d-8e6f-0a1b2c3d4e5f', userPrincipalName: 'meganb@contoso.com', displayName: 'Megan Bowen', givenName: 'Megan', surname: 'Bowen', jobTitle: 'Marketing Manager', department: 'Marketing', officeLocation: '12/1110', mail: 'meganb@contoso.com', kind: 'member' },
  { id: '9d8c7b6a-5f4e-4d3c-a2b1-0f9e8d7c6b5a', userPrincipalName: 'nestorw@contoso.com', displayName: 'Nestor Wilke', givenName: 'Nestor', surname: 'Wilke', jobTitle: 'Director', department: 'Operations', officeLocation: '36/2121', mail: 'nestorw@contoso.com', kind: 'member' },
  { id: 'e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7', userPrincipalName: 'support@contoso.com', displayName: 'Contoso Support', givenName: '', surname: '', jobTitle: '', department: 'Customer Service', officeLocation: '', mail: 'support@contoso.com', kind: 'shared', delegates: ['adelev@contoso.com', 'alexw@contoso.com'] },
  { id: '3f4e5d6c-7b8a-4961-b0c2-d3e4f5a6b7c8', userPrincipalName: "lidia.o'brien_fabrikam.com#EXT#@contoso.com", displayName: "Lidia O'Brien", givenName: 'Lidia', surname: "O'Brien", jobTitle: 'Consultant', department: '', officeLocation: '', mail: "lidia.o'brien@fabrikam.com", kind: 'guest' },
];

export const DEFAULT_USER = PEOPLE[0]!.userPrincipalName;

export function seedOrganization(api: SeedApi): void {
  if (!api.hasEntitySet('organization')) return;
  api.post('/organization', {
    id: TENANT.id, displayName: TENANT.displayName, city: 'Redmond', country: 'United States', countryLetterCode: 'US',
    verifiedDomains: [
      { name: TENANT.domain, isDefault: true, isInitial: false, type: 'Managed', capabilities: 'Email, OfficeCommunicationsOnline' },
      { name: 'contoso.onmicrosoft.com', isDefault: false, isInitial: true, type: 'Managed', capabilities: 'Email' },
    ],
  });
}

export function seedUsers(api: SeedApi): void {
  for (const p of PEOPLE) {
    const nickname = p.userPrincipalName.split('@')[0]!.replace(/[^A-Za-z0-9]/g, '');
    api.post('/users', {
      id: p.id, userPrincipalName: p.userPrincipalName, displayName: p.displayName, mail: p.mail, mailNickname: nickname,
      ...(p.givenName ? { givenName: p.givenName, surname: p.surname } : {}),
      ...(p.jobTitle ? { jobTitle: p.jobTitle } : {}),
      ...(p.officeLocation ? { officeLocation: p.officeLocation } : {}),
      ...(p.department ? { department: p.department } : {}),
      accountEnabled: p.kind !== 'shared', userType: p.kind === 'guest' ? 'Guest' : 'Member',
      businessPhones: p.kind === 'member' ? [`+1 425 555 01${PEOPLE.indexOf(p)}${PEOPLE.indexOf(p)}`] : [],
      mobilePhone: null, preferredLanguage: 'en-US', usageLocation: 'US', city: p.kind === 'member' ? 'Redmond' : null,
      country: 'United States', companyName: p.kind === 'guest' ? 'Fabrikam' : 'Contoso',
      proxyAddresses: [`SMTP:${p.mail}`], createdDateTime: '2023-01-09T16:00:00Z',
      ...(p.kind === 'guest' ? {} : {
        mailboxSettings: {
          timeZone: 'Pacific Standard Time', dateFormat: 'M/d/yyyy', timeFormat: 'h:mm tt',
          language: { locale: 'en-US', displayName: 'English (United States)' },
          automaticRepliesSetting: { status: 'disabled', externalAudience: 'all', internalReplyMessage: '', externalReplyMessage: '' },
        },
      }),
      '@emulator.meta': { kind: p.kind, ...(p.delegates ? { delegates: p.delegates } : {}) },
    });
  }
  // Members have a 96×96 photo (a flat colour each); the shared mailbox and the guest have none, so both
  // answers (the image, and 404 ImageNotFound) can be tested on the default tenant.
  if (api.hasNavigation('microsoft.graph.user', 'photo')) {
    PEOPLE.filter((p) => p.kind === 'member').forEach((p, i) => {
      api.request('PUT', `/users/${p.id}/photo/$value`, squarePng(96, PHOTO_COLOURS[i % PHOTO_COLOURS.length]!));
    });
  }
  // Managers: Nestor manages Adele, Megan manages Alex.
  if (api.hasNavigation('microsoft.graph.user', 'manager')) {
    api.put(`/users/${PEOPLE[0]!.id}/manager/$ref`, { '@odata.id': `https://graph.microsoft.com/v1.0/users/${PEOPLE[3]!.id}` });
    api.put(`/users/${PEOPLE[1]!.id}/manager/$ref`, { '@odata.id': `https://graph.microsoft.com/v1.0/users/${PEOPLE[2]!.id}` });
  }
}

export const GROUPS = {
  sales: { id: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d', displayName: 'Sales and Marketing', mailNickname: 'salesandmarketing' },
  retail: { id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', displayName: 'Retail', mailNickname: 'retail' },
  all: { id: '0f1e2d3c-4b5a-4697-8877-665544332211', displayName: 'All Company', mailNickname: 'allcompany' },
} as const;

export function seedGroups(api: SeedApi): void {
  if (!api.hasEntitySet('groups')) return;
  const ref = (i: number): string => `https://graph.microsoft.com/v1.0/directoryObjects/${PEOPLE[i]!.id}`;
  const unified = (g: { id: string; displayName: string; mailNickname: string }, description: string, members: number[], owners: number[]) => ({
    id: g.id, displayName: g.displayName, description, mailNickname: g.mailNickname, mail: `${g.mailNickname}@${TENANT.domain}`,
    mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'], visibility: 'Public',
    proxyAddresses: [`SMTP:${g.mailNickname}@${TENANT.domain}`], createdDateTime: '2023-02-01T10:00:00Z',
    'members@odata.bind': members.map(ref), 'owners@odata.bind': owners.map(ref),
  });
  api.post('/groups', unified(GROUPS.sales, 'Sales and marketing team: campaigns, launches and events.', [0, 1, 2], [2]));
  api.post('/groups', {
    id: GROUPS.retail.id, displayName: GROUPS.retail.displayName, description: 'Retail store managers and operations.',
    mailNickname: GROUPS.retail.mailNickname, mailEnabled: false, securityEnabled: true, groupTypes: [],
    createdDateTime: '2023-02-02T10:00:00Z', 'members@odata.bind': [ref(0), ref(3)],
  });
  api.post('/groups', unified(GROUPS.all, 'Everyone at Contoso.', [0, 1, 2, 3], [3]));
}
