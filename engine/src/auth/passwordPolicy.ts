export interface PolicyViolation {
  code: string;
  message: { zh: string; en: string };
}

export const PASSWORD_POLICY = { minLength: 10, maxLength: 128, minClasses: 3 } as const;

/**
 * 等保三级 password rules: at least 10 characters, three of four character classes (lower,
 * upper, digit, symbol), not containing the username, not one character repeated.
 */
export function checkPassword(password: string, username: string): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  if (password.length < PASSWORD_POLICY.minLength) {
    violations.push({
      code: 'too-short',
      message: {
        zh: `密码至少 ${PASSWORD_POLICY.minLength} 位`,
        en: `the password needs at least ${PASSWORD_POLICY.minLength} characters`,
      },
    });
  }
  if (password.length > PASSWORD_POLICY.maxLength) {
    violations.push({
      code: 'too-long',
      message: {
        zh: '密码过长',
        en: `the password may have at most ${PASSWORD_POLICY.maxLength} characters`,
      },
    });
  }
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < PASSWORD_POLICY.minClasses) {
    violations.push({
      code: 'too-simple',
      message: {
        zh: '密码需包含大写字母、小写字母、数字、符号中的至少三类',
        en: 'the password needs three of: lower case, upper case, digits, symbols',
      },
    });
  }
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    violations.push({
      code: 'contains-username',
      message: { zh: '密码不能包含用户名', en: 'the password may not contain the username' },
    });
  }
  if (/^(.)\1+$/.test(password)) {
    violations.push({
      code: 'repeated',
      message: {
        zh: '密码不能由单一字符重复组成',
        en: 'the password may not repeat one character',
      },
    });
  }
  return violations;
}
