/** A tiny element builder: enough for the report, no framework. Text goes in as text nodes, never as HTML. */
type Child = Node | string | number | false | null | undefined;

export interface Attrs {
  readonly class?: string;
  readonly id?: string;
  readonly [name: string]: string | number | boolean | undefined;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    // Never a style attribute: the page's CSP (no 'unsafe-inline') would refuse it. Styles go through CSSOM.
    if (name === 'style') throw new Error('set styles through element.style, not the style attribute');
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces an element's children. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the report page`);
  return el as T;
}
