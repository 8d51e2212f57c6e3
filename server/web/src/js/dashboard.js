// The dashboard page: everything on it follows the selected unit and date settings, which live in the address
// (#/dashboard?unit=…&asOf=…), so a view can be bookmarked and the browser's back button works.
import { chartCard, card } from './chart-card.js';
import { curveChart, curveTable, masteryChart, masteryTable } from './charts.js';
import { childrenTable } from './children-table.js';
import { downloadCsv } from './csv-download.js';
import { dateControls, select } from './date-controls.js';
import {
  curveWeekChoices, indicatorQuery, kpiQuery, lastDay, previousQuery, seriesQuery, settingsFromParams,
} from './dates.js';
import { h, icon, replace } from './dom.js';
import { formatDate } from './format.js';
import { heatmapChart, heatmapTable } from './heatmap.js';
import { t } from './i18n.js';
import { kpiCard, lagChoices, unitKindParam } from './kpi-view.js';
import { managersTable } from './managers-table.js';
import { renderBreadcrumbs, renderNavigator } from './navigator.js';
import { formatRoute, navigate } from './router.js';
import { renderCounts, renderTiles } from './tiles.js';
import { hiddenNotice } from './withheld.js';

export function createDashboard({ api, tree, sidebar, main, closeSidebar }) {
  let view = null;       // {unitId, settings, metric, lag, compare}
  let loaded = {};       // keys of what `data` holds, to reload only what changed
  let data = {};         // {current, previous, series, kpi, errors: {current, previous, series, kpi}}
  let generation = 0;
  let disposers = [];
  let lastRoute = null;

  const query = (overrides = {}) => {
    const v = { ...view, ...overrides };
    return {
      unit: v.unitId, asOf: v.settings.asOf, window: v.settings.windowDays, period: v.settings.periodDays,
      weeks: v.settings.curveWeeks, metric: v.metric, lag: v.lag || null, compare: v.compare || null,
    };
  };
  const hrefFor = (unitId) => formatRoute({ name: 'dashboard', query: query({ unitId }) });
  const go = (overrides, settings = {}, options = {}) => navigate({ name: 'dashboard',
    query: query({ ...overrides, settings: { ...view.settings, ...settings } }) }, options);

  async function update(route) {
    lastRoute = route;
    const params = route.params;
    const unitId = params.get('unit') || tree.home();
    const lag = Number(params.get('lag'));
    view = { unitId, settings: settingsFromParams(params), metric: params.get('metric') || null,
      lag: lagChoices.includes(lag) ? lag : 0, compare: unitKindParam(params.get('compare')) };
    if (!params.get('unit') && unitId) {
      navigate({ name: 'dashboard', query: query() }, { replace: true });
      return;
    }
    renderNavigator(sidebar, { tree, currentId: unitId, hrefFor, onNavigate: closeSidebar });

    const keys = {
      main: JSON.stringify([unitId, view.settings.asOf, view.settings.windowDays, view.settings.periodDays]),
      series: JSON.stringify([unitId, view.settings.asOf, view.settings.windowDays, view.settings.curveWeeks]),
      kpi: JSON.stringify([unitId, view.settings.asOf, view.settings.windowDays, view.metric, view.lag, view.compare]),
    };
    const stale = Object.keys(keys).filter((k) => loaded[k] !== keys[k]);
    if (!stale.length) {
      render();
      return;
    }
    generation += 1;
    const mine = generation;
    main.setAttribute('aria-busy', 'true');
    main.classList.add('loading');
    if (stale.includes('main')) {
      // A new unit or period: don't leave the previous unit's figures on screen while loading.
      data = { errors: {} };
      loaded = {};
      render();
    }
    const jobs = [];
    const settle = (name, promise) => jobs.push(promise.then(
      (value) => ({ name, value, error: null }), (error) => ({ name, value: null, error })));
    const base = { unitId };
    if (!loaded.main || loaded.main !== keys.main) {
      settle('current', api.indicators({ ...base, ...indicatorQuery(view.settings) }));
      settle('previous', api.indicators({ ...base, ...previousQuery(view.settings) }));
    }
    if (loaded.series !== keys.series) settle('series', api.series({ ...base, ...seriesQuery(view.settings) }));
    if (loaded.kpi !== keys.kpi) {
      // Without a chosen kind the server compares the kind that carries the metric (stores, on the organisation's page).
      settle('kpi', api.kpi({ ...base, ...kpiQuery(view.settings), metric: view.metric ?? '', lagPeriods: view.lag,
        ...(view.compare ? { unitKind: view.compare } : {}) }));
    }
    const results = await Promise.all(jobs);
    if (mine !== generation) return;  // a newer selection superseded this one
    data.errors ??= {};
    for (const { name, value, error } of results) {
      data[name] = value;
      data.errors[name] = error;
    }
    loaded = keys;
    main.setAttribute('aria-busy', 'false');
    main.classList.remove('loading');
    render();
    // No metric chosen yet: the server listed the metrics it knows, so show the first one.
    if (!view.metric && data.kpi?.metrics?.length) go({ metric: data.kpi.metrics[0] }, {}, { replace: true });
  }

  function render() {
    for (const dispose of disposers) dispose();
    disposers = [];
    const unit = tree.get(view.unitId);
    const current = data.current;
    const title = current?.unitName || unit?.name || view.unitId || t('dashboard.noUnit');
    const forbidden = data.errors?.current?.status === 403;
    const header = h('div', { class: 'page-header' },
      renderBreadcrumbs({ tree, currentId: view.unitId, hrefFor }),
      h('div', { class: 'title-row' },
        h('div', { class: 'title-block' },
          h('h1', {}, title, unit ? h('span', { class: `kind-tag large kind-${unit.kind}` }, t(`kinds.${unit.kind}`))
            : null),
          current ? h('p', { class: 'period-caption' }, periodCaption(current, view.settings)) : null),
        forbidden ? null : h('div', { class: 'toolbar' },
          dateControls(view.settings, (settings) => go({}, settings)),
          csvButton())));

    const body = [];
    const error = data.errors?.current;
    if (error) {
      body.push(errorPanel(error));
    } else if (current) {
      if (current.hidden) {
        body.push(h('div', { class: 'notice-panel', role: 'note' }, icon('eyeOff'), h('p', {}, hiddenNotice(current))));
      }
      body.push(renderTiles({ current, previous: data.errors?.previous ? null : data.previous,
        periodDays: view.settings.periodDays }));
      body.push(renderCounts(current));
      body.push(h('div', { class: 'cards' }, cards(current)));
    } else {
      body.push(h('div', { class: 'loading-panel', role: 'status' }, h('span', { class: 'spinner' }),
        t('dashboard.loading')));
    }
    replace(main, h('div', { class: 'dashboard', dataset: current && !error
      ? { loadedUnit: view.unitId } : {} }, header, body));
  }

  function cards(current) {
    const dimensions = current.dimensions ?? [];
    const children = current.children ?? [];
    const list = [];
    const masteryCard = chartCard({
      id: 'mastery', title: t('charts.masteryTitle'), description: t('charts.masteryDescription'),
      empty: dimensions.length ? null : t('charts.noDimensions'),
      chart: (el) => masteryChart(el, dimensions), table: () => masteryTable(dimensions),
    });
    list.push(masteryCard);

    const weeksSelect = select('control-weeks', curveWeekChoices, view.settings.curveWeeks,
      (n) => t('controls.weeks', { count: n }), (value) => go({}, { curveWeeks: value }));
    const points = data.series?.points ?? [];
    const curveCard = chartCard({
      id: 'curve', title: t('charts.curveTitle'), description: t('charts.curveDescription'),
      controls: [h('div', { class: 'control compact' }, h('label', { for: 'control-weeks', class: 'visually-hidden' },
        t('controls.curveSpan')), weeksSelect)],
      empty: data.errors?.series ? errorText(data.errors.series) : points.length ? null : t('charts.noPoints'),
      chart: (el) => curveChart(el, points), table: () => curveTable(points),
    });
    list.push(curveCard);

    if (children.length) {
      const open = (unitId) => navigate({ name: 'dashboard', query: query({ unitId }) });
      list.push(chartCard({
        id: 'heatmap', wide: true, title: t('charts.heatmapTitle'), description: t('charts.heatmapDescription'),
        empty: dimensions.length ? null : t('charts.noDimensions'),
        chart: (el) => heatmapChart(el, { children, dimensions }, open),
        table: () => heatmapTable({ children, dimensions }, hrefFor),
      }));
      list.push(card({ id: 'children', title: t('children.title'), description: t('children.description'),
        content: h('div', { class: 'table-scroll' }, childrenTable(children, hrefFor)) }));
    }
    const managers = current.managers ?? [];
    list.push(card({ id: 'managers', title: t('managers.title'), description: t('managers.description'),
      content: managers.length ? h('div', { class: 'table-scroll' }, managersTable(managers))
        : h('p', { class: 'empty' }, t('managers.none')) }));

    if (data.errors?.kpi) {
      list.push(card({ id: 'kpi', wide: true, title: t('kpi.title'), content: h('p', { class: 'empty' },
        errorText(data.errors.kpi)) }));
    } else {
      list.push(kpiCard({ data: data.kpi, metric: view.metric, lag: view.lag, hrefFor,
        onChange: ({ metric, lag, compare }) => go({ metric: metric ?? view.metric, lag: lag ?? view.lag,
          compare: compare === undefined ? view.compare : compare }) }));
    }
    disposers.push(...list.map((c) => () => c.dispose?.()));
    return list;
  }

  function csvButton() {
    const status = h('span', { class: 'toolbar-status', role: 'status' });
    const button = h('button', {
      type: 'button', class: 'button secondary', id: 'download-csv',
      onclick: async () => {
        button.disabled = true;
        status.textContent = '';
        try {
          await downloadCsv(api, { unitId: view.unitId, ...indicatorQuery(view.settings) }, data.current?.unitName);
        } catch (error) {
          status.textContent = errorText(error);
        } finally {
          button.disabled = false;
        }
      },
    }, icon('download'), t('dashboard.downloadCsv'));
    return h('div', { class: 'csv-action' }, button, status);
  }

  function errorPanel(error) {
    if (error.status === 403 || error.status === 404) {
      const home = tree.home();
      return h('div', { class: 'error-panel', role: 'alert', dataset: { status: String(error.status) } },
        icon('lock'),
        h('div', {},
          h('h2', {}, t(error.status === 403 ? 'dashboard.forbiddenTitle' : 'dashboard.notFoundTitle')),
          h('p', {}, t(error.status === 403 ? 'dashboard.forbidden' : 'dashboard.notFound')),
          home && home !== view.unitId ? h('p', {}, h('a', { href: hrefFor(home), class: 'button secondary' },
            t('dashboard.backHome', { name: tree.get(home)?.name ?? home }))) : null));
    }
    return h('div', { class: 'error-panel', role: 'alert' }, icon('alert'),
      h('div', {}, h('h2', {}, t('dashboard.errorTitle')), h('p', {}, errorText(error)),
        h('button', { type: 'button', class: 'button secondary', onclick: () => {
          loaded = {};
          update(lastRoute);
        } }, t('dashboard.retry'))));
  }

  return {
    update,
    destroy: () => {
      generation += 1;
      for (const dispose of disposers) dispose();
      disposers = [];
    },
  };
}

function periodCaption(current, settings) {
  const to = current.to ? current.to.slice(0, 10) : indicatorQuery(settings).to;
  const from = current.from ? current.from.slice(0, 10) : indicatorQuery(settings).from;
  return t('dashboard.caption', {
    asOf: formatDate(settings.asOf), from: formatDate(from), to: formatDate(lastDay(to)),
    count: current.windowDays ?? settings.windowDays,
  });
}

export function errorText(error) {
  if (error?.status === 0) return t('errors.network');
  if (error?.status === 403) return t('dashboard.forbidden');
  return error?.message ?? String(error);
}
