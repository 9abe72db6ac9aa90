// OneDrive for each member, a group drive, SharePoint sites (the root site and the group's team site),
// and the group's team with two channels.
import type { SeedApi } from './api.js';
import { officeStandIn, pdf, PNG_1X1 } from './content.js';
import { GROUPS, PEOPLE, TENANT } from './people.js';

const HOST = 'contoso.sharepoint.com';
/** OneDrive for Business lives on the tenant's `-my` host. */
const MY_HOST = 'contoso-my.sharepoint.com';
const ROOT_SITE_ID = `${HOST},2c5b8d3e-1a4f-4b6c-9d7e-8f0a1b2c3d4e,9e8f7a6b-5c4d-4e3f-8a2b-1c0d9e8f7a6b`;
const SALES_SITE_ID = `${HOST},4d5e6f7a-8b9c-4d0e-a1f2-3b4c5d6e7f8a,6a7b8c9d-0e1f-4a2b-b3c4-d5e6f7a8b9c0`;

/** Files per OneDrive: path (folders created on the way) → content. */
const FILES: Record<string, Array<[string, Buffer]>> = {
  [PEOPLE[0]!.id]: [
    ['Documents/Q3 Report.docx', officeStandIn('Q3 Report.docx')],
    ['Documents/Budget.xlsx', officeStandIn('Budget.xlsx')],
    ['Documents/Contracts/Fabrikam NDA.pdf', pdf('Fabrikam NDA')],
    ['Photos/team.png', PNG_1X1],
    ['Notes.txt', Buffer.from('Remember: store walkthrough on Thursday.\n', 'utf8')],
  ],
  [PEOPLE[1]!.id]: [['Campaign/brief.txt', Buffer.from('Summer campaign brief, draft 2.\n', 'utf8')]],
  [PEOPLE[2]!.id]: [['Plans.txt', Buffer.from('Launch plan milestones.\n', 'utf8')]],
  [PEOPLE[3]!.id]: [],
};

const encodePath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

function seedDrive(api: SeedApi, ownerPath: string, name: string, driveType: string, owner: Record<string, unknown>, files: Array<[string, Buffer]>, webUrl: string): string {
  // Addressed through the owner, not /drives/{id}: in some versions the drive is contained by its owner.
  const drive = api.put(`${ownerPath}/drive`, { name, driveType, owner, webUrl, quota: { total: 1099511627776, used: 0, remaining: 1099511627776, state: 'normal' } });
  api.put(`${ownerPath}/drive/root`, { name: 'root', folder: {}, root: {} });
  for (const [path, bytes] of files) api.put(`${ownerPath}/drive/root:/${encodePath(path)}:/content`, bytes);
  return String(drive['id']);
}

export function seedDrives(api: SeedApi): void {
  if (!api.hasNavigation('microsoft.graph.user', 'drive') || !api.hasEntitySet('drives')) return;
  for (const person of PEOPLE.filter((p) => p.kind === 'member')) {
    seedDrive(api, `/users/${person.id}`, 'OneDrive', 'business',
      { user: { id: person.id, displayName: person.displayName, email: person.mail } }, FILES[person.id] ?? [],
      `https://${MY_HOST}/personal/${person.userPrincipalName.replace(/[@.]/g, '_')}/Documents`);
  }
  if (api.hasNavigation('microsoft.graph.group', 'drive')) {
    seedDrive(api, `/groups/${GROUPS.sales.id}`, 'Documents', 'documentLibrary', { group: { id: GROUPS.sales.id, displayName: GROUPS.sales.displayName } },
      [['General/Launch plan.docx', officeStandIn('Launch plan.docx')], ['General/Event budget.xlsx', officeStandIn('Event budget.xlsx')]],
      `https://${HOST}/sites/SalesAndMarketing/Shared%20Documents`);
  }
}

export function seedSites(api: SeedApi): void {
  if (!api.hasEntitySet('sites')) return;
  api.post('/sites', {
    id: ROOT_SITE_ID, name: 'Communication site', displayName: 'Communication site', webUrl: `https://${HOST}`,
    root: {}, siteCollection: { hostname: HOST }, createdDateTime: '2023-01-09T16:00:00Z', description: `${TENANT.displayName} intranet`,
  });
  api.post('/sites', {
    id: SALES_SITE_ID, name: 'SalesAndMarketing', displayName: 'Sales and Marketing', webUrl: `https://${HOST}/sites/SalesAndMarketing`,
    siteCollection: { hostname: HOST }, createdDateTime: '2023-02-01T10:00:00Z', description: 'Team site of the Sales and Marketing group',
  });
  // The team site's library is the group's drive (a link; where the metadata contains it, there is nothing to link).
  const siteDrive = api.index.navigations('microsoft.graph.site').get('drive');
  if (siteDrive && !siteDrive.containsTarget && api.hasNavigation('microsoft.graph.group', 'drive')) {
    api.put(`/sites/${encodeURIComponent(SALES_SITE_ID)}/drive/$ref`, { '@odata.id': `https://graph.microsoft.com/v1.0/groups/${GROUPS.sales.id}/drive` });
  }
}

export function seedTeams(api: SeedApi): void {
  if (!api.hasEntitySet('teams') || !api.hasNavigation('microsoft.graph.group', 'team')) return;
  api.put(`/groups/${GROUPS.sales.id}/team`, {
    displayName: GROUPS.sales.displayName, description: 'Sales and marketing team', visibility: 'public', isArchived: false,
    memberSettings: { allowCreateUpdateChannels: true }, messagingSettings: { allowUserEditMessages: true },
    funSettings: { allowGiphy: true, giphyContentRating: 'moderate' }, webUrl: `https://teams.microsoft.com/l/team/${GROUPS.sales.id}`,
  });
  if (!api.hasNavigation('microsoft.graph.team', 'channels')) return;
  for (const [displayName, description] of [['General', 'General discussion'], ['Launch', 'Summer launch planning']] as const) {
    api.post(`/teams/${GROUPS.sales.id}/channels`, {
      displayName, description, membershipType: 'standard', createdDateTime: '2023-02-01T10:05:00Z',
      email: `${displayName.toLowerCase()}.${GROUPS.sales.mailNickname}@${TENANT.domain}`,
    });
  }
}
