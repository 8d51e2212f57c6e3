// RFC 4180 CSV, read for the import preview and written for nothing else: the export is the server's. Pure,
// unit-tested. The preview must show the rows exactly as the server will number them (data row 1 is the line after
// the header), so quoted fields with commas, quotes and line breaks are handled like the server does.

// text -> {header: [...], rows: [[...], ...]}; a UTF-8 BOM and a final line break are ignored.
export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const nonEmpty = records.filter((r) => !(r.length === 1 && r[0] === ''));
  return { header: nonEmpty[0] ?? [], rows: nonEmpty.slice(1) };
}

// Whether a file's text is JSON (an object or array) rather than CSV.
export function looksLikeJson(text) {
  return /^\s*[[{]/.test(text.replace(/^\uFEFF/, ''));
}
