// An admin import page: choose a file (CSV or JSON), check it in a preview table, send it. The server validates
// every row and applies all or nothing; when it refuses, its row-level errors are shown beside the rows they are
// about (the server numbers data rows from 1, the line after a CSV header or the first element of a JSON list).
import { adminTabs } from './admin-tabs.js';
import { card } from './chart-card.js';
import { looksLikeJson, parseCsv } from './csv.js';
import { h, icon, replace } from './dom.js';
import { formatNumber } from './format.js';
import { t } from './i18n.js';

// What each import accepts; the column lists are the server's CSV headers (the same names as the JSON fields).
export const importFormats = Object.freeze({
  units: { csv: true, json: true, listField: 'units', columns: ['id', 'parentId', 'name', 'kind'] },
  employees: { csv: true, json: true, listField: 'employees',
    columns: ['id', 'unitId', 'displayName', 'jobTitle', 'active'] },
  users: { csv: true, json: true, listField: 'users',
    columns: ['username', 'displayName', 'role', 'unitIds', 'password', 'active'], secret: 'password' },
  model: { csv: false, json: true, listField: 'dimensions', columns: ['id', 'name', 'description', 'behaviours'] },
  kpis: { csv: true, json: false, listField: 'kpis', columns: ['unitId', 'period', 'metric', 'value'] },
});
const previewLimit = 500;

export function renderImportPage(main, { api, kind }) {
  const format = importFormats[kind];
  const fileInput = h('input', { type: 'file', id: 'import-file', class: 'file-input',
    accept: [format.csv && '.csv,text/csv', format.json && '.json,application/json'].filter(Boolean).join(',') });
  const fileLabel = h('label', { for: 'import-file', class: 'button secondary file-button' }, icon('upload'),
    t('admin.chooseFile'));
  const fileName = h('span', { class: 'file-name muted' }, t('admin.noFile'));
  const submit = h('button', { type: 'button', class: 'button primary', id: 'import-submit', disabled: true },
    t('admin.import'));
  const result = h('div', { class: 'import-result', 'aria-live': 'polite' });
  const preview = h('div', { class: 'import-preview' });
  let file = null;  // {name, text, contentType, table}

  fileInput.addEventListener('change', async () => {
    const chosen = fileInput.files?.[0];
    replace(result);
    if (!chosen) return;
    const text = await chosen.text();
    const json = looksLikeJson(text);
    if ((json && !format.json) || (!json && !format.csv)) {
      file = null;
      submit.disabled = true;
      replace(preview);
      replace(result, h('div', { class: 'error-panel', role: 'alert' }, icon('alert'),
        h('p', {}, t(format.json ? 'admin.needsJson' : 'admin.needsCsv'))));
      return;
    }
    let table;
    try {
      table = json ? jsonTable(JSON.parse(text), format) : parseCsv(text);
    } catch (error) {
      file = null;
      submit.disabled = true;
      replace(preview);
      replace(result, h('div', { class: 'error-panel', role: 'alert' }, icon('alert'),
        h('p', {}, t('admin.unreadable', { message: error.message }))));
      return;
    }
    file = { name: chosen.name, text, contentType: json ? 'application/json' : 'text/csv', table };
    fileName.textContent = `${chosen.name} · ${t('admin.rows', { count: table.rows.length })}`;
    submit.disabled = false;
    drawPreview([]);
  });

  submit.addEventListener('click', async () => {
    if (!file) return;
    submit.disabled = true;
    replace(result, h('p', { class: 'muted' }, t('admin.importing')));
    try {
      const response = await api.adminImport(kind, file.text, file.contentType);
      replace(result, h('div', { class: 'success-panel', role: 'status' }, icon('check'),
        h('p', {}, t('admin.applied', { count: response.applied ?? 0, applied: formatNumber(response.applied ?? 0) }))));
      drawPreview([]);
    } catch (error) {
      const details = error.details ?? [];
      replace(result, h('div', { class: 'error-panel', role: 'alert' }, icon('alert'),
        h('div', {},
          h('h3', {}, t('admin.refused')),
          h('p', {}, error.message),
          details.length ? h('p', { class: 'muted' }, t('admin.nothingApplied')) : null,
          details.length ? errorList(details) : null)));
      drawPreview(details);
    } finally {
      submit.disabled = false;
    }
  });

  function drawPreview(details) {
    const { header, rows, meta } = file.table;
    const byRow = new Map();
    for (const detail of details.map((d) => previewPlace(d, format))) {
      if (!detail.row) continue;
      if (!byRow.has(detail.row)) byRow.set(detail.row, []);
      byRow.get(detail.row).push(detail);
    }
    const secret = format.secret ? header.indexOf(format.secret) : -1;
    const shown = rows.slice(0, previewLimit);
    replace(preview,
      meta ? h('dl', { class: 'model-meta' }, meta.map(([label, value]) => h('div', {}, h('dt', {}, label),
        h('dd', {}, value)))) : null,
      h('div', { class: 'table-scroll' }, h('table', { class: 'data-table preview-table' },
        h('caption', { class: 'visually-hidden' }, t('admin.preview')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, t('admin.row')),
          header.map((name) => h('th', { scope: 'col' }, name)),
          byRow.size ? h('th', { scope: 'col' }, t('admin.error')) : null)),
        h('tbody', {}, shown.map((cells, index) => {
          const number = index + 1;
          const errors = byRow.get(number);
          return h('tr', { class: errors ? 'error-row' : null, dataset: { row: String(number) } },
            h('th', { scope: 'row', class: 'num' }, String(number)),
            header.map((name, i) => h('td', { class: errors?.some((e) => columnOf(e.field) === name) ? 'error-cell' : null },
              i === secret && cells[i] ? '••••••' : cells[i] ?? '')),
            byRow.size ? h('td', { class: 'row-error' }, errors ? errors.map((e) => h('div', {},
              e.field ? h('code', {}, e.field) : null, ' ', e.message)) : '') : null);
        })))),
      rows.length > previewLimit ? h('p', { class: 'muted' }, t('admin.previewLimited',
        { count: previewLimit, total: formatNumber(rows.length) })) : null);
  }

  replace(main, h('div', { class: 'admin-page' },
    h('div', { class: 'page-header' }, h('h1', {}, t('admin.title')), adminTabs(kind)),
    card({ id: 'import', title: t(`admin.importTitle.${kind}`), description: t(`admin.importHelp.${kind}`),
      content: [
        h('p', { class: 'format-hint' }, t(format.csv ? 'admin.columns' : 'admin.jsonFields'), ' ',
          format.columns.map((c, i) => [i ? ', ' : '', h('code', {}, c)])),
        h('div', { class: 'file-row' }, fileInput, fileLabel, fileName, submit),
        result,
        preview,
      ] })));
}

