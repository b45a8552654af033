// Element paths of an XML document ("root/child/grandchild", local names), the unit of the sample-derived check.
import { XmlDocument, XmlElement, type XmlTreeNode } from 'libxml2-wasm';
import { assertSafeXml } from '../../platform/safeXml';

export interface PathDocument {
  /** `{namespace}local` of the document element. */
  root: { namespace: string; local: string };
  /** Attributes of the document element (version, standard, ...). */
  rootAttributes: Record<string, string>;
  /** Every element path, the root's local name first. */
  paths: Set<string>;
  /** Per element (in document order): its path and the local names of its child elements in order. */
  children: [string, string[]][];
}

/** Reads the element paths of a document; unsafe or malformed XML throws. */
export function readPaths(xml: string): PathDocument {
  assertSafeXml(xml);
  const document = XmlDocument.fromString(xml);
  try {
    const root = document.root;
    const paths = new Set<string>();
    const children: [string, string[]][] = [];
    const walk = (element: XmlElement, prefix: string) => {
      const path = prefix ? `${prefix}/${element.name}` : element.name;
      paths.add(path);
      const names: string[] = [];
      children.push([path, names]);
      for (let child: XmlTreeNode | null = element.firstChild; child; child = child.next)
        if (child instanceof XmlElement) {
          names.push(child.name);
          walk(child, path);
        }
    };
    walk(root, '');
    const rootAttributes: Record<string, string> = {};
    for (const attribute of root.attrs) rootAttributes[attribute.name] = attribute.value;
    return { root: { namespace: root.namespaceUri, local: root.name }, rootAttributes, paths, children };
  } finally {
    document.dispose();
  }
}
