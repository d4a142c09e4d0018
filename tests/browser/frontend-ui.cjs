// Drives one notebook in a real front end (classic Notebook or JupyterLab 4) with headless Chromium.
// Usage: node frontend-ui.cjs <classic|lab> <notebook URL> <artifact dir> [fixture|tutorial] [name] [code cells]
// fixture: runs the fixture notebook's cells through the UI, interrupts its looping last cell with the
// toolbar button and opens Tab completion. tutorial: runs all cells of a tutorial, reports every image,
// table, progress bar and error, then interrupts a loop and opens Tab completion in cells it appends.
// What it saw goes to <artifact dir>/<frontend>-<name>-result.json (checked by tests/test_browser.py).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const [frontend, url, outDir, mode = 'fixture', name = mode, codeCells = '0'] = process.argv.slice(2);
const CHROMIUM = process.env.JUXTA_CHROMIUM || '/usr/bin/chromium';

// Where each front end keeps the things we look at.
const UI = {
  classic: {
    idle: '#kernel_indicator_icon.kernel_idle_icon',
    prompt: '.input_prompt',
    busy: '#kernel_indicator_icon.kernel_busy_icon',
    cell: '.cell.code_cell',
    editor: '.CodeMirror',
    output: '.output_subarea',
    image: '.output_png img',
    completions: '#complete select option',
    interrupt: 'button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]',
    error: '.output_error',
    async runAll(page) {
      await page.click('#celllink');
      await page.click('#run_all_cells');
    },
    async newCellAtEnd(page) {
      await page.keyboard.press('Escape');
      await page.locator(this.cell).last().click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Escape');
      await page.keyboard.press('b');
      await page.locator(this.cell).last().locator(this.editor).click();
    },
  },
  lab: {
    idle: '.jp-Notebook-ExecutionIndicator[data-status="idle"]',
    prompt: '.jp-InputPrompt',
    busy: '.jp-Notebook-ExecutionIndicator[data-status="busy"]',
    cell: '.jp-Notebook .jp-CodeCell',
    editor: '.jp-InputArea-editor .cm-content',
    output: '.jp-OutputArea-output',
    image: '.jp-RenderedImage img',
    completions: '.jp-Completer .jp-Completer-item',
    interrupt: '[data-command="notebook:interrupt-kernel"]',
    error: '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]',
    async runAll(page) {
      await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
      await page.locator('.lm-Menu-itemLabel', { hasText: /^Run All Cells$/ }).click();
    },
    async newCellAtEnd(page) {
      await page.keyboard.press('Escape');
      await page.locator(this.cell).last().locator('.jp-InputPrompt').click();
      await page.keyboard.press('b');
      await page.locator(this.cell).last().locator(this.editor).click();
    },
  },
}[frontend];

// Run All does nothing until the notebook is the current widget: retry until a cell has started.
async function runAll(page) {
  // ... and acts on the cells rendered so far: wait until every code cell is there
  await page.waitForFunction(([cell, n]) => document.querySelectorAll(cell).length >= n,
                             [UI.cell, Number(codeCells)], { timeout: 60_000 });
  await page.waitForSelector(UI.idle, { timeout: 120_000 });
  const started = () => page.evaluate(({ cell, prompt }) => [...document.querySelectorAll(cell)]
    .some(c => /\[(\*|\d+)\]/.test(c.querySelector(prompt).textContent)), { cell: UI.cell, prompt: UI.prompt });
  for (let attempt = 0; attempt < 5 && !(await started()); attempt++) {
    await page.locator(UI.cell).first().locator(UI.prompt).click();
    await UI.runAll(page);
    await page.waitForTimeout(3000);
  }
}

async function fixture(page, mark, shot) {
  const cells = page.locator(UI.cell);
  const cellOut = i => cells.nth(i).locator(UI.output);

  await runAll(page);
  const cellCount = await cells.count();

  // 0: text
  await cellOut(0).filter({ hasText: 'E2E-TEXT-OK 42' }).first().waitFor({ timeout: 120_000 });
  mark('text', { text: (await cellOut(0).first().innerText()).trim() });

  // 1: a chart as a PNG of the size the toolkit states (640 x 400)
  const img = cells.nth(1).locator(UI.image).first();
  await img.waitFor({ timeout: 60_000 });
  await page.waitForFunction(el => el.complete && el.naturalWidth > 0, await img.elementHandle());
  mark('chart', await img.evaluate(el => ({ src: el.src.slice(0, 22), width: el.naturalWidth, height: el.naturalHeight })));

  // 2: a Tablesaw table as an HTML table
  const table = cells.nth(2).locator('table').first();
  await table.waitFor({ timeout: 60_000 });
  mark('table', await table.evaluate(t => ({
    headers: [...t.querySelectorAll('thead th')].map(th => th.textContent.trim()),
    rows: t.querySelectorAll('tbody tr').length,
    caption: t.caption ? t.caption.textContent.trim() : null,
  })));

  // 3: the progress bar is one output updated in place: sample it while it runs
  const bars = cells.nth(3).locator('.juxta-progress');
  await bars.first().waitFor({ timeout: 60_000 });
  const seen = [];
  let maxBars = 0;
  for (let i = 0; i < 100; i++) {
    const now = await bars.evaluateAll(els => els.map(e => {
      const p = e.querySelector('progress');
      return p ? `${p.value}/${p.max}` : '';
    }));
    maxBars = Math.max(maxBars, now.length);
    if (now.length && seen[seen.length - 1] !== now[0]) seen.push(now[0]);
    if (now[0] && now[0].split('/')[0] === now[0].split('/')[1] && /done/.test(await bars.first().innerText())) break;
    await page.waitForTimeout(100);
  }
  mark('progress', { states: seen, maxBarsAtOnce: maxBars, outputs: await cellOut(3).count(),
                     finalText: (await bars.first().innerText()).trim() });
  await shot('outputs');

  // 4: the last cell loops forever; the toolbar's interrupt button stops it
  await interruptRunning(page, cells.nth(cellCount - 1), mark);

  // Tab completion in a new cell
  await UI.newCellAtEnd(page);
  await tabCompletes(page, mark, shot);

  // the kernel still answers after the interrupt
  const newCell = cells.nth((await cells.count()) - 1); // by index: Shift+Enter adds another cell below
  await newCell.locator(UI.editor).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('6 * 7');
  await page.keyboard.press('Shift+Enter');
  await newCell.locator(UI.output).filter({ hasText: '42' }).first().waitFor({ timeout: 60_000 });
  mark('after', { text: (await newCell.locator(UI.output).first().innerText()).trim() });
  await shot('final');
}

