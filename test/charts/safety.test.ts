import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { csvParseRows } from 'd3-dsv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeBinaryCache, readJsonCache, writeBinaryCache, writeJsonCache } from '../../src/charts/cache.ts';
import { csvCell, csvSafeText } from '../../src/charts/csv.ts';
import { buildChart, clearRenderMemory } from '../../src/charts/engine.ts';
import { isCompletePng, PNG_ENDS, pngKey, pngSize, renderPng } from '../../src/charts/png.ts';
import { renderPngs } from '../../src/charts/png-pool.ts';
import { elements, parseStrictXml, textOf, type XmlNode } from '../feeds/strict-xml.ts';
import { fixture, place, renderProps } from './helpers.ts';

const hostile = fixture('hostile');
const exports = fixture('exports');
const cacheDir = mkdtempSync(path.join(tmpdir(), 'assay-cache-'));
beforeAll(() => {
  process.env.ASSAY_CACHE_DIR = cacheDir;
  delete process.env.ASSAY_NO_CACHE;
});
afterAll(() => {
  delete process.env.ASSAY_CACHE_DIR;
});

describe('hostile CSV values stay inert text', () => {
  const figure = renderProps({ type: 'bar', x: 'name', y: 'value', title: '<b>t</b>' }, hostile);
  it('in the SVG', () => {
    for (const svg of [figure.svg.wide, figure.svg.narrow, figure.svg.standalone]) {
      expect(svg).not.toContain('<script');
      expect(svg).not.toContain('<img');
      expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(svg).not.toMatch(/href=/);
    }
  });
  it('in the description (plain text, escaped by the component)', () => {
    expect(figure.description).toContain('<script>alert(1)</script>');
  });
  it('in the table HTML the page carries: escaped text in every cell and the caption', () => {
    const html = figure.tableHtml;
    expect(html).toContain('<caption>&lt;b&gt;t&lt;/b&gt;</caption>');
    expect(html).toContain('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(html).toContain('<td>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html).not.toMatch(/<(script|img)\b/);
    expect(html.match(/<tr>/g)?.length).toBe(hostile.rows.length + 1);
  });
  it('in the CSV: quoted, and formulas defused', () => {
    expect(figure.csv).toContain('<script>alert(1)</script>,1');
    expect(figure.csv).toContain('"""><img src=x onerror=alert(1)>",2');
    expect(figure.csv).toContain('javascript:alert(1),3');
    expect(figure.csv).toContain("'=HYPERLINK(x),4");
    expect(figure.csv).toContain('# Source: Evil & Co <i>');
  });
  it('in the CSV metadata lines: a source or licence cannot start a cell with a formula', () => {
    const meta = {
      ...hostile.meta,
      title: 'Exports;=1+1',
      source: { name: 'Agency, +cmd|"/c calc"!A0', url: 'https://example.com/a,b' },
      licence: 'CC BY,=HYPERLINK("https://evil.example","x")',
    };
    const { csv } = renderProps({ type: 'bar', x: 'name', y: 'value' }, { ...hostile, meta });
    const lines = csv.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      "# Exports;'=1+1",
      '# Source: Agency,\' +cmd|"/c calc"!A0 (https://example.com/a,b)',
      '# Data as of: not stated',
      `# Licence: CC BY,'=HYPERLINK("https://evil.example",'"x")`,
    ]);
    // Still comment lines (tools skip them), and read as CSV no cell anywhere starts a formula or a quoted field.
    expect(lines.slice(0, 4).every((line) => line.startsWith('# '))).toBe(true);
    const cells = csvParseRows(csv).flat();
    expect(cells.filter((cell) => /^\s*[=+\-@]/.test(cell))).toEqual([]);
    expect(cells).toContain(`'=HYPERLINK("https://evil.example"`);
  });
  it('in CSV cells: semicolons, tabs and leading spaces cannot start a formula either', () => {
    expect(csvCell(csvSafeText('a;=1+1'))).toBe('"a;=1+1"');
    expect(csvCell(csvSafeText(' =1+1'))).toBe("' =1+1");
    expect(csvCell(csvSafeText('\t=1'))).toBe('"\'\t=1"');
    expect(csvCell(csvSafeText('-3 %'))).toBe("'-3 %");
    expect(csvCell('plain text')).toBe('plain text');
  });
  it('in the PNG: it renders (as text) without failing', () => {
    expect(isCompletePng(renderPng(figure.svg.standalone))).toBe(true);
  });
});

