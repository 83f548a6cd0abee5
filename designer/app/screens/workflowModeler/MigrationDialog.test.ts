// @vitest-environment happy-dom
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- a global declaration for tsc over the tests, no module to import
/// <reference path="../../vueShim.d.ts" />
import { readBaseSpec } from '@formwork/seed/lib/readSpec';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/messages/en.js';
import type { ReleaseSummary } from '../../specs/lifecycle.js';
import MigrationDialog from './MigrationDialog.vue';

/**
 * The migration dialog against the engine at its HTTP API (the app's one client calls `fetch`):
 * national 3.0.1 runs the seed's referral, 3.1.0 renames the county's decision task. Running
 * instances wait at the slip and at the decision.
 */
const engine = vi.hoisted(() => ({
  v1: '',
  v2: '',
  migrations: [] as unknown[],
  /** What POST /api/workflows/migrations answers next. */
  next: [] as { status: number; body: unknown }[],
}));
vi.hoisted(() => {
  const answer = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const route = `${request.method} ${new URL(request.url).pathname}`;
    const version = (v: string, xml: string) =>
      answer(200, {
        kind: 'spec',
        key: 'national-phs',
        version: v,
        status: 'published',
        rowVersion: 1,
        content: { workflows: { 'two-way-referral': xml }, forms: {} },
      });
    if (route === 'GET /api/specs/national-phs/versions/3.0.1') return version('3.0.1', engine.v1);
    if (route === 'GET /api/specs/national-phs/versions/3.1.0') return version('3.1.0', engine.v2);
    if (route === 'POST /api/workflows/migrations') {
      engine.migrations.push(await request.json());
      const next = engine.next.shift()!;
      return answer(next.status, next.body);
    }
    return answer(404, { error: { code: 'not_found', message: `${route} / ${route}` } });
  };
});
engine.v1 = readBaseSpec('national-phs', '3.0.1').workflows['two-way-referral']!;
engine.v2 = engine.v1.replace(/\bUserTask_decide\b/g, 'UserTask_decide_v2');

const release = (version: string, current: boolean): ReleaseSummary =>
  ({
    id: `national-phs@${version}`,
    jurisdiction: '100000',
    current,
    base: { spec: 'national-phs', version },
    overlay: null,
    publishedAt: `2026-1${version === '3.0.1' ? '1' : '2'}-01T00:00:00Z`,
  }) as ReleaseSummary;

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  document.body.innerHTML = '';
});

async function dialog() {
  const i18n = createI18n({ legacy: false, locale: 'en', messages: { en } });
  wrapper = mount(MigrationDialog, {
    props: {
      modelValue: true,
      workflowKey: 'two-way-referral',
      from: {
        releaseId: 'national-phs@3.0.1',
        instances: 3,
        elements: { UserTask_fill: 1, UserTask_decide: 2 },
      },
      releases: [release('3.0.1', false), release('3.1.0', true)],
    },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
  await flushPromises();
  await flushPromises();
  return wrapper;
}
const text = () => document.body.textContent ?? '';
const confirm = () => document.querySelector<HTMLButtonElement>('[data-test="migration-confirm"]')!;

describe('the instance migration dialog', () => {
  it('given instances at a kept and at a renamed task, when it opens, then the kept one maps to itself, the renamed one waits for a choice among user tasks, and nothing can be sent yet', async () => {
    const w = await dialog();
    expect(text()).toContain('national-phs@3.0.1: 3 running instances');
    const selects = w.findAllComponents({ name: 'ElSelect' });
    // The target release (the current one first), then one select per element, sorted by id.
    expect(selects.map((s) => s.props('modelValue'))).toEqual([
      'national-phs@3.1.0',
      '',
      'UserTask_fill',
    ]);
    expect(text()).toContain('1 elements are not mapped yet.');
    expect(confirm().disabled).toBe(true);
  });

  it('given the renamed task mapped, when the engine refuses the mapping, then each element it names is said in words; when it then migrates, the outcome is said', async () => {
    const w = await dialog();
    const decide = w.findAllComponents({ name: 'ElSelect' })[1]!;
    decide.vm.$emit('update:modelValue', 'UserTask_decide_v2');
    await flushPromises();
    expect(confirm().disabled).toBe(false);

    engine.next.push({
      status: 422,
      body: {
        error: {
          code: 'incomplete_mapping',
          message: '元素映射不完整 / The mapping misses elements running instances are in',
          details: {
            problems: [{ elementId: 'Boundary_x', problem: 'unmapped', instances: 2 }],
          },
        },
      },
    });
    confirm().click();
    await flushPromises();
    expect(engine.migrations.at(-1)).toEqual({
      definitionKey: 'two-way-referral',
      fromReleaseId: 'national-phs@3.0.1',
      toReleaseId: 'national-phs@3.1.0',
      mapping: { UserTask_decide: 'UserTask_decide_v2', UserTask_fill: 'UserTask_fill' },
    });
    expect(text()).toContain('The mapping misses elements running instances are in');
    expect(text()).toContain('Boundary_x (2 instances): not mapped');

    engine.next.push({ status: 200, body: { migrated: ['a', 'b', 'c'], skipped: [] } });
    confirm().click();
    await flushPromises();
    expect(text()).toContain('Migrated 3 instances from national-phs@3.0.1 to national-phs@3.1.0.');
    expect(w.emitted('migrated')).toHaveLength(1);
    expect(confirm().disabled).toBe(true);
  });
});
