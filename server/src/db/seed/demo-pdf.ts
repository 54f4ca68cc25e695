/**
 * A small, valid one-page PDF (correct cross-reference offsets), with `marker` in a comment so
 * tests can tell files apart, and `padding` extra bytes (a comment line) to reach a size.
 */
export function minimalPdf(marker = '', padding = 0): Buffer {
  const parts: string[] = ['%PDF-1.4\n', `%tj ${marker}\n`];
  const offsets: number[] = [];
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let len = parts.join('').length;
  objects.forEach((body, i) => {
    offsets.push(len);
    const obj = `${i + 1} 0 obj\n${body}\nendobj\n`;
    parts.push(obj);
    len += obj.length;
  });
  if (padding === 1) throw new Error('padding of 1 byte cannot be a comment line');
  if (padding >= 2) {
    const pad = `%${' '.repeat(padding - 2)}\n`;
    parts.push(pad);
    len += pad.length;
  }
  const xref = len;
  parts.push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  // the offset zero-padded: the file's length does not depend on it
  parts.push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${String(xref).padStart(10, '0')}\n%%EOF\n`);
  return Buffer.from(parts.join(''), 'latin1');
}
