// The bench table as an SVG: one group of horizontal bars per row, each bar scaled to the largest value of
// its row (the rows have different units), with the value written beside it. Plain SVG with no script or
// external font, so GitHub renders it inline in the README.
const COLORS = ['#9e9e9e', '#2563eb', '#d97706', '#059669', '#9333ea'];
const WIDTH = 760;
const LABEL = 150; // left column: peer names
const BAR = 13;
const GAP = 3;

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** `metrics`: [label, (peerId) => number | undefined, digits] as the table's rows. */
export function chart(date, peers, metrics) {
  const rowHeight = 22 + peers.length * (BAR + GAP) + 10;
  const height = 36 + metrics.length * rowHeight;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="600">msgraph-ts and its peers, ${escape(date)} (shorter is better, except requests/s)</text>`,
  ];
  metrics.forEach(([label, value, digits], m) => {
    const top = 36 + m * rowHeight;
    const values = peers.map((p) => value(p.id));
    const max = Math.max(...values.filter((v) => v !== undefined), Number.EPSILON);
    parts.push(`<text x="10" y="${top + 14}" font-weight="600">${escape(label.replace(/`/g, ''))}</text>`);
    peers.forEach((peer, i) => {
      const y = top + 22 + i * (BAR + GAP);
      const v = values[i];
      const width = v === undefined ? 0 : Math.max(1, ((WIDTH - LABEL - 70) * v) / max);
      parts.push(`<text x="${LABEL - 6}" y="${y + BAR - 2}" text-anchor="end" fill="#333">${escape(peer.name)}</text>`);
      parts.push(`<rect x="${LABEL}" y="${y}" width="${width.toFixed(1)}" height="${BAR}" fill="${COLORS[i % COLORS.length]}"/>`);
      parts.push(`<text x="${(LABEL + width + 5).toFixed(1)}" y="${y + BAR - 2}" fill="#333">${v === undefined ? 'not measured' : v.toFixed(digits)}</text>`);
    });
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
