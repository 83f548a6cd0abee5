import { describe, expect, it } from 'vitest';
import { ServiceRegistry, type ServiceCall } from './ServiceRegistry.js';

const call = (history: string[]): ServiceCall => ({
  instanceId: 'i-1',
  elementId: 'ServiceTask_sign',
  properties: {},
  variables: {},
  record: (event) => void history.push(event),
});

describe('the built-in sign-report', () => {
  it('given no CA signing plugin, when a consultation reaches sign-report, then it fails (an incident) saying so, and records nothing signed', async () => {
    const history: string[] = [];
    const service = new ServiceRegistry().get('sign-report')!;
    await expect(async () => service(call(history))).rejects.toThrow(
      /No CA signing plugin registers the workflow service "sign-report": the report cannot be signed/,
    );
    expect(history).toEqual([]);
  });
});
