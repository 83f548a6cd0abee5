import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import en from './messages/en.js';
import zhCN from './messages/zh-CN.js';

const root = new URL('../../../', import.meta.url).pathname;
const TRANSLATION_RULES = new Set(['vue/no-bare-strings-in-template', 'vue/no-restricted-syntax']);

/** The translation messages the lint reports for `template` in a screen of the app. */
async function untranslated(template: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const source = `<script setup lang="ts">\nimport { useI18n } from 'vue-i18n';\nconst { t } = useI18n();\n</script>\n\n<template>\n  ${template}\n</template>\n`;
  const [result] = await eslint.lintText(source, {
    filePath: 'runtime/app/screens/example/ExampleScreen.vue',
  });
  return result!.messages
    .filter((m) => TRANSLATION_RULES.has(m.ruleId ?? ''))
    .map((m) => m.message);
}

function keys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    value && typeof value === 'object'
      ? keys(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

describe('the app speaks through its message files (STYLE #14)', () => {
  it.each([
    ['Chinese text', '<p>居民</p>'],
    ['English text', '<p>Residents</p>'],
    ['a label attribute', '<el-form-item label="姓名" />'],
    ['a placeholder', '<el-input placeholder="Search" />'],
    ['a title', '<span title="所在机构" />'],
    ['a string expression', "<p>{{ '草稿' }}</p>"],
    ['a choice between strings', "<p>{{ ok ? 'Ready' : t('drafts.problems') }}</p>"],
    ['a template string', '<p>{{ `${n} drafts` }}</p>'],
    ['a bound label', `<el-form-item :label="'Name'" />`],
  ])(
    'given %s written into a template, when the app is linted, then the lint refuses it',
    async (_what, template) => {
      expect(await untranslated(template)).toHaveLength(1);
    },
  );

  it('given texts through message keys, when the app is linted, then the lint accepts them', async () => {
    expect(
      await untranslated(
        `<p :title="t('header.user')" :class="ok ? 'wide' : 'narrow'">{{ t('nav.residents') }} · {{ n }}</p>`,
      ),
    ).toEqual([]);
  });

  it('given the two languages, when their message files are compared, then each has every key of the other', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });
});
