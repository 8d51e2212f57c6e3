// The unit navigator (organisation → region → store → team) and the breadcrumbs. Only units the person may read
// are links; ancestors above them appear in the breadcrumbs as plain text, so a director sees where his region sits
// but cannot open the rest of the organisation.
import { h, icon } from './dom.js';
import { t } from './i18n.js';

// tree: UnitTree; currentId: the unit on screen; hrefFor(unitId) -> "#/dashboard?unit=…".
export function renderNavigator(container, { tree, currentId, hrefFor, onNavigate }) {
  const open = new Set(tree.path(currentId).map((unit) => unit.id));
  const list = h('ul', { class: 'unit-tree', role: 'list' });
  for (const root of tree.readableRoots()) {
    open.add(root.id);
    list.append(branch(root));
  }

  function branch(unit) {
    const children = tree.children(unit.id).filter((child) => tree.canRead(child.id));
    const current = unit.id === currentId;
    const item = h('li', { class: 'unit-node' });
    const row = h('div', { class: ['unit-row', current && 'current'] });
    const sublist = children.length ? h('ul', { class: 'unit-children', role: 'list', id: `units-of-${cssId(unit.id)}` })
      : null;
    if (sublist) {
      const expanded = open.has(unit.id);
      sublist.hidden = !expanded;
      const toggle = h('button', {
        type: 'button', class: 'tree-toggle', 'aria-expanded': String(expanded), 'aria-controls': sublist.id,
        'aria-label': t(expanded ? 'navigator.collapse' : 'navigator.expand', { name: unit.name }),
        onclick: () => {
          const now = sublist.hidden;
          sublist.hidden = !now;
          toggle.setAttribute('aria-expanded', String(now));
          toggle.setAttribute('aria-label', t(now ? 'navigator.collapse' : 'navigator.expand', { name: unit.name }));
          if (now && !sublist.childElementCount) sublist.append(...children.map(branch));
        },
      }, icon('chevron'));
      row.append(toggle);
      if (expanded) sublist.append(...children.map(branch));
    } else {
      row.append(h('span', { class: 'tree-spacer', 'aria-hidden': 'true' }));
    }
    row.append(h('a', {
      href: hrefFor(unit.id), class: 'unit-link', 'aria-current': current ? 'page' : null,
      title: `${unit.name} · ${t(`kinds.${unit.kind}`)}`, dataset: { unitId: unit.id }, onclick: () => onNavigate?.(),
    }, h('span', { class: `kind-dot kind-${unit.kind}`, 'aria-hidden': 'true' }), h('span', { class: 'unit-name' }, unit.name),
    h('span', { class: 'visually-hidden' }, ` (${t(`kinds.${unit.kind}`)})`)));
    item.append(row);
    if (sublist) item.append(sublist);
    return item;
  }

  container.replaceChildren(h('h2', { class: 'sidebar-title' }, t('navigator.title')), list);
}

export function renderBreadcrumbs({ tree, currentId, hrefFor }) {
  const path = tree.path(currentId);
  return h('nav', { class: 'breadcrumbs', 'aria-label': t('navigator.breadcrumbs') },
    h('ol', {}, path.map((unit) => {
      if (unit.id === currentId) return h('li', {}, h('span', { 'aria-current': 'page' }, unit.name));
      if (tree.canRead(unit.id)) return h('li', {}, h('a', { href: hrefFor(unit.id) }, unit.name));
      return h('li', {}, h('span', { class: 'muted' }, unit.name));
    })));
}

function cssId(id) {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}
