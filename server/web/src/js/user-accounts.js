// What the Users page shows and offers for each account, as pure functions (no DOM), so that they are unit-tested.

// Answers always carry `active`; a user without it was never deactivated.
export function isActive(user) {
  return user?.active !== false;
}

// The action offered on a user's row: 'deactivate', 'activate', or 'self' (none: an administrator cannot deactivate
// their own account, the server refuses it with 409 cannot_deactivate_self).
export function accountAction(user, selfId) {
  if (user.id === selfId) return 'self';
  return isActive(user) ? 'deactivate' : 'activate';
}

// The names of a user's units in the user's order; an id the unit list does not hold stays as it is.
export function unitLabels(unitIds, units) {
  const names = new Map((units ?? []).map((unit) => [unit.id, unit.name || unit.id]));
  return (unitIds ?? []).map((id) => names.get(id) ?? id);
}
