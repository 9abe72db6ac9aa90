// A small, hand-written GraphSchema with the shapes that matter to the emulator, mirroring the real v1.0
// metadata where it is surprising: `user.drive`, `drive.root` and `driveItem.children` are NOT contained,
// group `members` is a reference bound to `directoryObjects`, `message` and `fileAttachment` have streams,
// action parameters are PascalCase (`Message`, `SaveToSentItems`). Enough for the default seed to validate.
import type {
  EntityTypeDef, EnumTypeDef, GraphSchema, NavigationDef, OperationDef, ParameterDef, PropertyDef, StructuredTypeDef,
} from '../../../src/schema.js';

const NS = 'microsoft.graph';
const q = (name: string): string => (name.startsWith('Edm.') || name.includes('.') ? name : `${NS}.${name}`);

/** `'name:type'`, `'name:Collection(type)'`, `'name:type!'` (not nullable). */
function props(...specs: string[]): PropertyDef[] {
  return specs.map((spec) => {
    const [name, rawType] = spec.split(':') as [string, string];
    const nullable = !rawType.endsWith('!');
    const t = rawType.replace(/!$/, '');
    const m = /^Collection\((.+)\)$/.exec(t);
    return { name, type: q(m ? m[1]! : t), collection: !!m, nullable };
  });
}

/** `'name:type'` contained; `'name->type'` a reference; `Collection(…)` for many. */
function navs(...specs: string[]): NavigationDef[] {
  return specs.map((spec) => {
    const contained = !spec.includes('->');
    const [name, t] = spec.split(contained ? ':' : '->') as [string, string];
    const m = /^Collection\((.+)\)$/.exec(t);
    return { name, type: q(m ? m[1]! : t), collection: !!m, nullable: true, containsTarget: contained };
  });
}

function entity(name: string, base: string | undefined, p: PropertyDef[], n: NavigationDef[] = [], extra: Partial<EntityTypeDef> = {}): EntityTypeDef {
  return { name: q(name), ...(base ? { baseType: q(base) } : {}), abstract: false, open: false, properties: p, key: ['id'], navigation: n, hasStream: false, ...extra };
}

function complex(name: string, p: PropertyDef[], extra: Partial<StructuredTypeDef> = {}): StructuredTypeDef {
  return { name: q(name), abstract: false, open: false, properties: p, ...extra };
}

function enumType(name: string, members: string[], flags = false): EnumTypeDef {
  return { name: q(name), flags, members: members.map((m, i) => ({ name: m, value: flags ? 2 ** i : i })) };
}

function param(spec: string, optional = true): ParameterDef {
  return { ...props(spec)[0]!, optional };
}

function op(kind: 'action' | 'function', name: string, binding: string, parameters: ParameterDef[], returns?: string, collection = false): OperationDef {
  const m = /^Collection\((.+)\)$/.exec(binding);
  const r = returns ? /^Collection\((.+)\)$/.exec(returns) : null;
  return {
    kind, name, namespace: NS, bound: true, bindingType: { type: q(m ? m[1]! : binding), collection: !!m || collection, nullable: true },
    parameters, ...(returns ? { returnType: { type: q(r ? r[1]! : returns), collection: !!r, nullable: true } } : {}), composable: false,
  };
}

