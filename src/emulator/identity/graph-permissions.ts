// Which Graph permission names exist, for the families a misspelling most often hits: a name in one of
// these families that is not listed (`Mail.Raed`, `Files.ReadWrite.Al`, `Calendar.Read`) names no
// permission, and the identity service refuses it instead of issuing a token that silently lacks it.
// Families not listed here (Chat, Tasks, Team, …) are not checked beyond the name's shape: the emulator
// does not serve them, and refusing a real permission would be worse than letting a typo through.
// Names are from Graph's permissions reference (delegated and application names together; Entra reads
// them without regard to case).

const KNOWN: Record<string, string[]> = {
  Mail: ['Read', 'ReadBasic', 'ReadBasic.All', 'ReadBasic.Shared', 'ReadWrite', 'Read.Shared', 'ReadWrite.Shared', 'Send', 'Send.Shared'],
  MailboxSettings: ['Read', 'ReadWrite'],
  Calendars: ['Read', 'ReadBasic', 'ReadBasic.All', 'Read.Shared', 'ReadWrite', 'ReadWrite.Shared'],
  // "Calendar.Read" is a common slip for Calendars.Read; the family has no permission of its own.
  Calendar: [],
  Contacts: ['Read', 'Read.Shared', 'ReadWrite', 'ReadWrite.Shared'],
  Files: [
    'Read', 'Read.All', 'Read.Selected', 'ReadWrite', 'ReadWrite.All', 'ReadWrite.AppFolder', 'ReadWrite.Selected',
    'SelectedOperations.Selected',
  ],
  Sites: ['Read.All', 'ReadWrite.All', 'Manage.All', 'FullControl.All', 'Selected', 'Create.All', 'Archive.All'],
  User: [
    'Read', 'ReadWrite', 'ReadBasic.All', 'Read.All', 'ReadWrite.All', 'Invite.All', 'Export.All', 'ManageIdentities.All',
    'EnableDisableAccount.All', 'RevokeSessions.All', 'DeleteRestore.All', 'ReadWrite.CrossCloud', 'Read.CrossCloud',
    'ReadUsageData.All',
  ],
  Group: ['Read.All', 'ReadWrite.All', 'Create', 'Selected', 'ReadBasic.All'],
  GroupMember: ['Read.All', 'ReadWrite.All'],
  Directory: ['Read.All', 'ReadWrite.All', 'AccessAsUser.All', 'Write.Restricted'],
  People: ['Read', 'Read.All'],
};

const FAMILIES = new Map(Object.entries(KNOWN).map(([family, names]) => [
  family.toLowerCase(), new Set(names.map((n) => `${family}.${n}`.toLowerCase())),
]));

/** False only for a name in a checked family that Graph does not have. */
export function mayBeGraphPermission(name: string): boolean {
  const dot = name.indexOf('.');
  const family = FAMILIES.get((dot < 0 ? name : name.slice(0, dot)).toLowerCase());
  return family === undefined || family.has(name.toLowerCase());
}
