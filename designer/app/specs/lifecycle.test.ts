import { describe, expect, it } from 'vitest';
import {
  availableActions,
  compareVersions,
  diffPairs,
  displayState,
  previousVersion,
  releaseIdOf,
  releaseOf,
  type ReleaseSummary,
  type VersionSummary,
} from './lifecycle.js';

function overlay(version: string, over: Partial<VersionSummary> = {}): VersionSummary {
  return {
    kind: 'overlay',
    key: 'fujian',
    version,
    jurisdiction: '350000',
    base: { spec: 'national-phs', version: '3.0.1' },
    status: 'published',
    approved: true,
    contentHash: 'h',
    rowVersion: 1,
    createdBy: 'u1',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'u1',
    updatedAt: '2026-01-01T00:00:00.000Z',
    submittedBy: null,
    submittedAt: null,
    approvedBy: null,
    approvedAt: null,
    reviewComment: null,
    publishedBy: null,
    publishedAt: null,
    deprecatedBy: null,
    deprecatedAt: null,
    ...over,
  };
}

describe('a version as the reviewer and the publisher see it', () => {
  it('given a draft a reviewer sent back with a comment, when listed, then it reads as returned; resubmitted, as in review', () => {
    const returned = overlay('1.3.0', {
      status: 'draft',
      approved: false,
      submittedAt: '2026-01-02T00:00:00.000Z',
      reviewComment: '血压单位写错了',
    });
    expect(displayState(returned)).toBe('returned');
    expect(displayState({ ...returned, status: 'in-review' })).toBe('in-review');
    expect(displayState({ ...returned, status: 'in-review', approved: true })).toBe('approved');
    expect(displayState(overlay('1.3.0', { status: 'draft', approved: false }))).toBe('draft');
  });

  it('given an overlay version and a spec version, when named as releases, then they read as the engine spells release ids', () => {
    expect(releaseIdOf(overlay('1.2.0'))).toBe('national-phs@3.0.1+fujian@1.2.0');
    expect(releaseIdOf({ kind: 'spec', key: 'national-phs', version: '3.0.1' })).toBe(
      'national-phs@3.0.1',
    );
  });

  it('given versions 1.10.0, 1.9.0 and a pre-release, when ordered, then by number, not by text', () => {
    expect(compareVersions('1.10.0', '1.9.0')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBeLessThan(0);
    expect(compareVersions('2.0.0', '2.0.0')).toBe(0);
  });

  it('given a province’s earlier versions, when a draft is reviewed, then it is compared with the newest published one before it and with its national base', () => {
    const all = [
      overlay('1.0.0', { base: { spec: 'national-phs', version: '3.0.0' } }),
      overlay('1.2.0'),
      overlay('1.2.1', { status: 'draft' }),
      overlay('1.3.0', { status: 'in-review' }),
      overlay('1.4.0', { status: 'draft' }),
    ];
    const reviewed = all[3]!;
    expect(previousVersion(reviewed, all)?.version).toBe('1.2.0');
    expect(diffPairs(reviewed, all)).toEqual([
      {
        against: 'previous',
        from: 'national-phs@3.0.1+fujian@1.2.0',
        to: 'national-phs@3.0.1+fujian@1.3.0',
      },
      { against: 'base', from: 'national-phs@3.0.1', to: 'national-phs@3.0.1+fujian@1.3.0' },
    ]);
    expect(diffPairs(all[0]!, all).map((p) => p.against)).toEqual(['base']);
  });

  it('given only unpublished earlier versions, when compared, then the newest of them is the previous one', () => {
    const all = [overlay('0.1.0', { status: 'draft' }), overlay('0.2.0', { status: 'draft' })];
    expect(previousVersion(all[1]!, all)?.version).toBe('0.1.0');
  });

  it('given each state, when a configurator, a reviewer and a publisher look, then each is offered only their step', () => {
    const draft = overlay('1.3.0', { status: 'draft', approved: false });
    const inReview = overlay('1.3.0', { status: 'in-review', approved: false });
    const approved = overlay('1.3.0', { status: 'in-review', approved: true });
    const published = overlay('1.3.0');
    const configurator = ['forms.design', 'workflows.edit'];
    const reviewer = ['specs.review'];
    const publisher = ['specs.publish'];
    expect(availableActions(draft, configurator, false)).toEqual(['submit']);
    expect(availableActions(draft, reviewer, false)).toEqual([]);
    expect(availableActions(inReview, reviewer, false)).toEqual(['approve', 'return']);
    expect(availableActions(inReview, publisher, false)).toEqual([]);
    expect(availableActions(approved, reviewer, false)).toEqual(['return']);
    expect(availableActions(approved, publisher, false)).toEqual(['publish']);
    expect(availableActions(published, publisher, false)).toEqual(['createRelease', 'deprecate']);
    expect(availableActions(published, publisher, true)).toEqual(['deprecate']);
    expect(availableActions(published, reviewer, true)).toEqual([]);
  });

  it('given the releases, when a published version looks for its own, then it finds the one made of it', () => {
    const release = (overlayVersion: string | null): ReleaseSummary => ({
      id: overlayVersion ? `national-phs@3.0.1+fujian@${overlayVersion}` : 'national-phs@3.0.1',
      jurisdiction: overlayVersion ? '350000' : '100000',
      base: { spec: 'national-phs', version: '3.0.1' },
      overlay: overlayVersion ? { key: 'fujian', version: overlayVersion } : null,
      status: 'published',
      current: true,
      manifestHash: 'm',
      signature: null,
      publishedBy: null,
      publishedAt: '2026-01-01T00:00:00.000Z',
    });
    const releases = [release(null), release('1.2.0')];
    expect(releaseOf(overlay('1.2.0'), releases)?.id).toBe('national-phs@3.0.1+fujian@1.2.0');
    expect(releaseOf(overlay('1.3.0'), releases)).toBeUndefined();
    const spec = { ...overlay('3.0.1'), kind: 'spec' as const, key: 'national-phs' };
    expect(releaseOf(spec, releases)?.id).toBe('national-phs@3.0.1');
  });
});
