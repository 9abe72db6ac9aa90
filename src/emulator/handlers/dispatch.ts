// The Graph router: resolve the path, authorize the caller for what it reaches, then pick the handler by
// what the path points at and the HTTP method.
import { operationHandler } from '../actions/registry.js';
import { createUploadSessionAtPath } from '../actions/uploads.js';
import { authorize } from '../auth/permissions.js';
import { withinWindow } from '../calendar/view.js';
import { methodNotAllowed, notFound, notImplemented, type GraphError } from '../errors.js';
import { json, text, type GraphResponse, type RequestContext } from '../http/exchange.js';
import { areaOf } from '../model/areas.js';
import { validateEntity } from '../model/validate.js';
import { parsePath } from '../odata/path.js';
import { parseQuery } from '../odata/query.js';
import { currentUser } from '../routing/me.js';
import { imageNotFound, isProfilePhoto } from '../store/photos.js';
import { resolvePath } from '../routing/resolve.js';
import type { CollectionTarget, OperationTarget, PropertyTarget, Resolved } from '../routing/targets.js';
import { baseUrl } from '../service.js';
import { readJson } from './body.js';
import { readCollection, readCount } from './collection.js';
import { createEntity } from './create.js';
import { createInSlot, deleteEntity, ownerOfTrail, readEntity, updateEntity, updateProperty } from './entity.js';
import { checkInlineAttachments } from './inline-attachments.js';
import { handleRef } from './references.js';
import { createdResponse, serialize } from './serialize.js';
import { createMedia, readStream, uploadToPath, writeStream } from './streams.js';
import { isMimeRequest, mimeDraft } from '../actions/mime-send.js';
import { extensionNames } from '../store/extensions.js';

export function resolveRequest(ctx: RequestContext): Resolved {
  return resolvePath(parsePath(ctx.path), { store: ctx.service.store, me: () => currentUser(ctx), query: ctx.params });
}

export function dispatch(ctx: RequestContext, resolved: Resolved): GraphResponse {
  if (!ctx.internal) authorize(ctx, resolved);
  const target = resolved.target;
  const method = ctx.method;
  switch (target.kind) {
    case 'collection':
      if (method === 'GET') return readCollection(ctx, withinWindow(ctx, target), parseQuery(ctx.params));
      if (method === 'POST' && !target.collection.windowed) return createInCollection(ctx, target, resolved);
      throw methodNotAllowed(method, target.collection.windowed ? 'a calendarView (POST to events)' : 'a collection');
    case 'entity':
      if (method === 'GET') return readEntity(ctx, target, parseQuery(ctx.params));
      // Occurrences are computed from their series; a change to one alone (an exception) is not kept.
      if (target.record.meta['occurrenceOf']) throw notImplemented(`${method} of one occurrence of a series (change the series master)`);
      if (method === 'PATCH') return updateEntity(ctx, target, false);
      if (method === 'PUT') return updateEntity(ctx, target, true);
      if (method === 'DELETE') return deleteEntity(ctx, target);
      throw methodNotAllowed(method, 'an entity');
    case 'emptySlot':
      if (method === 'PUT' || method === 'PATCH' || method === 'POST') return createInSlot(ctx, target, resolved);
      throw missing(ctx, target.type);
    case 'mediaSlot':
      // Graph takes a photo by PUT or PATCH alike (graph-client and python-o365 PATCH it).
      if (method === 'PUT' || method === 'PATCH') return createMedia(ctx, target);
      throw missing(ctx, target.type);
    case 'property':
      if (method === 'GET') return readProperty(ctx, target);
      if (method === 'PATCH' && !target.raw) return updateProperty(ctx, target);
      throw methodNotAllowed(method, 'a property; PATCH the entity instead');
    case 'stream':
      if (method === 'GET') return readStream(ctx, target);
      if (method === 'PUT' || (method === 'PATCH' && !target.property)) return writeStream(ctx, target);
      throw methodNotAllowed(method, 'a stream');
    case 'count':
      if (method === 'GET') return readCount(ctx, withinWindow(ctx, target.of), parseQuery(ctx.params));
      throw methodNotAllowed(method, '$count');
    case 'ref':
      return handleRef(ctx, target);
    case 'operation':
      return invoke(ctx, target, resolved);
    case 'drivePath':
      if (method === 'PUT') return uploadToPath(ctx, target, resolved);
      if (method === 'POST' && target.then?.toLowerCase() === 'createuploadsession') return createUploadSessionAtPath(ctx, target, resolved);
      throw notFound('drive');
    case 'batch':
      throw methodNotAllowed(method, '$batch');
  }
}

/** Nothing behind a single navigation: Exchange says so in its own words for photos. */
function missing(ctx: RequestContext, type: string): GraphError {
  return isProfilePhoto(ctx.service.store, type) ? imageNotFound() : notFound(areaOf(ctx.service.index, type));
}

function createInCollection(ctx: RequestContext, target: CollectionTarget, resolved: Resolved): GraphResponse {
  const { index } = ctx.service;
  const area = areaOf(index, target.type);
  const body = isMimeRequest(ctx) && index.isA(target.type, 'microsoft.graph.message') ? mimeDraft(ctx) : readJson(ctx, area);
  const validated = validateEntity(index, target.type, body, 'create', { area, internal: ctx.internal, extensions: extensionNames(ctx.service.store) });
  checkInlineAttachments(index, validated);
  const owner = ownerOfTrail(ctx, resolved);
  const folder = target.parent && index.isA(target.parent.type, 'microsoft.graph.driveItem') ? target.parent : undefined;
  const record = createEntity(ctx, {
    validated, container: target.collection, scope: target.scope, ...(owner ? { owner } : {}), ...(folder ? { folder } : {}),
  });
  return createdResponse(ctx, record, target.type, `${target.context}/$entity`);
}

function readProperty(ctx: RequestContext, target: PropertyTarget): GraphResponse {
  const value = serialize(ctx.service.store, target.record, target.record.type, { select: [target.property.name] })[target.property.name];
  // OData: a null property answers 204 No Content, with or without /$value.
  if (value === null || value === undefined) return { status: 204, headers: {} };
  if (target.raw) return text(200, typeof value === 'object' ? JSON.stringify(value) : String(value));
  const context = `${baseUrl(ctx.service)}/$metadata#${target.context}`;
  // A complex value comes inline (`GET /me/mailboxSettings`); primitives and collections under `value`.
  const complex = !target.property.collection && ctx.service.index.complexType(target.property.type) !== undefined;
  return json(200, complex ? { '@odata.context': context, ...(value as object) } : { '@odata.context': context, value });
}

function invoke(ctx: RequestContext, target: OperationTarget, resolved: Resolved): GraphResponse {
  const expected = target.op.kind === 'function' ? 'GET' : 'POST';
  if (ctx.method !== expected) {
    throw methodNotAllowed(ctx.method, `the ${target.op.kind} '${target.op.name}' (use ${expected})`);
  }
  const handler = operationHandler(target.op);
  if (!handler) throw notImplemented(`the ${target.op.kind} '${target.op.namespace}.${target.op.name}'`);
  if (target.binding?.kind === 'collection' && target.binding.collection.windowed) throw notImplemented(`'${target.op.name}' on a calendarView`);
  if (target.op.kind === 'action' && target.binding?.kind === 'entity' && target.binding.record.meta['occurrenceOf']) {
    throw notImplemented(`'${target.op.name}' on one occurrence of a series (act on the series master)`);
  }
  return handler(ctx, target, resolved);
}
