import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = new URL('../../bin/formwork.js', import.meta.url).pathname;
const bpmnFixtures = new URL('../../../definitions/src/bpmn/fixtures/', import.meta.url).pathname;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-lint-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function formwork(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  const lines = result.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { status: result.status, lines, stderr: result.stderr };
}

const form = {
  key: 'visit',
  version: '1.0.0',
  title: { zh: '随访', en: 'Visit' },
  schema: {
    type: 'object',
    properties: {
      method: { type: 'string', 'x-code-table': 'visit-method' },
      sbp: { type: 'integer', maximum: 300 },
    },
  },
};
const table = {
  id: 'visit-method',
  version: '1.0.0',
  title: { zh: '随访方式', en: 'Visit method' },
  codes: [{ code: '1', label: { zh: '门诊', en: 'Clinic' } }],
};

describe('formwork lint-form', () => {
  it('accepts a good form with its code tables and prints one JSON line per file', () => {
    const result = formwork(
      'lint-form',
      write('good.json', form),
      '--code-tables',
      write('t.json', [table]),
    );
    expect(result.status).toBe(0);
    expect(result.lines).toEqual([
      { file: path.join(dir, 'good.json'), ok: true, fields: 2, problems: [] },
    ]);
  });

  it('exits 1 and names the problem of each bad file', () => {
    const bad = structuredClone(form) as typeof form & { rules: unknown[] };
    bad.rules = [
      {
        id: 'no-method',
        assert: { method: [{ var: 'sbp' }, 'valueOf'] },
        path: '/sbp',
        message: { zh: '错', en: 'bad' },
      },
    ];
    const result = formwork(
      'lint-form',
      write('bad.json', bad),
      write('broken.json', '{ not json'),
      '--code-tables',
      write('t.json', [table]),
    );
    expect(result.status).toBe(1);
    expect(result.lines[0]).toMatchObject({
      ok: false,
      problems: [expect.objectContaining({ path: '/rules/0/assert/method', code: 'rule-invalid' })],
    });
    expect(result.lines[1]).toMatchObject({
      ok: false,
      problems: [expect.objectContaining({ code: 'json-invalid' })],
    });
  });
});

describe('formwork lint-bpmn', () => {
  it('passes a supported diagram and fails a script task, with codes', () => {
    const good = formwork('lint-bpmn', path.join(bpmnFixtures, 'good/two-way-referral.bpmn'));
    expect(good.status).toBe(0);
    expect(good.lines[0]).toMatchObject({ ok: true, supported: true, errors: [] });

    const bad = formwork('lint-bpmn', path.join(bpmnFixtures, 'bad/script-task.bpmn'));
    expect(bad.status).toBe(1);
    expect((bad.lines[0]!.errors as { code: string }[]).map((e) => e.code)).toContain(
      'script-task',
    );
  });
});
