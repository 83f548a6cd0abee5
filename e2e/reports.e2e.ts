import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { apiSession, DEMO_PASSWORD } from './demoResidents.js';
import { snap } from './snap.js';

/**
 * 统计报表: a Fujian province manager reads the hypertension 规范管理率 of this year by region,
 * drills from the province to a city and a county and back, sees the month trend drawn, and
 * downloads the figures as CSV and Excel; a village doctor is offered no reports and the API
 * refuses them. The page is compared with the reporting API's own answer (the demo's numbers
 * depend on what has been loaded), never with fixed figures.
 */

const REPORTING = '/api/plugins/reporting';
const INDICATOR_TITLE = '高血压患者规范管理率';

interface Region {
  code: string;
  name: string;
}
interface Row {
  region: Region;
  numerator: number;
  denominator: number;
  rate: number | null;
  children?: boolean;
}
interface Drilldown {
  region: Region;
  rows: Row[];
  total: { numerator: number; denominator: number; rate: number | null };
}

/** This year as it is in China (the page's default period). */
function chinaYear(): number {
  return new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
}

/** The rate as the page shows it. */
function rateText(row: { denominator: number; rate: number | null }): string {
  return row.denominator && row.rate !== null ? `${row.rate.toFixed(1)}%` : '—';
}

