// @vitest-environment happy-dom
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- a global declaration for tsc over the tests, no module to import
/// <reference path="../vueShim.d.ts" />
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import en from '../i18n/messages/en.js';
import zhCN from '../i18n/messages/zh-CN.js';
import SignatureBadge from './SignatureBadge.vue';

/**
 * The signature badge against the engine at its HTTP API (the app's one client calls `fetch`):
 * each answer of GET /api/…/:id/signature, and the answers that are not one.
 */
const engine = vi.hoisted(() => {
  // Timestamps read as in China, where the apps are used (format.ts reads the local time).
  process.env.TZ = 'Asia/Shanghai';
  return {
    /** The answer to the next signature request, by path. */
    answers: new Map<string, { status: number; body: unknown } | 'network'>(),
    asked: [] as string[],
  };
});
vi.hoisted(() => {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = decodeURIComponent(new URL(request.url).pathname);
    engine.asked.push(`${request.method} ${path}`);
    const answer = engine.answers.get(path);
    if (answer === 'network') throw new TypeError('Failed to fetch');
    const { status, body } = answer ?? {
      status: 404,
      body: { error: { code: 'not_found', message: '不存在 / Not found' } },
    };
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
});

const SUBMISSION = '0b5c6f3e-6a43-4d8e-9a55-4f3c9e1d2a10';
const SUBMISSION_PATH = `/api/submissions/${SUBMISSION}/signature`;

/** An IntersectionObserver that sees every element at once (or never, `seen = false`). */
let seen = true;
class SeeingObserver {
  constructor(private readonly callback: IntersectionObserverCallback) {}
  observe(target: Element) {
    if (seen) {
      this.callback(
        [{ isIntersecting: true, target } as IntersectionObserverEntry],
        this as unknown as IntersectionObserver,
      );
    }
  }
  disconnect() {}
  unobserve() {}
  takeRecords() {
    return [];
  }
}

let wrapper: VueWrapper | undefined;
beforeEach(() => {
  seen = true;
  vi.stubGlobal('IntersectionObserver', SeeingObserver);
  engine.answers.clear();
  engine.asked.length = 0;
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

async function badge(
  props: { subject: 'submission' | 'release'; id: string; signable?: boolean },
  locale: 'zh-CN' | 'en' = 'zh-CN',
) {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } });
  wrapper = mount(SignatureBadge, { props, global: { plugins: [i18n] }, attachTo: document.body });
  await flushPromises();
  await flushPromises();
  return wrapper;
}
const tag = () => document.querySelector<HTMLElement>('[data-test="signature-badge"]');
const detail = () => document.querySelector('[data-test="signature-detail"]')?.textContent ?? '';

const signed = {
  signer: 'CN=王建国, O=某某县人民医院',
  signedAt: '2026-12-07T08:00:00.000Z',
  algorithm: 'SM2-SM3',
  certificate: {
    serial: '0a1b',
    subject: 'CN=王建国, O=某某县人民医院',
    issuer: 'CN=Formwork 开发用根证书（非生产）',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
  },
};

