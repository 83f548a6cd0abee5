/**
 * 前线应用和设计器共用的中文文本：语言切换、登录页（runtime/app/session/SignInPage.vue）和签名标记
 * （runtime/app/components/SignatureBadge.vue）。Each app's message files take these in (`language`,
 * `signature`, `signIn` with the app's own `signIn.subtitle`), so the two apps sign in and speak of
 * signatures with the same words; en.ts beside this file has the same keys.
 */
const sharedZhCN = {
  language: {
    label: '语言',
    'zh-CN': '中文',
    en: 'English',
  },
  signature: {
    status: {
      valid: '已验证',
      invalid: '签名无效',
      'certificate-expired': '证书过期',
      revoked: '已吊销',
      'unknown-issuer': '颁发者未知',
      unsigned: '未签名',
    },
    checking: '正在验证签名…',
    unverifiable: '无法验证',
    title: '电子签名',
    signer: '签名者',
    signedAt: '签名时间',
    algorithm: '算法',
    issuer: '证书颁发者',
    validity: '证书有效期',
    validityRange: '{from} 至 {to}',
    failed: '无法验证签名：{reason}',
  },
  signIn: {
    title: '登录',
    username: '用户名',
    password: '密码',
    totp: '动态验证码',
    totpHint: '你的角色需要第二重验证：请输入验证器应用中显示的 6 位数字。',
    submit: '登录',
    verify: '验证并登录',
    back: '返回',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    totpFormat: '请输入 6 位数字',
    expired: '会话已过期或已在别处结束，请重新登录。未完成的内容已尽量保存。',
    signedOut: '你已退出登录。',
    errors: {
      network_unreachable: '无法连接服务器，请检查网络后重试。',
    },
  },
};

export type SharedMessages = typeof sharedZhCN;
export default sharedZhCN;