async function signIn(page: Page, username: string) {
  await page.goto('/app/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

async function reportingGet<T>(
  request: APIRequestContext,
  headers: Record<string, string>,
  route: string,
  query: Record<string, string>,
): Promise<T> {
  const res = await request.get(`${REPORTING}/${route}?${new URLSearchParams(query).toString()}`, {
    headers,
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as T;
}

/** The table shows exactly the API's child regions, each with its numerator, denominator and rate. */
async function expectTableEquals(table: Locator, answer: Drilldown) {
  const rows = table.locator('[data-test=region-row]');
  await expect(rows).toHaveCount(answer.rows.length);
  for (const [i, row] of answer.rows.entries()) {
    const shown = rows.nth(i);
    await expect(shown).toContainText(row.region.name);
    await expect(shown.locator('[data-test=numerator]')).toHaveText(
      row.numerator.toLocaleString('en-US'),
    );
    await expect(shown.locator('[data-test=denominator]')).toHaveText(
      row.denominator.toLocaleString('en-US'),
    );
    await expect(shown.locator('[data-test=rate]')).toHaveText(rateText(row));
  }
}

/** The row counting the most patients (the demo's residents live in a few villages). */
function busiest(rows: Row[]): Row {
  expect(rows.length).toBeGreaterThan(0);
  return rows.reduce((best, row) => (row.denominator > best.denominator ? row : best));
}

/** A minimal CSV reader (quoted cells, doubled quotes) for the export's lines. */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

test('a Fujian province manager reads the hypertension 规范管理率 by region, drills down twice and back, sees the trend and downloads CSV and Excel', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const headers = await apiSession(request, 'fj.province-manager');
  const catalogue = await reportingGet<{
    region: Region;
    indicators: { id: string; title: { zh: string } }[];
  }>(request, headers, 'indicators', {});
  const indicator = catalogue.indicators.find((i) => i.title.zh === INDICATOR_TITLE);
  expect(indicator, 'the release offers the hypertension standard management rate').toBeTruthy();
  // The demo's residents and follow-ups are loaded by the backfill the plugin runs on start:
  // the figures are compared once it is done and loading has caught up.
  await expect
    .poll(
      async () => {
        const res = await request.get(`${REPORTING}/status`, { headers });
        const status = (await res.json()) as {
          available: boolean;
          lagSeconds: number;
          backfill: { state: string };
        };
        return status.available && status.backfill.state === 'done' && status.lagSeconds === 0;
      },
      { timeout: 120_000, intervals: [1_000] },
    )
    .toBe(true);
  const period = String(chinaYear());
  const drilldown = (region: string) =>
    reportingGet<Drilldown>(request, headers, 'drilldown', {
      indicator: indicator!.id,
      period,
      region,
    });

  // A manager whose only permission is reports.read starts on the reports.
  await signIn(page, 'fj.province-manager');
  await expect(page).toHaveURL(/\/app\/reports$/);
  await expect(page.getByRole('navigation', { name: '主导航' })).toContainText('统计报表');
  await expect(page.getByRole('heading', { level: 1, name: '统计报表' })).toBeVisible();

  await page.locator('[data-test=indicator]').click();
  await page.getByRole('option', { name: INDICATOR_TITLE }).click();
  const definition = page.locator('[data-test=definition]');
  await expect(definition).toContainText(INDICATOR_TITLE);
  await expect(definition).toContainText(`${catalogue.region.name} · ${period} 年`);
  await expect(definition).toContainText('分子');
  await expect(definition).toContainText('分母');

  // The province's cities, as the API counts them.
  const table = page.locator('[data-test=region-table]');
  const province = await drilldown(catalogue.region.code);
  expect(
    province.total.denominator,
    'the demo’s hypertension patients are counted',
  ).toBeGreaterThan(0);
  await expectTableEquals(table, province);
  await expect(table.locator('[data-test=total-row]')).toContainText(
    `${catalogue.region.name}合计`,
  );
  await expect(page.locator('[data-test=rate-by-region] canvas')).toBeVisible();
  await expect(page.locator('[data-test=rate-trend] canvas')).toBeVisible();
  // A yearly indicator month by month: the page says each month counts from 1 January.
  await expect(page.locator('[data-test=trend-note]')).toContainText('累计到该月末');
  await snap(page, testInfo, '1-province');

  // Down to a city by the keyboard, then to a county by a click.
  const city = busiest(province.rows.filter((r) => r.children !== false));
  const cityRow = table.locator(`[data-test=region-row][data-region="${city.region.code}"]`);
  await cityRow.focus();
  await page.keyboard.press('Enter');
  const path = page.locator('[data-test=region-path]');
  await expect(path.locator('[aria-current=page]')).toHaveText(city.region.name);
  const cityAnswer = await drilldown(city.region.code);
  await expectTableEquals(table, cityAnswer);

  const county = busiest(cityAnswer.rows.filter((r) => r.children !== false));
  await table.locator(`[data-test=region-row][data-region="${county.region.code}"]`).click();
  await expect(path.locator('[aria-current=page]')).toHaveText(county.region.name);
  await expect(path).toContainText(catalogue.region.name);
  await expect(path).toContainText(city.region.name);
  const countyAnswer = await drilldown(county.region.code);
  await expectTableEquals(table, countyAnswer);
  await expect(page.locator('[data-test=rate-trend] canvas')).toBeVisible();
  await expect(
    page.getByRole('heading', { name: `${county.region.name} ${period} 年逐月趋势` }),
  ).toBeVisible();
  await snap(page, testInfo, '2-county');

  // The CSV of what is shown: the county's townships, with the table's numbers.
  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-test=export-csv]').click(),
  ]);
  const csv = fs.readFileSync((await csvDownload.path())!, 'utf8');
  expect(csv.charCodeAt(0), 'a BOM so that Excel reads UTF-8').toBe(0xfeff);
  expect(csv).toContain(INDICATOR_TITLE);
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  // The file lists the units with patients (/export groups as /values does), the table every unit.
  const township = busiest(countyAnswer.rows);
  expect(township.denominator).toBeGreaterThan(0);
  const dataLine = lines.find((line) => csvCells(line)[0] === township.region.code);
  expect(dataLine, `a CSV row for ${township.region.name}`).toBeTruthy();
  const cells = csvCells(dataLine!);
  expect(cells[1]).toContain(township.region.name);
  expect(Number(cells[3])).toBe(township.numerator);
  expect(Number(cells[4])).toBe(township.denominator);
  // The definition comes first as `# …` comment lines, then the header.
  const header = csvCells(lines.find((line) => !csvCells(line)[0]!.startsWith('#'))!);
  expect(header).toHaveLength(cells.length);
  expect(header[0]).toContain('区划代码');
  expect(header[3]).toContain('分子');
  expect(header[4]).toContain('分母');

  // The Excel workbook: the same row, and the definition on a sheet of its own.
  const [xlsxDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-test=export-xlsx]').click(),
  ]);
  expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await xlsxDownload.path())!);
  const [values, about] = workbook.worksheets;
  let found: unknown[] | undefined;
  values!.eachRow((row) => {
    const cellsOf = (row.values as unknown[]).slice(1);
    if (String(cellsOf[0]) === township.region.code) found = cellsOf;
  });
  expect(found, `an Excel row for ${township.region.name}`).toBeTruthy();
  expect(String(found![1])).toContain(township.region.name);
  expect(Number(found![3])).toBe(township.numerator);
  expect(Number(found![4])).toBe(township.denominator);
  const aboutText: string[] = [];
  about!.eachRow((row) => aboutText.push((row.values as unknown[]).join(' ')));
  expect(aboutText.join('\n')).toContain(INDICATOR_TITLE);

  // Back up to the province by the breadcrumb.
  await path.getByRole('button', { name: catalogue.region.name }).click();
  await expect(path.locator('[aria-current=page]')).toHaveText(catalogue.region.name);
  await expectTableEquals(table, province);

  // On a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.locator('[data-test=rate-trend] canvas')).toBeVisible();
  await snap(page, testInfo, '3-phone');

  // In English: the page, the regions and the definition in the user's language.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await expect(table.locator('thead')).toContainText('Denominator');
  await expect(definition).toContainText('Hypertension');
  await expect(page.locator('[data-test=export-csv]')).toHaveText('Export CSV');
  await snap(page, testInfo, '4-english');
});