describe('the signature badge', () => {
  it.each([
    ['valid', '已验证', 'Verified', 'success'],
    ['invalid', '签名无效', 'Invalid signature', 'danger'],
    ['certificate-expired', '证书过期', 'Certificate expired', 'warning'],
    ['revoked', '已吊销', 'Certificate revoked', 'danger'],
    ['unknown-issuer', '颁发者未知', 'Unknown issuer', 'warning'],
  ])(
    'given the engine answers %s for a signed submission, when the badge is shown, then it says %s (%s), coloured %s, with the signer, the signing time in China and the engine’s words',
    async (status, zh, english, colour) => {
      const message = { zh: `检查结果：${status}`, en: `Checked: ${status}` };
      engine.answers.set(SUBMISSION_PATH, {
        status: 200,
        body: { status, message, revision: 1, signedRevision: 1, ...signed },
      });
      await badge({ subject: 'submission', id: SUBMISSION });
      expect(engine.asked).toEqual([`GET ${SUBMISSION_PATH}`]);
      expect(tag()?.textContent?.trim()).toBe(zh);
      expect(tag()?.dataset.status).toBe(status);
      expect(tag()?.className).toContain(`el-tag--${colour}`);
      expect(detail()).toContain('CN=王建国, O=某某县人民医院');
      expect(detail()).toContain('2026-12-07 16:00');
      expect(detail()).toContain('SM2-SM3');
      expect(detail()).toContain('CN=Formwork 开发用根证书（非生产）');
      expect(detail()).toContain(message.zh);

      wrapper!.unmount();
      wrapper = undefined;
      document.body.innerHTML = '';
      await badge({ subject: 'submission', id: SUBMISSION }, 'en');
      expect(tag()?.textContent?.trim()).toBe(english);
      expect(detail()).toContain(message.en);
      expect(detail()).toContain('Signer');
    },
  );

  it('given a release published without a signature, when the badge is shown, then it asks the release’s route and says 未签名 in grey', async () => {
    const id = 'national-phs@3.0.1+yunnan@1.0.0';
    engine.answers.set(`/api/releases/${id}/signature`, {
      status: 200,
      body: {
        status: 'unsigned',
        message: { zh: '发行版未签名', en: 'The release is not signed' },
      },
    });
    await badge({ subject: 'release', id });
    expect(engine.asked).toEqual([`GET /api/releases/${id}/signature`]);
    expect(tag()?.textContent?.trim()).toBe('未签名');
    expect(tag()?.className).toContain('el-tag--info');
    expect(detail()).toContain('发行版未签名');
  });

  it('given no signing plugin loaded (503 signer_unavailable), when the badge is shown, then it says 无法验证 with the engine’s reason, never verified', async () => {
    engine.answers.set(SUBMISSION_PATH, {
      status: 503,
      body: {
        error: {
          code: 'signer_unavailable',
          message: '未加载签名插件，无法验证 / No signing plugin is loaded to verify it',
        },
      },
    });
    await badge({ subject: 'submission', id: SUBMISSION });
    expect(tag()?.textContent?.trim()).toBe('无法验证');
    expect(tag()?.dataset.status).toBe('unverifiable');
    expect(document.body.textContent).not.toContain('已验证');
    expect(detail()).toContain('未加载签名插件，无法验证');

    wrapper!.unmount();
    document.body.innerHTML = '';
    await badge({ subject: 'submission', id: SUBMISSION }, 'en');
    expect(tag()?.textContent?.trim()).toBe('Cannot verify');
    expect(detail()).toContain('No signing plugin is loaded to verify it');
  });

  it('given no answer at all (the network), when the badge is shown, then it says 无法验证 and why', async () => {
    engine.answers.set(SUBMISSION_PATH, 'network');
    await badge({ subject: 'submission', id: SUBMISSION });
    expect(tag()?.textContent?.trim()).toBe('无法验证');
    expect(detail()).toContain('无法连接服务器');
  });

  it('given a form not marked signable, when its submission is unsigned or cannot be looked at, then no badge shows; when it carries a signature anyway, the badge shows', async () => {
    engine.answers.set(SUBMISSION_PATH, {
      status: 200,
      body: { status: 'unsigned', message: { zh: '未签名', en: 'Unsigned' }, revision: 1 },
    });
    await badge({ subject: 'submission', id: SUBMISSION, signable: false });
    expect(engine.asked).toHaveLength(1);
    expect(tag()).toBeNull();

    wrapper!.unmount();
    engine.answers.set(SUBMISSION_PATH, {
      status: 403,
      body: { error: { code: 'forbidden', message: '无权查看 / Not allowed' } },
    });
    await badge({ subject: 'submission', id: SUBMISSION, signable: false });
    expect(tag()).toBeNull();

    wrapper!.unmount();
    engine.answers.set(SUBMISSION_PATH, {
      status: 200,
      body: {
        status: 'valid',
        message: { zh: '签名有效', en: 'Valid' },
        revision: 1,
        signedRevision: 1,
        ...signed,
      },
    });
    await badge({ subject: 'submission', id: SUBMISSION, signable: false });
    expect(tag()?.textContent?.trim()).toBe('已验证');
  });

  it('given a signable form, while the engine has not answered, then the badge says it is verifying, not verified', async () => {
    seen = false;
    await badge({ subject: 'submission', id: SUBMISSION });
    // Not in view yet: nothing asked.
    expect(engine.asked).toEqual([]);
    expect(tag()?.textContent?.trim()).toBe('正在验证签名…');
    expect(tag()?.dataset.status).toBe('checking');
  });
});
