// Checks a parsed $filter against the schema before anything is evaluated: every property path must exist
// on the type (or on a lambda variable's element type), functions must be known and given the right
// number of arguments. It also reports the operators that the directory treats as "advanced queries".
import { badRequest } from '../errors.js';
import type { SchemaIndex } from '../model/schema-index.js';
import type { FilterNode } from './filter-parser.js';
import { directoryExtensions, type ExtensionNames } from '../store/extensions.js';

/** Function name → [min, max] argument count. */
const FUNCTIONS: Record<string, [number, number]> = {
  contains: [2, 2], startswith: [2, 2], endswith: [2, 2], tolower: [1, 1], toupper: [1, 1], trim: [1, 1],
  length: [1, 1], indexof: [2, 2], substring: [2, 3], concat: [2, 2], year: [1, 1], month: [1, 1], day: [1, 1],
  hour: [1, 1], minute: [1, 1], second: [1, 1], date: [1, 1], now: [0, 0],
};

/** Operators and functions that Microsoft Entra ID only serves with `ConsistencyLevel: eventual`. */
export type AdvancedFeature = 'ne' | 'not' | 'endswith' | 'in-lambda';

interface VariableType {
  type: string;
}

export function checkFilter(index: SchemaIndex, entityType: string, node: FilterNode, extensions: ExtensionNames = directoryExtensions(index)): Set<AdvancedFeature> {
  const advanced = new Set<AdvancedFeature>();
  const visit = (n: FilterNode, vars: Map<string, VariableType>): void => {
    switch (n.kind) {
      case 'literal':
        return;
      case 'member':
        memberType(n.path, vars, n.pos);
        return;
      case 'compare':
        if (n.op === 'ne') advanced.add('ne');
        visit(n.left, vars);
        visit(n.right, vars);
        return;
      case 'logical':
        visit(n.left, vars);
        visit(n.right, vars);
        return;
      case 'not':
        advanced.add('not');
        visit(n.operand, vars);
        return;
      case 'in':
        visit(n.left, vars);
        n.items.forEach((i) => visit(i, vars));
        return;
      case 'call': {
        const arity = FUNCTIONS[n.name];
        if (!arity) throw badRequest(`Invalid filter clause: unknown function '${n.name}' at position ${n.pos}.`);
        if (n.args.length < arity[0] || n.args.length > arity[1]) {
          throw badRequest(`Invalid filter clause: '${n.name}' takes ${arity[0]}${arity[1] !== arity[0] ? `-${arity[1]}` : ''} argument(s), got ${n.args.length} at position ${n.pos}.`);
        }
        if (n.name === 'endswith') advanced.add('endswith');
        n.args.forEach((a) => visit(a, vars));
        return;
      }
      case 'lambda': {
        const collection = memberType(n.collection, vars, n.pos);
        if (!collection.collection) {
          throw badRequest(`Invalid filter clause: '${n.collection.join('/')}' is not a collection, so '${n.op}' cannot apply (position ${n.pos}).`);
        }
        if (n.body && n.variable) {
          const inner = new Map(vars);
          inner.set(n.variable, { type: collection.type });
          visit(n.body, inner);
        }
        return;
      }
    }
  };

  function memberType(path: string[], vars: Map<string, VariableType>, pos: number): { type: string; collection: boolean } {
    let current: { type: string; collection: boolean } = { type: entityType, collection: false };
    let rest = path;
    const variable = vars.get(path[0]!);
    if (variable) {
      current = { type: variable.type, collection: false };
      rest = path.slice(1);
    } else if (path[0] === '$it') rest = path.slice(1);
    for (const part of rest) {
      if (current.collection) {
        throw badRequest(`Invalid filter clause: '${path.join('/')}' walks into a collection without any/all (position ${pos}).`);
      }
      if (extensions(current.type, part)) {
        return { type: 'Edm.Untyped', collection: false };
      }
      const property = index.propertyInFamily(current.type, part);
      if (!property) {
        throw badRequest(`Could not find a property named '${part}' on type '${current.type}'.`);
      }
      current = { type: property.type, collection: property.collection };
    }
    return current;
  }

  visit(node, new Map());
  return advanced;
}
