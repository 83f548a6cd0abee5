import { describe, expect, it } from 'vitest';
import { strategyFor } from './routes.js';

/**
 * What the app's service worker does with each request: the build's files and the forms are
 * cached, resident data never is, and nothing but reads is ever touched.
 */
const SCOPE = 'http://127.0.0.1:3000/app/';
const at = (path: string, mode = 'cors', method = 'GET') =>
  strategyFor({ method, mode, url: new URL(path, SCOPE).href }, SCOPE);

describe("the app's service worker routes", () => {
  it('given a page of the app opened or reloaded, when it is asked for, then it is a navigation (network first, the cached page offline)', () => {
    for (const page of ['/app/', '/app/worklist', '/app/residents/r-1?tab=visits', '/app/signin']) {
      expect(at(page, 'navigate'), page).toBe('navigation');
    }
  });

  it('given a hashed file of the build, when a page loads it, then the cache answers first', () => {
    for (const file of ['/app/assets/index-UGc3wlKn.js', '/app/assets/index-BML6WxX2.css']) {
      expect(at(file, 'no-cors'), file).toBe('asset');
    }
  });

  it('given a form definition or a validator module, when it is fetched, then it is network first with the cached copy offline', () => {
    for (const url of [
      '/api/forms/hypertension-followup',
      '/api/forms/hypertension-followup?release=national-phs%403.0.1',
      '/api/forms/hypertension-followup/versions/3.0.1/validator.js?release=national-phs%403.0.1&hash=abc',
      '/api/form-validator-runtime.js?hash=abc',
    ]) {
      expect(at(url), url).toBe('form');
    }
  });

  it('given any other API request, resident data above all, when it is made, then the worker leaves it to the network', () => {
    for (const url of [
      '/api/residents/r-1',
      '/api/residents?name=%E7%8E%8B',
      '/api/worklist',
      '/api/auth/me',
      '/api/drafts',
      '/api/submissions/s-1',
      '/api/forms',
      '/api/forms/hypertension-followup/versions/3.0.1/typescript',
      '/api/forms/hypertension-followup/submissions',
    ]) {
      expect(at(url), url).toBe('network');
    }
  });

  it('given a request that is not a read, when it is sent, then the worker never touches it', () => {
    expect(at('/api/forms/hypertension-followup', 'cors', 'POST')).toBe('network');
    expect(at('/app/', 'navigate', 'POST')).toBe('network');
    expect(at('/app/assets/index-UGc3wlKn.js', 'no-cors', 'HEAD')).toBe('network');
  });

  it('given the worker script itself, another origin or a page outside the app, when asked for, then the network answers', () => {
    expect(at('/app/sw.js', 'same-origin')).toBe('network');
    expect(at('/', 'navigate')).toBe('network');
    expect(at('/designer/', 'navigate')).toBe('network');
    expect(at('/api-docs', 'navigate')).toBe('network');
    expect(
      strategyFor(
        { method: 'GET', mode: 'cors', url: 'https://example.org/app/assets/x.js' },
        SCOPE,
      ),
    ).toBe('network');
  });
});
