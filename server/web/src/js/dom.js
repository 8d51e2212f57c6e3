// Small DOM helpers. Markup is always built with the DOM API, never from HTML strings, so that no user-provided
// text can become markup and nothing needs an inline style the Content-Security-Policy would refuse.

// h('button', {class: 'x', onclick: fn, 'aria-label': '…'}, 'text', childNode, [more, children])
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name === 'value' && 'value' in el) {
      el.value = value;
    } else if (name === 'checked' || name === 'selected' || name === 'disabled') {
      el[name] = Boolean(value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// Replaces every child of `el` with `children`.
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// An SVG icon from the sprite-free inline set below (paths only, no style attributes).
const iconPaths = {
  up: 'M12 5l7 8h-4v6H9v-6H5z',
  down: 'M12 19l-7-8h4V5h6v6h4z',
  flat: 'M4 11h16v2H4z',
  download: 'M11 3h2v9.6l3.3-3.3 1.4 1.4L12 16.4l-5.7-5.7 1.4-1.4 3.3 3.3zM4 18h16v2H4z',
  upload: 'M11 20h2v-9.6l3.3 3.3 1.4-1.4L12 6.6l-5.7 5.7 1.4 1.4 3.3-3.3zM4 4h16v2H4z',
  menu: 'M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z',
  chevron: 'M9 6l6 6-6 6-1.4-1.4 4.6-4.6-4.6-4.6z',
  table: 'M3 4h18v16H3zm2 2v3h6V6zm8 0v3h6V6zm-8 5v3h6v-3zm8 0v3h6v-3zm-8 5v2h6v-2zm8 0v2h6v-2z',
  chart: 'M4 19h16v2H2V3h2zm3-2V10h3v7zm5 0V6h3v11zm5 0v-5h3v5z',
  lock: 'M12 2a5 5 0 0 1 5 5v3h1a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h1V7a5 5 0 0 1 5-5zm0 2a3 3 0 0 0-3 3v3h6V7a3 3 0 0 0-3-3z',
  eyeOff: 'M2 4.3L3.3 3 21 20.7 19.7 22l-3.2-3.2A10.6 10.6 0 0 1 12 20C6.5 20 2.6 15.9 1 12c.8-1.9 2.1-3.8 3.9-5.3zM12 4c5.5 0 9.4 4.1 11 8-.7 1.6-1.7 3.1-3 4.4L8.6 5A10.5 10.5 0 0 1 12 4z',
  alert: 'M12 2l10 19H2zm-1 7v6h2V9zm0 8v2h2v-2z',
  check: 'M9 16.2l-3.5-3.5L4 14.2l5 5 11-11-1.5-1.5z',
};

export function icon(name, label) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', `icon icon-${name}`);
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
  } else {
    svg.setAttribute('aria-hidden', 'true');
  }
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', iconPaths[name]);
  svg.append(path);
  return svg;
}

let idCounter = 0;
// A document-unique id for label/aria wiring.
export function uid(prefix = 'fw') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