const entityTypes: EntityTypeDef[] = [
  entity('entity', undefined, props('id:Edm.String!'), [], { abstract: true }),
  entity('directoryObject', 'entity', props('deletedDateTime:Edm.DateTimeOffset'), [], { open: true }),
  entity('user', 'directoryObject', props(
    'accountEnabled:Edm.Boolean', 'assignedLicenses:Collection(assignedLicense)!', 'businessPhones:Collection(Edm.String)!',
    'city:Edm.String', 'companyName:Edm.String', 'country:Edm.String', 'createdDateTime:Edm.DateTimeOffset', 'department:Edm.String',
    'displayName:Edm.String', 'givenName:Edm.String', 'jobTitle:Edm.String', 'mail:Edm.String', 'mailNickname:Edm.String',
    'mobilePhone:Edm.String', 'officeLocation:Edm.String', 'otherMails:Collection(Edm.String)!', 'passwordProfile:passwordProfile',
    'preferredLanguage:Edm.String', 'proxyAddresses:Collection(Edm.String)!', 'surname:Edm.String', 'usageLocation:Edm.String',
    'userPrincipalName:Edm.String', 'userType:Edm.String', 'employeeHireDate:Edm.DateTimeOffset', 'ageGroup:Edm.String',
    'mailboxSettings:mailboxSettings',
  ), navs(
    'messages:Collection(message)', 'mailFolders:Collection(mailFolder)', 'events:Collection(event)', 'calendar:calendar',
    'calendars:Collection(calendar)', 'contacts:Collection(contact)', 'drive->drive', 'drives->Collection(drive)',
    'manager->directoryObject', 'memberOf->Collection(directoryObject)', 'directReports->Collection(directoryObject)',
    'transitiveMemberOf->Collection(directoryObject)', 'photo:profilePhoto',
  ), { open: true }),
  entity('group', 'directoryObject', props(
    'createdDateTime:Edm.DateTimeOffset', 'description:Edm.String', 'displayName:Edm.String', 'groupTypes:Collection(Edm.String)!',
    'mail:Edm.String', 'mailEnabled:Edm.Boolean', 'mailNickname:Edm.String', 'proxyAddresses:Collection(Edm.String)!',
    'securityEnabled:Edm.Boolean', 'visibility:Edm.String',
  ), navs('members->Collection(directoryObject)', 'owners->Collection(directoryObject)', 'memberOf->Collection(directoryObject)',
    'transitiveMemberOf->Collection(directoryObject)', 'transitiveMembers->Collection(directoryObject)', 'drive->drive', 'team:team'), { open: true }),
  entity('organization', 'directoryObject', props('city:Edm.String', 'country:Edm.String', 'countryLetterCode:Edm.String', 'displayName:Edm.String', 'verifiedDomains:Collection(verifiedDomain)!'), [], { open: true }),
  entity('outlookItem', 'entity', props('categories:Collection(Edm.String)', 'changeKey:Edm.String', 'createdDateTime:Edm.DateTimeOffset', 'lastModifiedDateTime:Edm.DateTimeOffset'), [], { abstract: true }),
  entity('message', 'outlookItem', props(
    'bccRecipients:Collection(recipient)', 'body:itemBody', 'bodyPreview:Edm.String', 'ccRecipients:Collection(recipient)',
    'conversationId:Edm.String', 'flag:followupFlag', 'from:recipient', 'hasAttachments:Edm.Boolean', 'importance:importance',
    'inferenceClassification:inferenceClassificationType', 'internetMessageId:Edm.String', 'isDeliveryReceiptRequested:Edm.Boolean',
    'isDraft:Edm.Boolean', 'isRead:Edm.Boolean', 'isReadReceiptRequested:Edm.Boolean', 'parentFolderId:Edm.String',
    'receivedDateTime:Edm.DateTimeOffset', 'replyTo:Collection(recipient)', 'sender:recipient', 'sentDateTime:Edm.DateTimeOffset',
    'subject:Edm.String', 'toRecipients:Collection(recipient)', 'webLink:Edm.String',
  ), navs('attachments:Collection(attachment)'), { hasStream: true, open: true }),
  entity('eventMessage', 'message', props('meetingMessageType:Edm.String')),
  entity('mailFolder', 'entity', props('childFolderCount:Edm.Int32', 'displayName:Edm.String', 'isHidden:Edm.Boolean', 'parentFolderId:Edm.String', 'totalItemCount:Edm.Int32', 'unreadItemCount:Edm.Int32'),
    navs('childFolders:Collection(mailFolder)', 'messages:Collection(message)')),
  entity('attachment', 'entity', props('contentType:Edm.String', 'isInline:Edm.Boolean!', 'lastModifiedDateTime:Edm.DateTimeOffset', 'name:Edm.String', 'size:Edm.Int32!'), [], { abstract: true }),
  entity('fileAttachment', 'attachment', props('contentBytes:Edm.Binary', 'contentId:Edm.String', 'contentLocation:Edm.String'), [], { hasStream: true }),
  entity('itemAttachment', 'attachment', [], navs('item:outlookItem')),
  entity('event', 'outlookItem', props(
    'attendees:Collection(attendee)', 'body:itemBody', 'bodyPreview:Edm.String', 'end:dateTimeTimeZone', 'hasAttachments:Edm.Boolean',
    'iCalUId:Edm.String', 'importance:importance', 'isAllDay:Edm.Boolean', 'isCancelled:Edm.Boolean', 'isDraft:Edm.Boolean',
    'isOnlineMeeting:Edm.Boolean', 'isOrganizer:Edm.Boolean', 'isReminderOn:Edm.Boolean', 'location:location', 'organizer:recipient',
    'reminderMinutesBeforeStart:Edm.Int32', 'responseRequested:Edm.Boolean', 'sensitivity:sensitivity', 'showAs:freeBusyStatus',
    'start:dateTimeTimeZone', 'subject:Edm.String', 'type:eventType',
  ), navs('attachments:Collection(attachment)'), { open: true }),
  entity('calendar', 'entity', props('canEdit:Edm.Boolean', 'canShare:Edm.Boolean', 'canViewPrivateItems:Edm.Boolean', 'changeKey:Edm.String', 'color:calendarColor', 'hexColor:Edm.String', 'isDefaultCalendar:Edm.Boolean', 'isRemovable:Edm.Boolean', 'name:Edm.String', 'owner:emailAddress'),
    navs('events:Collection(event)')),
  entity('contact', 'outlookItem', props('businessPhones:Collection(Edm.String)', 'companyName:Edm.String', 'displayName:Edm.String', 'emailAddresses:Collection(emailAddress)', 'givenName:Edm.String', 'parentFolderId:Edm.String', 'surname:Edm.String'), [], { open: true }),
  entity('baseItem', 'entity', props('createdBy:identitySet', 'createdDateTime:Edm.DateTimeOffset!', 'description:Edm.String', 'eTag:Edm.String', 'lastModifiedBy:identitySet', 'lastModifiedDateTime:Edm.DateTimeOffset!', 'name:Edm.String', 'parentReference:itemReference', 'webUrl:Edm.String'), [], { abstract: true }),
  entity('drive', 'baseItem', props('driveType:Edm.String', 'owner:identitySet', 'quota:quota'), navs('items:Collection(driveItem)', 'root->driveItem')),
  entity('driveItem', 'baseItem', props('cTag:Edm.String', 'content:Edm.Stream', 'file:file', 'folder:folder', 'package:package', 'root:root', 'size:Edm.Int64'), navs('children->Collection(driveItem)'), { open: true }),
  entity('site', 'baseItem', props('displayName:Edm.String', 'root:root', 'siteCollection:siteCollection'), navs('drive->drive', 'drives->Collection(drive)')),
  entity('team', 'entity', props('description:Edm.String', 'displayName:Edm.String', 'funSettings:teamFunSettings', 'isArchived:Edm.Boolean', 'memberSettings:teamMemberSettings', 'messagingSettings:teamMessagingSettings', 'visibility:teamVisibilityType', 'webUrl:Edm.String'),
    navs('channels:Collection(channel)', 'group->group'), { open: true }),
  entity('channel', 'entity', props('createdDateTime:Edm.DateTimeOffset', 'description:Edm.String', 'displayName:Edm.String!', 'email:Edm.String', 'membershipType:channelMembershipType')),
  entity('reportRoot', 'entity', []),
  entity('profilePhoto', 'entity', props('height:Edm.Int32', 'width:Edm.Int32'), [], { hasStream: true }),
];

