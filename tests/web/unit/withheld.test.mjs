// Why a unit's figures are withheld: server/web/src/js/withheld.js in both languages.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { setLanguage } from '../../../server/web/src/js/i18n.js';
import { hiddenHelp, hiddenNotice, isComplementary } from '../../../server/web/src/js/withheld.js';

afterEach(() => setLanguage('en'));

test('a unit hidden beside a small one says so; a small one, or one from an older server, is a small group', () => {
  setLanguage('en');
  const complementary = { hidden: true, hiddenReason: 'COMPLEMENTARY' };
  assert.ok(isComplementary(complementary));
  assert.match(hiddenHelp(complementary), /^Hidden beside a smaller unit: .*subtraction/);
  assert.match(hiddenNotice(complementary), /by subtraction/);
  for (const small of [{ hidden: true, hiddenReason: 'SMALL_GROUP' }, { hidden: true }]) {
    assert.ok(!isComplementary(small));
    assert.equal(hiddenHelp(small), 'Hidden: fewer employees than the minimum group size, so that no one can be singled out.');
    assert.match(hiddenNotice(small), /^This unit has fewer employees than the minimum group size/);
  }
});

test('a shown unit is never called complementary, whatever the reason field says', () => {
  assert.ok(!isComplementary({ hidden: false, hiddenReason: 'COMPLEMENTARY' }));
  assert.ok(!isComplementary(null));
});

test('the texts exist in French', () => {
  setLanguage('fr');
  assert.match(hiddenHelp({ hidden: true, hiddenReason: 'COMPLEMENTARY' }), /^Masqué à côté d’une unité plus petite/);
  assert.match(hiddenNotice({ hidden: true, hiddenReason: 'COMPLEMENTARY' }), /par soustraction/);
  assert.match(hiddenHelp({ hidden: true, hiddenReason: 'SMALL_GROUP' }), /^Masqué : moins de collaborateurs/);
});