// A JSON import as preview rows: the list the server reads (units, employees, users, or the model's dimensions).
function jsonTable(payload, format) {
  const list = Array.isArray(payload) ? payload : payload?.[format.listField];
  if (!Array.isArray(list)) throw new Error(t('admin.noList', { field: format.listField }));
  const header = [...new Set([...format.columns, ...list.flatMap((item) => Object.keys(item ?? {}))])];
  const rows = list.map((item) => header.map((name) => cellText(item?.[name])));
  let meta = null;
  if (format.listField === 'dimensions') {
    const levels = payload.scale?.levels ?? [];
    meta = [
      [t('admin.model.id'), payload.id ?? ''],
      [t('admin.model.version'), String(payload.version ?? '')],
      [t('admin.model.name'), payload.name ?? ''],
      [t('admin.model.scale'), levels.map((l) => `${l.level} ${l.label ?? ''}`.trim()).join(' · ')],
      [t('admin.model.threshold'), String(payload.scale?.masteryThreshold ?? '')],
    ];
  }
  return { header, rows, meta };
}

// Where an error belongs in the preview. The model is one JSON object, so the server names a dimension's field by
// its path ("dimensions[1].id", row 0); the preview lists dimensions as rows, so that becomes row 2, field "id".
export function previewPlace(detail, format) {
  const match = /^(\w+)\[(\d+)\]\.?(.*)$/.exec(detail.field ?? '');
  if (detail.row || !match || match[1] !== format.listField) return detail;
  return { ...detail, row: Number(match[2]) + 1, field: match[3] };
}

// The column an error's field names: "unitIds[0]" is about the unitIds column.
export function columnOf(field) {
  return String(field ?? '').replace(/[[.].*$/, '');
}

function cellText(value) {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(cellText).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function errorList(details) {
  return h('table', { class: 'data-table errors-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, t('admin.row')),
      h('th', { scope: 'col' }, t('admin.field')), h('th', { scope: 'col' }, t('admin.error')))),
    h('tbody', {}, details.map((d) => h('tr', { dataset: { row: String(d.row ?? 0) } },
      h('td', { class: 'num' }, d.row ? String(d.row) : '—'), h('td', {}, d.field ? h('code', {}, d.field) : '—'),
      h('td', {}, d.message ?? '')))));
}