const complexTypes: StructuredTypeDef[] = [
  complex('emailAddress', props('address:Edm.String', 'name:Edm.String')),
  complex('recipient', props('emailAddress:emailAddress')),
  complex('attendeeBase', props('type:attendeeType'), { baseType: q('recipient') }),
  complex('attendee', props('status:responseStatus'), { baseType: q('attendeeBase') }),
  complex('responseStatus', props('response:responseType', 'time:Edm.DateTimeOffset')),
  complex('itemBody', props('content:Edm.String', 'contentType:bodyType')),
  complex('followupFlag', props('flagStatus:followupFlagStatus', 'dueDateTime:dateTimeTimeZone')),
  complex('dateTimeTimeZone', props('dateTime:Edm.String!', 'timeZone:Edm.String')),
  complex('location', props('displayName:Edm.String', 'locationUri:Edm.String')),
  complex('identity', props('displayName:Edm.String', 'id:Edm.String'), { open: true }),
  complex('identitySet', props('application:identity', 'device:identity', 'user:identity'), { open: true }),
  complex('itemReference', props('driveId:Edm.String', 'driveType:Edm.String', 'id:Edm.String', 'name:Edm.String', 'path:Edm.String')),
  complex('folder', props('childCount:Edm.Int32')),
  complex('file', props('hashes:hashes', 'mimeType:Edm.String')),
  complex('hashes', props('quickXorHash:Edm.String', 'sha1Hash:Edm.String', 'sha256Hash:Edm.String')),
  complex('package', props('type:Edm.String')),
  complex('root', []),
  complex('quota', props('deleted:Edm.Int64', 'remaining:Edm.Int64', 'state:Edm.String', 'total:Edm.Int64', 'used:Edm.Int64')),
  complex('siteCollection', props('hostname:Edm.String')),
  complex('passwordProfile', props('forceChangePasswordNextSignIn:Edm.Boolean', 'password:Edm.String')),
  complex('assignedLicense', props('disabledPlans:Collection(Edm.Guid)!', 'skuId:Edm.Guid')),
  complex('verifiedDomain', props('capabilities:Edm.String', 'isDefault:Edm.Boolean', 'isInitial:Edm.Boolean', 'name:Edm.String', 'type:Edm.String')),
  complex('teamMemberSettings', props('allowCreateUpdateChannels:Edm.Boolean')),
  complex('teamMessagingSettings', props('allowUserEditMessages:Edm.Boolean')),
  complex('teamFunSettings', props('allowGiphy:Edm.Boolean', 'giphyContentRating:giphyRatingType')),
  complex('driveItemUploadableProperties', props('description:Edm.String', 'fileSize:Edm.Int64', 'name:Edm.String')),
  complex('mailboxSettings', props('automaticRepliesSetting:automaticRepliesSetting', 'dateFormat:Edm.String', 'language:localeInfo', 'timeFormat:Edm.String', 'timeZone:Edm.String')),
  complex('localeInfo', props('displayName:Edm.String', 'locale:Edm.String')),
  complex('automaticRepliesSetting', props('externalReplyMessage:Edm.String', 'internalReplyMessage:Edm.String', 'status:automaticRepliesStatus')),
  complex('uploadSession', props('expirationDateTime:Edm.DateTimeOffset', 'nextExpectedRanges:Collection(Edm.String)', 'uploadUrl:Edm.String')),
];