describe('PNG twin', () => {
  const figure = renderProps({ type: 'line' }, exports);
  it('is a valid PNG at twice the SVG size, on the same bytes every time', () => {
    const a = renderPng(figure.svg.standalone);
    const b = renderPng(figure.svg.standalone);
    expect(isCompletePng(a)).toBe(true);
    const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(figure.svg.standalone);
    expect(pngSize(a)).toEqual({ width: Number(viewBox?.[1]) * 2, height: Number(viewBox?.[2]) * 2 });
    expect(Buffer.compare(a, b)).toBe(0);
    // Text is drawn: with no fonts resvg silently leaves labels out and the image is much smaller.
    expect(a.length).toBeGreaterThan(15_000);
  });
  const job = { key: pngKey(figure.drawing), svg: figure.svg.standalone };
  it('renders on worker threads, same bytes as the main thread, then from cache', async () => {
    const first = await renderPngs([job, job]);
    expect(first.stats).toMatchObject({ total: 1, rendered: 1 });
    expect(Buffer.compare(Buffer.from(first.pngs[0] as Uint8Array), renderPng(figure.svg.standalone))).toBe(0);
    expect(Buffer.compare(Buffer.from(first.pngs[1] as Uint8Array), Buffer.from(first.pngs[0] as Uint8Array))).toBe(0);
    // Cached by the drawing's key: the SVG is not even read.
    const second = await renderPngs([
      {
        key: job.key,
        get svg(): string {
          throw new Error('the standalone SVG was read for a cached PNG');
        },
      },
    ]);
    expect(second.stats.cached).toBe(1);
  });
  it('ignores a corrupt cached PNG', async () => {
    const dir = path.join(cacheDir, 'png');
    for (const file of readdirSync(dir)) writeFileSync(path.join(dir, file), 'not a png');
    const again = await renderPngs([job]);
    expect(again.stats.rendered).toBe(1);
    expect(isCompletePng(again.pngs[0] as Uint8Array)).toBe(true);
  });
});

describe('placing a cached PNG twin in dist/', () => {
  const png = renderPng(renderProps({ type: 'bar' }, exports).svg.standalone);
  const out = path.join(cacheDir, 'copy-out.png');
  it('copies a whole entry byte for byte', () => {
    writeBinaryCache('png', 'whole', 'png', png);
    expect(placeBinaryCache('png', 'whole', 'png', out, PNG_ENDS)).toBe(true);
    expect(Buffer.compare(readFileSync(out), png)).toBe(0);
    // Placing it again over the last build's file (dist/ not emptied) keeps both whole.
    expect(placeBinaryCache('png', 'whole', 'png', out, PNG_ENDS)).toBe(true);
    expect(Buffer.compare(readFileSync(out), png)).toBe(0);
    expect(Buffer.compare(readFileSync(path.join(cacheDir, 'png', 'whole.png')), png)).toBe(0);
    // A later build replacing the entry leaves the placed file alone.
    writeBinaryCache('png', 'whole', 'png', Buffer.from('something else entirely'));
    expect(Buffer.compare(readFileSync(out), png)).toBe(0);
  });
  it('refuses a truncated, foreign or missing entry', () => {
    writeBinaryCache('png', 'cut', 'png', png.subarray(0, png.length - 20));
    expect(placeBinaryCache('png', 'cut', 'png', out, PNG_ENDS)).toBe(false);
    writeBinaryCache('png', 'text', 'png', Buffer.from('not a png, but long enough to have both ends'));
    expect(placeBinaryCache('png', 'text', 'png', out, PNG_ENDS)).toBe(false);
    expect(placeBinaryCache('png', 'absent', 'png', out, PNG_ENDS)).toBe(false);
  });
});

