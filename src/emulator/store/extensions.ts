// Extension data kept beside an entity's own properties, as Graph keeps it: a directory extension
// (`extension_{appId}_{name}`) on any directory object, and a schema extension registered at
// `/schemaExtensions` (its id, `graphlearn_courses`, names the property) on the types it targets
// (`targetTypes: ["Group"]`). Written in a body, read with `$select` (Graph sends it only when selected).
import type { SchemaIndex } from '../model/schema-index.js';
import type { Store } from './store.js';

/** Whether `name` is extension data on an entity of `type`. */
export type ExtensionNames = (type: string, name: string) => boolean;

/** Directory extensions only: what a check without the store (a `$expand`'s nested options) knows. */
export function directoryExtensions(index: SchemaIndex): ExtensionNames {
  return (type, name) => name.startsWith('extension_') && index.isA(type, 'microsoft.graph.directoryObject');
}

/** Directory extensions, and the schema extensions registered in `store`. */
export function extensionNames(store: Store): ExtensionNames {
  const index = store.index;
  const directory = directoryExtensions(index);
  return (type, name) => {
    if (directory(type, name)) return true;
    if (!name.includes('_')) return false;
    const lineage = index.ancestors(type).map((t) => t.slice(t.lastIndexOf('.') + 1).toLowerCase());
    for (const registered of store.entitySet('schemaExtensions').values()) {
      if (String(registered.props['id']).toLowerCase() !== name.toLowerCase()) continue;
      const targets = registered.props['targetTypes'];
      if (Array.isArray(targets) && targets.some((t) => lineage.includes(String(t).toLowerCase()))) return true;
    }
    return false;
  };
}