const enumTypes: EnumTypeDef[] = [
  enumType('importance', ['low', 'normal', 'high']),
  enumType('inferenceClassificationType', ['focused', 'other']),
  enumType('followupFlagStatus', ['notFlagged', 'complete', 'flagged']),
  enumType('bodyType', ['text', 'html']),
  enumType('attendeeType', ['required', 'optional', 'resource']),
  enumType('responseType', ['none', 'organizer', 'tentativelyAccepted', 'accepted', 'declined', 'notResponded']),
  enumType('freeBusyStatus', ['unknown', 'free', 'tentative', 'busy', 'oof', 'workingElsewhere']),
  enumType('eventType', ['singleInstance', 'occurrence', 'exception', 'seriesMaster']),
  enumType('sensitivity', ['normal', 'personal', 'private', 'confidential']),
  enumType('calendarColor', ['auto', 'lightBlue', 'lightGreen']),
  enumType('channelMembershipType', ['standard', 'private', 'shared']),
  enumType('teamVisibilityType', ['private', 'public']),
  enumType('giphyRatingType', ['strict', 'moderate']),
  enumType('automaticRepliesStatus', ['disabled', 'alwaysEnabled', 'scheduled']),
];

const recipients = 'ToRecipients:Collection(recipient)';
const operations: OperationDef[] = [
  op('action', 'sendMail', 'user', [param('Message:message!', false), param('SaveToSentItems:Edm.Boolean')]),
  op('action', 'send', 'message', []),
  op('action', 'reply', 'message', [param('Message:message'), param('Comment:Edm.String')]),
  op('action', 'replyAll', 'message', [param('Message:message'), param('Comment:Edm.String')]),
  op('action', 'forward', 'message', [param(recipients), param('Message:message'), param('Comment:Edm.String')]),
  op('action', 'createReply', 'message', [param('Message:message'), param('Comment:Edm.String')], 'message'),
  op('action', 'move', 'message', [param('DestinationId:Edm.String!', false)], 'message'),
  op('action', 'copy', 'message', [param('DestinationId:Edm.String!', false)], 'message'),
  op('function', 'delta', 'Collection(message)', [], 'Collection(message)'),
  op('function', 'delta', 'Collection(user)', [], 'Collection(user)'),
  op('function', 'delta', 'driveItem', [], 'Collection(driveItem)'),
  op('action', 'createUploadSession', 'driveItem', [param('item:driveItemUploadableProperties')], 'uploadSession'),
  op('function', 'getOffice365ActiveUserCounts', 'reportRoot', [param('period:Edm.String!', false)], 'Edm.Stream'),
  op('function', 'getEmailActivityUserDetail', 'reportRoot', [param('date:Edm.Date!', false)], 'Edm.Stream'),
  op('action', 'getMemberGroups', 'directoryObject', [param('securityEnabledOnly:Edm.Boolean')], 'Collection(Edm.String)'),
  // An unbound function, reachable only through its import at the service root.
  { kind: 'function', name: 'getTenantStatus', namespace: NS, bound: false, parameters: [param('region:Edm.String')], returnType: { type: 'Edm.String', collection: false, nullable: true }, composable: false, importName: 'tenantStatus' },
];

