import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import en from './messages/en.js';
import zhCN from './messages/zh-CN.js';

const root = new URL('../../../', import.meta.url).pathname;

/** The lint's messages for `source` as if it were the file `filePath` of the designer. */
async function lint(source: string, filePath: string): Promise<{ rule: string; text: string }[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(source, { filePath });
  return result!.messages.map((m) => ({ rule: m.ruleId ?? '', text: m.message }));
}

const screen = (template: string, imports = '') =>
  `<script setup lang="ts">\nimport { useI18n } from 'vue-i18n';\n${imports}const { t } = useI18n();\n</script>\n\n<template>\n  ${template}\n</template>\n`;

function keys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    value && typeof value === 'object'
      ? keys(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

describe('the designer speaks through its message files (STYLE #14)', () => {
  it('given the two languages, when their message files are compared, then each has every key of the other', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('given the sign-in texts, when the designer shows them, then they are the frontline app’s words with the designer’s own subtitle', () => {
    expect(zhCN.signIn.totp).toBe('动态验证码');
    expect(zhCN.signIn.subtitle).not.toBe('基本公共卫生服务平台');
  });

  it.each([
    ['Chinese text', '<p>审核</p>'],
    ['an English label', '<el-form-item label="Comment" />'],
    ['a string expression', "<p>{{ '发布' }}</p>"],
  ])(
    'given %s written into a template of the designer, when linted, then the lint refuses it',
    async (_what, template) => {
      const found = await lint(screen(template), 'designer/app/screens/example/ExampleScreen.vue');
      expect(
        found.filter(
          (m) => m.rule.startsWith('vue/no-bare') || m.rule === 'vue/no-restricted-syntax',
        ),
      ).toHaveLength(1);
    },
  );
});

describe('what the designer takes of the frontline app', () => {
  it('given a designer screen importing the frontline app’s session and components, when linted, then the lint accepts it', async () => {
    const found = await lint(
      screen(
        "<p>{{ t('review.title') }}</p>",
        "import { session } from '../../../../runtime/app/session/session.js';\nimport { useResource } from '../../../../runtime/app/components/resource.js';\nvoid session;\nvoid useResource;\n",
      ),
      'designer/app/screens/example/ExampleScreen.vue',
    );
    expect(found).toEqual([]);
  });

  it('given a designer screen importing a frontline screen, when linted, then the lint refuses it (its build stamp would not see it change)', async () => {
    const found = await lint(
      screen(
        '<Worklist />',
        "import Worklist from '../../../../runtime/app/screens/worklist/WorklistScreen.vue';\n",
      ),
      'designer/app/screens/example/ExampleScreen.vue',
    );
    expect(found.map((m) => m.rule)).toContain('no-restricted-imports');
  });

  it('given a designer screen importing another designer screen, when linted, then the lint refuses it', async () => {
    const found = await lint(
      screen('<Review />', "import Review from '../review/ReviewScreen.vue';\n"),
      'designer/app/screens/example/ExampleScreen.vue',
    );
    expect(found.map((m) => m.rule)).toContain('no-restricted-imports');
  });
});
