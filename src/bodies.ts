// What a write's body may be: the model's values as Graph reads them in a request, which is looser than
// what it sends back (annotations beside any property, booleans as JSON strings, enum members in any case,
// `@odata.type` in any namespace) and as strict where it matters (property names, enum members, type names).
// Type-only, re-exported by types.ts: generated code names these `rt.In`, `rt.Cased`, `rt.ODataType`, ….

/**
 * Annotations Graph reads in bodies: of the value (`'@microsoft.graph.conflictBehavior': 'rename'`) and of
 * one of its properties: references bound by URL (`'members@odata.bind': ['https://graph.microsoft.com/v1.0/users/{id}']`),
 * a property's type (`'day@odata.type': '#microsoft.graph.dayOfWeek'`). OData writes every annotation
 * with an `@`, no property name has one: a misspelt property is still an error.
 */
export interface Annotations {
  [annotation: `${string}@${string}`]: unknown;
}

/**
 * Extension data Graph stores beside an entity's own properties: a schema extension's
 * (`"graphlearn_courses": { "courseId": "123" }`, registered by an app) and a directory extension's
 * (`"extension_b7d8e5fa6d0e4f4fb1f3a3c1d2e4f5a6_employeeNumber"`). Both names have an underscore, which
 * Graph's own names rarely have; those that do (`alerts_v2`, Intune's `v10_0`) are declared and keep their
 * types. Taken at an entity body's top level only (`New`), so a misspelt property is still an error.
 */
export interface ExtensionData {
  [extension: ExtensionName]: unknown;
}

/** A schema or directory extension's property name: `graphlearn_courses`, `extension_<appId>_<name>`. */
export type ExtensionName = `${string}_${string}`;

/** What an entity's body may carry beside its type's properties. */
export interface BodyExtras extends Annotations, ExtensionData {}

/** A value that may carry instance annotations beside its properties. */
export type Annotated<T> = T & Annotations;

/**
 * A value of type `T` as a body may write it. Objects at every depth may carry annotations: a posted
 * team's `members: [{ 'user@odata.bind': … }]` and `installedApps: [{ 'teamsApp@odata.bind': … }]`, a
 * property's type (`'day@odata.type': '#microsoft.graph.dayOfWeek'`). Booleans and numbers may be JSON
 * strings (`"saveToSentItems": "false"` in Graph's sendMail example, `"True"`, `"availabilityViewInterval": "15"`
 * in getSchedule's): Graph's OData reader converts a string to the primitive type the property has.
 * A value typed by the model itself (`toRecipients` of a message just read) is taken as it is: `T` is
 * one of the union's members, since an interface never satisfies the annotations' index signature.
 * Resolved lazily, property by property, only as deep as a body goes: a misspelt property, a wrong enum
 * value or a wrong `@odata.type` at any depth is still an error.
 */
export type In<T> = T extends readonly (infer E)[] ? readonly In<E>[]
  : T extends boolean ? T | BooleanText
    : T extends number ? T | `${T}`
      : T extends object ? T | ({ [K in keyof T]: In<T[K]> } & Annotations)
        : T;

/** A boolean as the JSON strings Graph converts (`Boolean.Parse` reads either case). */
export type BooleanText = 'true' | 'false' | 'True' | 'False';

/**
 * A body for creating or updating an entity: every property is optional already (the model's are),
 * annotations anywhere, and extension data beside the entity's own properties (see {@link ExtensionData}).
 * Only there: inside a complex value a name with an underscore is checked (Intune's `v10_0` is a boolean).
 */
export type New<T> = T extends object ? T | ({ [K in keyof T]: In<T[K]> } & BodyExtras) : In<T>;

/**
 * An action's parameters as its body: as named, or every name capitalised as the Outlook pages of Graph's
 * docs write them (`{ "Comment": … }`, `{ "EmailAddresses": […] }`; Graph reads parameter names in either
 * case). `{}` for an action without parameters, as the docs post to `closeSession`.
 */
export type ActionBody<P> = [P] extends [void] ? void | Record<string, never> : In<P> | In<{ [K in keyof P as Capitalize<K & string>]: P[K] }>;

/**
 * Enum members in the cases Graph reads and its docs write: `html`, `Html`, `HTML`, and a capitalised member
 * (OneNote's `Append`) in lower case, `append`.
 */
export type Cased<M extends string> = M | Capitalize<M> | Uncapitalize<M> | Uppercase<M>;

/**
 * A value's `@odata.type`, given the last segment of its type's name and its derived types' (`fileAttachment`).
 * Graph and its docs write it with or without the `#`, in its namespace or a workload's own
 * (`#microsoft.graph.fileAttachment`, `#Microsoft.OutlookServices.FileAttachment`,
 * `Microsoft.Teams.GraphSvc.aadUserNotificationRecipient`), or without one (`educationLinkResource`):
 * the type's name is checked (in its own case, capitalised or in lower case: Graph Explorer's samples post
 * `#microsoft.graph.sitepage`), the namespace is not.
 */
export type ODataType<L extends string> = L | `${string}.${L | Capitalize<L> | Lowercase<L>}`;

/** Flags enums travel as comma-separated member names. */
export type Flags<M extends string> = M | `${M},${string}`;
