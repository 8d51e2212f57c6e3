// The organisation tree as the dashboard sees it: the units the server lists for the caller (those he may read,
// plus their ancestors for the breadcrumbs). Pure (no DOM), unit-tested.

export const kindOrder = Object.freeze(['ORGANIZATION', 'BUSINESS_UNIT', 'REGION', 'STORE', 'TEAM']);
const readAnywhere = new Set(['HQ', 'ADMIN']);

export class UnitTree {
  // units: [{id, parentId, name, kind}]; user: {role, unitIds}.
  constructor(units, user) {
    this.byId = new Map(units.map((unit) => [unit.id, { ...unit, parentId: unit.parentId ?? '' }]));
    this.childrenOf = new Map();
    for (const unit of this.byId.values()) {
      const parent = this.byId.has(unit.parentId) ? unit.parentId : '';
      if (!this.childrenOf.has(parent)) this.childrenOf.set(parent, []);
      this.childrenOf.get(parent).push(unit);
    }
    for (const list of this.childrenOf.values()) list.sort(compareUnits);
    this.roots = this.childrenOf.get('') ?? [];
    this.readable = this.#readableSet(user);
  }

  #readableSet(user) {
    if (readAnywhere.has(user?.role)) return new Set(this.byId.keys());
    const readable = new Set();
    const visit = (id) => {
      if (readable.has(id) || !this.byId.has(id)) return;
      readable.add(id);
      for (const child of this.children(id)) visit(child.id);
    };
    for (const id of user?.unitIds ?? []) visit(id);
    return readable;
  }

  get(id) {
    return this.byId.get(id) ?? null;
  }

  children(id) {
    return this.childrenOf.get(id) ?? [];
  }

  // Root first, `id` last; empty when `id` is unknown.
  path(id) {
    const path = [];
    let unit = this.byId.get(id);
    const seen = new Set();
    while (unit && !seen.has(unit.id)) {
      seen.add(unit.id);
      path.unshift(unit);
      unit = this.byId.get(unit.parentId);
    }
    return path;
  }

  // The caller may open this unit's dashboard (his units' subtrees, or anything for HQ and admins).
  canRead(id) {
    return this.readable.has(id);
  }

  // The unit the dashboard opens on: the highest unit the caller may read.
  home() {
    const candidates = [...this.readable].map((id) => this.byId.get(id))
      .filter((unit) => !this.readable.has(unit.parentId));
    candidates.sort((a, b) => this.path(a.id).length - this.path(b.id).length || compareUnits(a, b));
    return candidates[0]?.id ?? null;
  }

  // Readable units whose parent is not readable: the navigator's top level.
  readableRoots() {
    return [...this.readable].map((id) => this.byId.get(id))
      .filter((unit) => !this.readable.has(unit.parentId)).sort(compareUnits);
  }
}

function compareUnits(a, b) {
  return kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || a.name.localeCompare(b.name) ||
    a.id.localeCompare(b.id);
}
