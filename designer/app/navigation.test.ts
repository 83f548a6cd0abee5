import { describe, expect, it } from 'vitest';
import type { Me } from '../../runtime/app/session/session.js';
import { homeScreen, navigationFor } from './navigation.js';

function user(role: string, orgCode: string, permissions: string[]): Me {
  return {
    id: role,
    username: role,
    displayName: role,
    orgCode,
    mfa: false,
    mfaSetupRequired: false,
    grants: [{ id: 'g', role, orgCode }],
    permissions,
  };
}

const names = (u: Me) => navigationFor(u).map((item) => item.name);

describe('the designer’s navigation by role', () => {
  it('given a province configurator, when signed in, then forms, code tables, workflows, the province’s overlays, the versions and data migration are offered, no review or publishing', () => {
    const configurator = user('province-configurator', '350000', [
      'forms.design',
      'workflows.edit',
    ]);
    expect(names(configurator)).toEqual([
      'forms',
      'codeTables',
      'workflows',
      'overlays',
      'versions',
      'migrations',
    ]);
    expect(homeScreen(configurator)).toBe('versions');
  });

  it('given a national configurator, when signed in, then no provincial overlay editor', () => {
    expect(names(user('national-configurator', '100000', ['forms.design']))).toEqual([
      'forms',
      'codeTables',
      'versions',
      'migrations',
    ]);
  });

  it('given a reviewer and a publisher, when signed in, then each starts on their own queue (a publisher also runs data migrations)', () => {
    const reviewer = user('province-reviewer', '350000', ['specs.review']);
    expect(names(reviewer)).toEqual(['versions', 'review']);
    expect(homeScreen(reviewer)).toBe('review');
    const publisher = user('province-publisher', '350000', ['specs.publish']);
    expect(names(publisher)).toEqual(['versions', 'releases', 'migrations']);
    expect(homeScreen(publisher)).toBe('releases');
  });

  it('given a publisher whose session has not passed the second factor (no specs.publish usable), when signed in, then nothing is offered', () => {
    const unconfirmed = user('province-publisher', '350000', []);
    expect(names(unconfirmed)).toEqual([]);
    expect(homeScreen(unconfirmed)).toBeUndefined();
  });

  it('given a village doctor, when signed in to the designer, then nothing is offered', () => {
    expect(homeScreen(user('village-doctor', '350121101201', ['records.capture']))).toBeUndefined();
  });
});
