// French and English texts. The chosen language is kept in localStorage (it is a preference, not a secret) and
// announced to listeners so that every view re-renders in it.
import en from './locales/en.js';
import fr from './locales/fr.js';

const dictionaries = { en, fr };
export const languages = Object.freeze(['en', 'fr']);
const storageKey = 'floorwalk.language';
const listeners = new Set();

function initialLanguage() {
  const stored = safeStorage()?.getItem(storageKey);
  if (stored && languages.includes(stored)) return stored;
  const preferred = (globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en'])
    .map((tag) => String(tag).slice(0, 2).toLowerCase());
  return preferred.find((tag) => languages.includes(tag)) ?? 'en';
}

function safeStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;  // storage disabled by the browser's privacy settings
  }
}

let current = initialLanguage();

export function language() {
  return current;
}

// BCP 47 tag for Intl formatters.
export function locale() {
  return current === 'fr' ? 'fr-FR' : 'en-GB';
}

export function setLanguage(lang) {
  if (!languages.includes(lang) || lang === current) return;
  current = lang;
  safeStorage()?.setItem(storageKey, lang);
  if (globalThis.document) document.documentElement.lang = lang;
  for (const listener of listeners) listener(lang);
}

export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// t('tiles.deployment.detail', {count: 3, total: 10}); {name} placeholders are replaced by params. A key whose value
// is an object {one, other} is chosen by params.count with the language's plural rules.
export function t(key, params = {}) {
  let entry = lookup(dictionaries[current], key) ?? lookup(dictionaries.en, key);
  if (entry === undefined) return key;
  if (typeof entry === 'object') {
    const category = new Intl.PluralRules(locale()).select(Number(params.count ?? 0));
    entry = entry[category] ?? entry.other;
  }
  return entry.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

function lookup(dictionary, key) {
  let node = dictionary;
  for (const part of key.split('.')) {
    if (node === undefined || node === null) return undefined;
    node = node[part];
  }
  return node;
}

// Every key of the English dictionary, for the test that checks the French one is complete.
export function keysOf(dictionary, prefix = '') {
  return Object.entries(dictionary).flatMap(([name, value]) =>
    typeof value === 'object' && !('other' in value) ? keysOf(value, `${prefix}${name}.`) : [`${prefix}${name}`]);
}

export { dictionaries };
