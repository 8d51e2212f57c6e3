// The French dictionary has every English key, with the same placeholders.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dictionaries, keysOf, setLanguage, t } from '../../../server/web/src/js/i18n.js';

const placeholders = (text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const lookup = (dictionary, key) => key.split('.').reduce((node, part) => node?.[part], dictionary);

test('every English key exists in French with the same placeholders', () => {
  const english = keysOf(dictionaries.en);
  assert.ok(english.length > 100);
  for (const key of english) {
    const en = lookup(dictionaries.en, key);
    const fr = lookup(dictionaries.fr, key);
    assert.notEqual(fr, undefined, `fr is missing ${key}`);
    const forms = (value) => (typeof value === 'object' ? Object.values(value) : [value]);
    const wanted = new Set(forms(en).flatMap(placeholders));
    for (const form of forms(fr)) {
      for (const name of placeholders(form)) assert.ok(wanted.has(name), `fr ${key} has an unknown {${name}}`);
    }
  }
  assert.deepEqual(keysOf(dictionaries.fr).sort(), english.sort());
});

test('plural forms follow each language', () => {
  setLanguage('en');
  assert.equal(t('admin.rows', { count: 1 }), '1 row');
  assert.equal(t('admin.rows', { count: 0 }), '0 rows');
  setLanguage('fr');
  assert.equal(t('admin.rows', { count: 0 }), '0 ligne');
  assert.equal(t('admin.rows', { count: 2 }), '2 lignes');
  setLanguage('en');
});
