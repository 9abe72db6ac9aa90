// How the workflows stay typed without a copy of Graph's model: every helper is generic over the
// generated builder it is given (`client.me`, `client.users.byId(x)`), and reads the model types off that
// builder's type-only `[model]` member. Nothing here exists at run time.
import type { model } from '../types.js';

/** The model of a generated item builder: `ModelOf<MessageB>` is `Message`. */
export type ModelOf<B> = B extends { readonly [model]: infer T } ? T : Record<string, unknown>;

/** The model of the items of a collection member: `ItemModel<UserB, 'messages'>` is `Message`. */
export type ItemModel<U, K extends string> = U extends { [P in K]: { byId(id: string): infer B } } ? ModelOf<B> : Record<string, unknown>;

/** The item builder of a collection member: `ItemBuilder<UserB, 'messages'>` is `MessageB`. */
export type ItemBuilder<U, K extends string> = U extends { [P in K]: { byId(id: string): infer B } } ? B : never;

/**
 * A generated builder as the helpers call it inside: every member is a path segment or an action. The
 * public signatures are checked against the generated types; inside, the helpers only compose paths those
 * types vouch for, so they go through this one loose type rather than repeat the generated declarations.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;
