// A dashboard card that shows a chart, or the same figures as a table for keyboard and screen-reader users (and for
// anyone who wants exact numbers). The choice is remembered per card for the session.
import { h, icon } from './dom.js';
import { t } from './i18n.js';

const viewKey = (id) => `floorwalk.view.${id}`;

// id: stable card id; title, description; controls: extra elements for the header;
// chart(el) -> dispose function (draws into el); table() -> element; empty: message when there is nothing to show.
export function chartCard({ id, title, description, controls = [], chart, table, empty, wide = false }) {
  const body = h('div', { class: 'card-body' });
  let dispose = null;
  let view = sessionStorage.getItem(viewKey(id)) === 'table' ? 'table' : 'chart';
  const toggle = h('button', {
    type: 'button', class: 'icon-button view-toggle',
    onclick: () => {
      view = view === 'chart' ? 'table' : 'chart';
      sessionStorage.setItem(viewKey(id), view);
      draw();
    },
  });

  function draw() {
    dispose?.();
    dispose = null;
    toggle.replaceChildren(icon(view === 'chart' ? 'table' : 'chart'));
    const label = t(view === 'chart' ? 'cards.showTable' : 'cards.showChart');
    toggle.setAttribute('aria-label', label);
    toggle.title = label;
    toggle.hidden = Boolean(empty);
    if (empty) {
      body.replaceChildren(h('p', { class: 'empty' }, empty));
      return;
    }
    if (view === 'table') {
      body.replaceChildren(h('div', { class: 'table-scroll' }, table()));
      return;
    }
    const canvas = h('div', { class: `chart chart-${id}` });
    body.replaceChildren(canvas);
    dispose = chart(canvas);
  }

  const card = h('section', { class: ['card', wide && 'wide'], id: `card-${id}`, 'aria-labelledby': `title-${id}` },
    h('header', { class: 'card-header' },
      h('div', { class: 'card-heading' }, h('h2', { id: `title-${id}` }, title),
        description ? h('p', { class: 'card-description' }, description) : null),
      h('div', { class: 'card-controls' }, controls, toggle)),
    body);
  // Drawn once the card is in the document, so that the chart measures its real size.
  queueMicrotask(draw);
  card.dispose = () => dispose?.();
  return card;
}

// A plain card for tables and forms.
export function card({ id, title, description, controls = [], content, wide = false }) {
  return h('section', { class: ['card', wide && 'wide'], id: `card-${id}`, 'aria-labelledby': `title-${id}` },
    h('header', { class: 'card-header' },
      h('div', { class: 'card-heading' }, h('h2', { id: `title-${id}` }, title),
        description ? h('p', { class: 'card-description' }, description) : null),
      h('div', { class: 'card-controls' }, controls)),
    h('div', { class: 'card-body' }, content));
}
