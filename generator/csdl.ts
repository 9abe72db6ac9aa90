// Reads a CSDL (OData v4 $metadata) document into plain element objects. No resolution happens here:
// names stay as written (aliases included); `schema-builder.ts` turns this into the resolved model.
import { XMLParser } from 'fast-xml-parser';

/** An XML element as fast-xml-parser gives it: attributes as strings, children as arrays. */
export interface CsdlElement {
  [attributeOrChild: string]: string | CsdlElement[] | undefined;
}

// Elements that may repeat are always arrays, so the builder never has to guess between one and many.
const REPEATABLE = new Set([
  'Schema', 'EntityType', 'ComplexType', 'EnumType', 'Member', 'Property', 'NavigationProperty', 'Key',
  'PropertyRef', 'Action', 'Function', 'Parameter', 'ReturnType', 'EntityContainer', 'EntitySet', 'Singleton',
  'ActionImport', 'FunctionImport', 'NavigationPropertyBinding', 'Annotations', 'Annotation', 'Term',
  'TypeDefinition', 'Record', 'PropertyValue', 'Collection', 'String', 'DataServices',
]);

export interface CsdlDocument {
  schemas: CsdlElement[];
}

export function parseCsdl(xml: string): CsdlDocument {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseAttributeValue: false,
    parseTagValue: false,
    // Descriptions contain entities such as &apos; and &#xD; that must come back as characters.
    processEntities: true,
    htmlEntities: true,
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATABLE.has(name),
  });
  // Some of Graph's files start with a byte-order mark.
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const root = parser.parse(text) as Record<string, unknown>;
  const edmx = root['Edmx'] as CsdlElement | undefined;
  const services = edmx?.['DataServices'];
  if (!edmx || !Array.isArray(services) || services.length === 0) {
    throw new Error('Not a CSDL document: expected <edmx:Edmx><edmx:DataServices>…');
  }
  const schemas = children(services[0]!, 'Schema');
  if (schemas.length === 0) throw new Error('CSDL document has no <Schema> element');
  return { schemas };
}

export function children(element: CsdlElement, name: string): CsdlElement[] {
  const value = element[name];
  return Array.isArray(value) ? value : [];
}

export function attr(element: CsdlElement, name: string): string | undefined {
  const value = element[name];
  return typeof value === 'string' ? value : undefined;
}