const byName = <T extends { name: string }>(list: T[]): Record<string, T> => Object.fromEntries(list.map((t) => [t.name, t]));
const dirBindings = { manager: 'directoryObjects', memberOf: 'directoryObjects', directReports: 'directoryObjects' };

/** A fresh copy each call, so a test may alter its schema without affecting others. */
export function miniSchema(version = 'v1.0'): GraphSchema {
  return structuredClone({
    version,
    namespaces: [{ name: NS, alias: 'graph' }],
    entityTypes: byName(entityTypes),
    complexTypes: byName(complexTypes),
    enumTypes: byName(enumTypes),
    entitySets: {
      users: { type: q('user'), bindings: dirBindings },
      groups: { type: q('group'), bindings: { members: 'directoryObjects', owners: 'directoryObjects', memberOf: 'directoryObjects' } },
      directoryObjects: { type: q('directoryObject'), bindings: {} },
      organization: { type: q('organization'), bindings: {} },
      drives: { type: q('drive'), bindings: {} },
      sites: { type: q('site'), bindings: {} },
      teams: { type: q('team'), bindings: { group: 'groups' } },
    },
    singletons: {
      me: { type: q('user'), bindings: dirBindings },
      reports: { type: q('reportRoot'), bindings: {} },
      // Not in the clean v1.0 file; the generator adds it from its overrides, as the service has it.
      drive: { type: q('drive'), bindings: {} },
    },
    operations,
  });
}