// Every code cell shows an execution count once the kernel has run it (In [*] or [ ] before that).
async function allCellsRan(page, timeout) {
  await page.waitForFunction(({ cell, prompt }) => {
    const prompts = [...document.querySelectorAll(cell)].map(c => c.querySelector(prompt).textContent);
    return prompts.length > 0 && prompts.every(p => /\[\d+\]/.test(p));
  }, { cell: UI.cell, prompt: UI.prompt }, { timeout, polling: 500 });
}

async function tutorial(page, mark, shot) {
  const cells = page.locator(UI.cell);
  await runAll(page);
  const count = await cells.count();
  try {
    await allCellsRan(page, 900_000);
  } finally {
    // what each cell shows, also when a cell failed and the rest were aborted
    const report = await page.evaluate(({ cell, output, prompt }) =>
      [...document.querySelectorAll(cell)].map((c, index) => ({
        index,
        prompt: c.querySelector(prompt).textContent.trim(),
        // both front ends show errors and stderr alike in places; the test tells them apart by their text
        stderr: [...c.querySelectorAll('.output_error, .output_stderr, [data-mime-type="application/vnd.jupyter.stderr"]')]
          .map(e => e.textContent.slice(0, 300)),
        images: [...c.querySelectorAll(`${output} img`)].map(img => ({
          natural: [img.naturalWidth, img.naturalHeight],
          stated: [Number(img.getAttribute('width')) || null, Number(img.getAttribute('height')) || null],
          png: img.src.startsWith('data:image/png'),
        })),
        tables: c.querySelectorAll(`${output} table`).length,
        progressBars: c.querySelectorAll('.juxta-progress').length,
        progressStates: [...c.querySelectorAll('.juxta-progress progress')].map(p => `${p.value}/${p.max}`),
        firstLine: (c.querySelector('.CodeMirror-line, .cm-line') || { textContent: '' }).textContent.trim(),
      })), { cell: UI.cell, output: UI.output, prompt: UI.prompt });
    mark('cells', { count, report });
    await shot('outputs');
  }
  await interruptAndComplete(page, mark, shot);
}

// In cells appended at the end: a loop stopped by the toolbar's interrupt button, then Tab completion.
async function interruptAndComplete(page, mark, shot) {
  const cells = page.locator(UI.cell);
  await UI.newCellAtEnd(page);
  const loopCell = cells.nth((await cells.count()) - 1);
  await page.keyboard.type('long spins = 0; while (true) { spins++; }');
  await page.keyboard.press('Shift+Enter');
  await interruptRunning(page, loopCell, mark);
  await cells.nth((await cells.count()) - 1).locator(UI.editor).click();
  await tabCompletes(page, mark, shot);
}

// Once the kernel is busy with `cell`, the toolbar's interrupt button stops it: the cell shows an error, the kernel goes idle.
async function interruptRunning(page, cell, mark) {
  await page.waitForSelector(UI.busy, { timeout: 60_000 });
  await page.waitForTimeout(1500);
  const interruptAt = Date.now();
  await page.click(UI.interrupt);
  const err = cell.locator(UI.error).first();
  await err.waitFor({ timeout: 30_000 });
  await page.waitForSelector(UI.idle, { timeout: 30_000 });
  mark('interrupt', { error: (await err.innerText()).trim().slice(0, 300), stoppedAfterMs: Date.now() - interruptAt });
}

// In the cell being edited, Tab after `System.out.pri` opens the completions.
async function tabCompletes(page, mark, shot) {
  await page.keyboard.type('System.out.pri');
  await page.keyboard.press('Tab');
  const options = page.locator(UI.completions);
  await options.first().waitFor({ timeout: 30_000 });
  mark('completion', { items: (await options.allInnerTexts()).map(s => s.trim()) });
  await shot('completion');
  await page.keyboard.press('Escape');
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const result = { frontend, mode, name, steps: {} };
  const started = Date.now();
  const mark = (name, value) => { result.steps[name] = { ...value, ms: Date.now() - started }; };
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'juxta-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 1400 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] || await context.newPage();
  const consoleErrors = [];
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  const shot = what => page.screenshot({ path: path.join(outDir, `${frontend}-${name}-${what}.png`), fullPage: true });
  try {
    await page.goto(url);
    await page.waitForSelector(UI.idle, { timeout: 120_000 });
    mark('loaded', {});
    if (mode === 'tutorial') await tutorial(page, mark, shot);
    else await fixture(page, mark, shot);
    result.ok = true;
  } catch (e) {
    result.ok = false;
    result.failure = String(e && e.stack || e);
    await shot('failure').catch(() => {});
  } finally {
    result.consoleErrors = consoleErrors.slice(0, 20);
    result.totalMs = Date.now() - started;
    fs.writeFileSync(path.join(outDir, `${frontend}-${name}-result.json`), JSON.stringify(result, null, 2));
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(result.ok ? 0 : 1);
}

main();