test('a township public-health worker finds 统计报表 beside the worklist, starting at their own township', async ({
  page,
  request,
}, testInfo) => {
  const headers = await apiSession(request, 'fj.township-phc');
  const catalogue = await reportingGet<{
    region: Region;
    indicators: { id: string; title: { zh: string } }[];
  }>(request, headers, 'indicators', {});
  expect(catalogue.region.code).toMatch(/^35\d{7}$/);

  await signIn(page, 'fj.township-phc');
  await expect(page).toHaveURL(/\/app\/worklist$/);
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '统计报表' })
    .click();
  await expect(page).toHaveURL(/\/app\/reports$/);
  const path = page.locator('[data-test=region-path]');
  await expect(path.locator('[aria-current=page]')).toHaveText(catalogue.region.name);
  // Their own region is the top: nothing above it to go back to.
  await expect(path.getByRole('button')).toHaveCount(0);

  const first = catalogue.indicators[0]!;
  await expect(page.locator('[data-test=definition]')).toContainText(first.title.zh);
  const answer = await reportingGet<Drilldown>(request, headers, 'drilldown', {
    indicator: first.id,
    period: String(chinaYear()),
    region: catalogue.region.code,
  });
  await expectTableEquals(page.locator('[data-test=region-table]'), answer);
  await snap(page, testInfo, '1-township');
});

test('a village doctor is offered no reports and the reporting API refuses them', async ({
  page,
  request,
}, testInfo) => {
  await signIn(page, 'fj.village-doctor');
  await expect(page).toHaveURL(/\/app\/worklist$/);
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav).toContainText('工作台');
  await expect(nav).not.toContainText('统计报表');

  // The address typed by hand leads back to what they may use.
  await page.goto('/app/reports');
  await expect(page).toHaveURL(/\/app\/worklist$/);
  await snap(page, testInfo, '1-village-doctor');

  const headers = await apiSession(request, 'fj.village-doctor');
  const query = new URLSearchParams({
    indicator: 'hypertension-standard-management-rate',
    period: String(chinaYear()),
    region: '350121101201',
    format: 'csv',
  });
  for (const route of ['indicators', 'values', 'drilldown', 'export']) {
    const res = await request.get(`${REPORTING}/${route}?${query.toString()}`, { headers });
    expect(res.status(), route).toBe(403);
  }
});