describe('render cache', () => {
  const isString = (v: unknown): v is string => typeof v === 'string';
  it('round-trips and rejects corrupt, truncated or mismatched entries', () => {
    writeJsonCache('t', 'k1', 'hello');
    expect(readJsonCache('t', 'k1', isString)).toBe('hello');
    const file = path.join(cacheDir, 't', 'k1.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('hello', 'hallo'));
    expect(readJsonCache('t', 'k1', isString)).toBeUndefined();
    writeJsonCache('t', 'k1', 'hello');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 20));
    expect(readJsonCache('t', 'k1', isString)).toBeUndefined();
  });
  it('a damaged figure entry (cut, a changed byte, not JSON) is a miss: re-rendered, the same chart', async () => {
    const props = { data: 'exports', type: 'area' };
    const first = await buildChart(props, exports, place, { stage: false });
    const dir = path.join(cacheDir, 'figure');
    const [name, ...others] = readdirSync(dir);
    expect(others).toEqual([]);
    const file = path.join(dir, name as string);
    const whole = readFileSync(file);
    const damaged = [
      whole.subarray(0, whole.length - 3),
      Buffer.from(whole.toString().replace('Exports', 'Exportz')),
      Buffer.from(`${whole.toString().split('\n')[0]}\n{"key":`),
    ];
    for (const bytes of damaged) {
      writeFileSync(file, bytes);
      clearRenderMemory();
      const second = await buildChart(props, exports, place, { stage: false });
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      // Rewritten whole by the new rendering.
      expect(readFileSync(file).equals(whole)).toBe(true);
    }
  });
  it('a cached figure is the figure rendered afresh (cold and warm builds agree)', async () => {
    const props = { data: 'exports', type: 'bar', title: 'Warm', annotations: [{ x: '2025-04', label: 'Rule' }] };
    const cold = await buildChart(props, exports, place, { stage: false });
    clearRenderMemory();
    const warm = await buildChart(props, exports, place, { stage: false });
    expect(JSON.stringify(warm)).toBe(JSON.stringify(cold));
    process.env.ASSAY_NO_CACHE = '1';
    clearRenderMemory();
    const uncached = await buildChart(props, exports, place, { stage: false });
    delete process.env.ASSAY_NO_CACHE;
    expect(JSON.stringify(uncached)).toBe(JSON.stringify(cold));
  });
  it('a figure depends on the data: the same props over changed rows give another chart', async () => {
    const a = await buildChart({ data: 'exports' }, exports, place, { stage: false });
    const changed = { ...exports, hash: `${exports.hash}x`, rows: exports.rows.slice(1) };
    const b = await buildChart({ data: 'exports' }, changed, place, { stage: false });
    expect(b.id).not.toBe(a.id);
    const rows = (html: string) => html.match(/<tr[ >]/g)?.length ?? 0;
    expect(rows(b.tableHtml)).toBe(rows(a.tableHtml) - 1);
  });
  it('ASSAY_NO_CACHE=1 turns it off', () => {
    process.env.ASSAY_NO_CACHE = '1';
    writeJsonCache('t', 'k2', 'x');
    expect(readJsonCache('t', 'k2', isString)).toBeUndefined();
    delete process.env.ASSAY_NO_CACHE;
  });
});

describe('SVG clean-up', () => {
  it('rewrites attributes only, never author text that looks like one', async () => {
    const { chartDocument } = await import('../../src/charts/dom.ts');
    const { cleanPlotSvg } = await import('../../src/charts/svg.ts');
    const { LAYOUTS } = await import('../../src/charts/layout.ts');
    const document = chartDocument();
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('style', 'color: red');
    const text = document.createElementNS('http://www.w3.org/2000/svg', 'text');
    text.setAttribute('x', '1.23456');
    text.setAttribute('aria-label', 'tick');
    text.textContent = 'a style="b" aria-label="c" x="1.23456"';
    svg.appendChild(text);
    const out = cleanPlotSvg(svg, LAYOUTS.wide);
    expect(out).toContain('<text data-mark="tick" x="1.23">a style="b" aria-label="c" x="1.23456"</text>');
    expect(out).not.toMatch(/^<svg[^>]*style=/);
  });

  // resvg draws the PNG twin from the standalone SVG, and reads it as XML: a stray & or <
  // in any attribute and the twin fails. Author text reaches attributes through the escape hatch.
  const AUTHOR = `R&D <x> "quoted" & it's > 5`;
  /** Every attribute value and text of the parsed SVG, which must be well-formed XML. */
  const read = (svg: string) => {
    const root = parseStrictXml(
      svg.startsWith('<svg xmlns') ? svg : svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"'),
    );
    const all = (node: XmlNode): XmlNode[] => [
      node,
      ...node.children.flatMap((c) => (typeof c === 'string' ? [] : all(c))),
    ];
    return {
      values: all(root).flatMap((node) => Object.values(node.attributes)),
      texts: elements(root, 'text').map(textOf),
    };
  };
  it('author text in a declarative chart stays well-formed XML, read back as written', () => {
    const figure = renderProps(
      {
        type: 'line',
        title: AUTHOR,
        rules: [{ y: 2000, label: AUTHOR }],
        annotations: [{ x: '2025-04-04', label: AUTHOR }],
      },
      exports,
    );
    for (const svg of [figure.svg.wide, figure.svg.narrow, figure.svg.standalone])
      expect(read(svg).texts).toContain(AUTHOR);
  });
  it('author text in attributes from the escape hatch is escaped: well-formed XML, read back as written', () => {
    const figure = renderProps(
      {
        title: AUTHOR,
        plot: (data: unknown[], Plot: typeof import('@observablehq/plot')) => ({
          x: { type: 'band', label: AUTHOR },
          ariaDescription: AUTHOR,
          marks: [
            Plot.tickY(data, {
              x: 'month',
              y: 'tonnes',
              ariaDescription: AUTHOR,
              href: () => `https://example.org/?a=1&b=<${AUTHOR}>`,
            }),
          ],
        }),
      },
      exports,
    );
    for (const svg of [figure.svg.wide, figure.svg.narrow, figure.svg.standalone]) {
      const { values } = read(svg);
      expect(values).toContain(AUTHOR);
      expect(values).toContain(`https://example.org/?a=1&b=<${AUTHOR}>`);
    }
    expect(renderPng(figure.svg.standalone).length).toBeGreaterThan(1000);
  });
});
