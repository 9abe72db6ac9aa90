// Action parameters from the JSON body, checked against the operation's declared parameters. Graph
// matches parameter names without regard to case (`message` for the metadata's `Message`).
import type { OperationDef } from '../../schema.js';
import { badBody, type Area } from '../errors.js';
import type { RequestContext } from '../http/exchange.js';
import { validateEntity, validateValue, type ValidatedEntity } from '../model/validate.js';
import { readJsonObject } from '../handlers/body.js';
import { checkInlineAttachments } from '../handlers/inline-attachments.js';

export interface ActionParams {
  /** By lower-cased parameter name. */
  values: Map<string, unknown>;
  /** Entity-typed parameters, validated with their inline children (a message with attachments). */
  entities: Map<string, ValidatedEntity>;
}

export function readActionParams(ctx: RequestContext, op: OperationDef, area: Area): ActionParams {
  const index = ctx.service.index;
  const body = readJsonObject(ctx, area, op.parameters.every((p) => p.optional));
  const values = new Map<string, unknown>();
  const entities = new Map<string, ValidatedEntity>();
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith('@')) continue;
    const param = op.parameters.find((p) => p.name.toLowerCase() === name.toLowerCase());
    if (!param) {
      throw badBody(area, `The parameter '${name}' in the request payload is not a valid parameter for the operation '${op.name}'.`);
    }
    if (index.entityType(param.type) && !param.collection && value !== null) {
      const entity = validateEntity(index, param.type, value, 'value', { area });
      checkInlineAttachments(index, entity);
      entities.set(param.name.toLowerCase(), entity);
      values.set(param.name.toLowerCase(), value);
    } else {
      values.set(param.name.toLowerCase(), validateValue(index, param, value, param.name, area));
    }
  }
  for (const param of op.parameters) {
    if (!param.optional && !values.has(param.name.toLowerCase())) {
      throw badBody(area, `The parameter '${param.name}' is required by the operation '${op.name}' but was not given.`);
    }
  }
  return { values, entities };
}
