// Saves what the server exported as a file. The export needs the bearer token, which must never go in a URL, so
// the file is fetched with the Authorization header and handed to the browser as a blob.

// unitName and query give the default file name when the server's Content-Disposition names none.
export async function downloadCsv(api, query, unitName) {
  const { blob, filename } = await api.exportCsv(query);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? defaultFilename(unitName ?? query.unitId, query.at);
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken its copy once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function defaultFilename(unit, at) {
  const slug = String(unit ?? 'organisation').normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'unit';
  return `floorwalk-${slug}-${String(at ?? '').slice(0, 10) || 'now'}.csv`;
}
