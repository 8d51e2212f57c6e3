// The date controls: the day figures are read as of, the assessment window and the activity period.
import { isValidDate, periodChoices, today, windowChoices } from './dates.js';
import { h } from './dom.js';
import { t } from './i18n.js';

// settings: {asOf, windowDays, periodDays}; onChange(partial settings).
export function dateControls(settings, onChange) {
  const asOf = h('input', {
    type: 'date', id: 'control-as-of', value: settings.asOf, max: today(), required: true,
    onchange: () => {
      if (isValidDate(asOf.value)) onChange({ asOf: asOf.value });
    },
  });
  const windowSelect = select('control-window', windowChoices, settings.windowDays,
    (days) => t('controls.days', { count: days }), (value) => onChange({ windowDays: value }));
  const periodSelect = select('control-period', periodChoices, settings.periodDays,
    (days) => t('controls.lastDays', { count: days }), (value) => onChange({ periodDays: value }));
  return h('div', { class: 'date-controls', role: 'group', 'aria-label': t('controls.label') },
    control('control-as-of', t('controls.asOf'), asOf, t('controls.asOfHelp')),
    control('control-period', t('controls.period'), periodSelect, t('controls.periodHelp')),
    control('control-window', t('controls.window'), windowSelect, t('controls.windowHelp')));
}

export function select(id, choices, value, label, onChange) {
  const element = h('select', { id, onchange: () => onChange(Number(element.value)) },
    choices.map((choice) => h('option', { value: String(choice), selected: choice === value }, label(choice))));
  return element;
}

function control(id, label, input, help) {
  return h('div', { class: 'control', title: help }, h('label', { for: id }, label), input);
}
