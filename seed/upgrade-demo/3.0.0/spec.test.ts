/**
 * The upgrade demonstration's 3.0.0 (its starting point, not a national spec: see CHANGES.md)
 * passes the gates and is the national base 3.0.0 under the demonstration's key: the same forms,
 * code tables, schedules, indicators and parameters, the same workflows but for their
 * namespace, and a parameter set named for the demonstration.
 */
import { describe, expect, it } from 'vitest';
import { readBaseSpec, readJsonFolder } from '../../lib/readSpec.js';
import { specGates } from '../../lib/specGates.js';

const SPEC = 'upgrade-demo';
const VERSION = '3.0.0';
const base = readBaseSpec(SPEC, VERSION);
const national = readBaseSpec('national-phs', VERSION);
const namespace = (spec: string) =>
  `targetNamespace="https://formwork.example/bpmn/${spec}/${VERSION}"`;

describe('upgrade-demo 3.0.0: every definition passes the gates', () => {
  specGates(SPEC, VERSION, VERSION);

  it.each(Object.keys(base.workflows))(
    'given workflow %s, then its namespace is the demonstration one',
    (key) => {
      expect(base.workflows[key]).toContain(namespace(SPEC));
      expect(base.workflows[key]).not.toContain('national-phs');
    },
  );
});

describe('upgrade-demo 3.0.0: a copy of national-phs 3.0.0 under the demonstration key', () => {
  it('given the forms, code tables, schedules and indicators, then they equal the national 3.0.0', () => {
    expect(base.forms).toEqual(national.forms);
    expect(base.codeTables).toEqual(national.codeTables);
    for (const folder of ['schedules', 'indicators'])
      expect(Object.fromEntries(readJsonFolder(SPEC, VERSION, folder)), folder).toEqual(
        Object.fromEntries(readJsonFolder('national-phs', VERSION, folder)),
      );
  });

  it('given the parameters, then they are the national 3.0.0 set named upgrade-demo-parameters', () => {
    expect(base.parameters.id).toBe('upgrade-demo-parameters');
    expect({ ...base.parameters, id: national.parameters.id }).toEqual(national.parameters);
  });

  it('given the workflows, then they are the national 3.0.0 ones but for the namespace', () => {
    expect(Object.keys(base.workflows)).toEqual(Object.keys(national.workflows));
    for (const [key, xml] of Object.entries(base.workflows))
      expect(xml.replace(namespace(SPEC), namespace('national-phs')), key).toBe(
        national.workflows[key],
      );
  });
});
