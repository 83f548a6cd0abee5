// @vitest-environment happy-dom
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- a global declaration for tsc over the tests, no module to import
/// <reference path="../../vueShim.d.ts" />
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/messages/en.js';
import zhCN from '../../i18n/messages/zh-CN.js';
import ReportsScreen from './ReportsScreen.vue';

/**
 * The reports page against the reporting API at its HTTP edge (the app's one client calls
 * `fetch`): what the manager reads when reporting is down, when a parameter is refused, and when
 * loading lags. The journey with real figures is e2e/reports.e2e.ts.
 */
const engine = vi.hoisted(() => {
  // Timestamps read as in China, where the apps are used (format.ts reads the local time).
  process.env.TZ = 'Asia/Shanghai';
  return {
    answers: new Map<string, { status: number; body: unknown }>(),
    asked: [] as string[],
  };
});
vi.hoisted(() => {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    engine.asked.push(`${url.pathname}${url.search}`);
    const { status, body } = engine.answers.get(url.pathname) ?? {
      status: 404,
      body: { error: { code: 'not_found', message: '不存在 / Not found' } },
    };
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
});

const PREFIX = '/api/plugins/reporting';
const text = (zh: string, en: string) => ({ zh, en });
const INDICATOR = {
  id: 'hypertension-standard-management-rate',
  title: text('高血压患者规范管理率', 'Hypertension standard management rate'),
  description: text('按规范管理的人数 / 管理人数', 'Managed to the spec / under management'),
  program: 'hypertension',
  period: 'year',
  unit: 'percent',
  numerator: { description: text('按规范管理的患者人数', 'Patients managed to the spec') },
  denominator: { description: text('年内已管理的患者人数', 'Patients under management') },
};
const FUJIAN = { code: '350000', name: '福建省', nameEn: 'Fujian', level: 'province' };
const CATALOGUE = {
  release: { id: 'fj-2026', jurisdiction: '350000' },
  region: FUJIAN,
  indicators: [INDICATOR],
};
const answer = (rows: unknown[], lagSeconds = 0) => ({
  indicator: INDICATOR,
  period: { start: '2026-01-01', end: '2026-12-31' },
  region: FUJIAN,
  rows,
  total: { numerator: 5, denominator: 8, rate: 62.5 },
  loading: { lagSeconds, loadedUpTo: '2026-12-07T08:00:00.000Z' },
});
const REFUSED = {
  status: 400,
  body: {
    error: {
      code: 'invalid_query',
      message: '查询参数无效 / Invalid query',
      details: {
        problems: [
          {
            param: 'period',
            message: text('统计期最长 10 年', 'the period is at most 10 years'),
          },
        ],
      },
    },
  },
};

let wrapper: VueWrapper | undefined;
beforeEach(() => {
  engine.answers.clear();
  engine.asked.length = 0;
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  document.body.innerHTML = '';
});

async function open(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } });
  wrapper = mount(ReportsScreen, {
    // happy-dom has no canvas to draw on: the charts are drawn in Chromium (e2e/reports.e2e.ts).
    global: { plugins: [i18n], stubs: { RateBarChart: true, RateTrendChart: true } },
    attachTo: document.body,
  });
  for (let i = 0; i < 4; i++) await flushPromises();
  return wrapper;
}

describe('the reports page', () => {
  it('given reporting down (503), when a manager opens the page, then it says reporting is unavailable and that the rest of the app works', async () => {
    engine.answers.set(`${PREFIX}/indicators`, {
      status: 503,
      body: { error: { code: 'reporting_unavailable', message: '报表不可用 / unavailable' } },
    });
    const page = await open();
    const alert = page.get('[data-test=reports-failure]');
    expect(alert.text()).toContain('报表服务暂时不可用');
    expect(alert.text()).toContain('其他功能不受影响');
    expect(page.find('[data-test=region-table]').exists()).toBe(false);
  });

  it('given a period the engine refuses (400), when the figures are asked, then the page names the parameter and its rule, in Chinese and in English', async () => {
    engine.answers.set(`${PREFIX}/indicators`, { status: 200, body: CATALOGUE });
    engine.answers.set(`${PREFIX}/drilldown`, REFUSED);
    engine.answers.set(`${PREFIX}/trend`, REFUSED);
    const page = await open();
    expect(page.get('[data-test=reports-failure]').text()).toContain('period：统计期最长 10 年');

    page.unmount();
    wrapper = await open('en');
    expect(wrapper.get('[data-test=reports-failure]').text()).toContain(
      'period: the period is at most 10 years',
    );
  });

  it('given loading five minutes behind, when the figures are shown, then the page says up to when they are complete, and the exports carry the filters and the table’s grouping', async () => {
    engine.answers.set(`${PREFIX}/indicators`, { status: 200, body: CATALOGUE });
    engine.answers.set(`${PREFIX}/drilldown`, {
      status: 200,
      body: answer(
        [
          {
            region: { code: '350100', name: '福州市', nameEn: 'Fuzhou' },
            numerator: 5,
            denominator: 8,
            rate: 62.5,
            children: true,
          },
        ],
        300,
      ),
    });
    engine.answers.set(`${PREFIX}/trend`, { status: 200, body: answer([]) });
    const page = await open();
    expect(page.get('[data-test=lag-notice]').text()).toContain('报表数据更新至 2026-12-07 16:00');
    expect(page.get('[data-test=definition]').text()).toContain('年内已管理的患者人数');
    expect(page.get('[data-test=region-row]').text()).toContain('62.5%');
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const csv = new URL(page.get('[data-test=export-csv]').attributes('href')!, 'http://x');
    expect(Object.fromEntries(csv.searchParams)).toEqual({
      format: 'csv',
      indicator: INDICATOR.id,
      period: String(year),
      region: '350000',
      // The province's table lists its cities: the file groups by city too.
      group: 'city',
    });
    // The trend asks for the whole year (its months year to date), in the same region.
    expect(engine.asked).toContain(
      `${PREFIX}/trend?indicator=${INDICATOR.id}&period=${year}&region=350000`,
    );
  });

  it('given loading half a minute behind, when the figures are shown, then no notice', async () => {
    engine.answers.set(`${PREFIX}/indicators`, { status: 200, body: CATALOGUE });
    engine.answers.set(`${PREFIX}/drilldown`, { status: 200, body: answer([], 30) });
    engine.answers.set(`${PREFIX}/trend`, { status: 200, body: answer([]) });
    const page = await open();
    expect(page.find('[data-test=region-table]').exists()).toBe(true);
    expect(page.find('[data-test=lag-notice]').exists()).toBe(false);
  });
});
