// Why a unit's figures are withheld, in words. The server marks a hidden unit with hiddenReason: SMALL_GROUP (fewer
// active employees than the organisation's minimum group size) or COMPLEMENTARY (shown, its figures and those
// around it would give a small group's by subtraction). Older servers send hidden without a reason: a small group.
// Pure, unit-tested.
import { t } from './i18n.js';

export function isComplementary(unit) {
  return Boolean(unit?.hidden) && unit.hiddenReason === 'COMPLEMENTARY';
}

// The tooltip of a hidden sub-unit's badge and withheld figures.
export function hiddenHelp(unit) {
  return t(isComplementary(unit) ? 'children.hiddenHelpComplementary' : 'children.hiddenHelp');
}

// The notice above a hidden unit's dashboard.
export function hiddenNotice(unit) {
  return t(isComplementary(unit) ? 'dashboard.hiddenComplementary' : 'dashboard.hidden');
}
