import shared from '../../../../runtime/app/i18n/messages/shared/zh-CN.js';
import modeler from './modeler.zh-CN.js';
import formDesigner from './formDesigner.zh-CN.js';
import migrations from './migrations.zh-CN.js';
import overlayEditor from './overlayEditor.zh-CN.js';
import codeTables from './codeTables.zh-CN.js';

/**
 * 配置工具的中文文本（默认语言）。Every key here exists in en.ts too (i18n.test.ts checks it); no
 * template holds text of its own (the lint's vue/no-bare-strings-in-template). The sign-in texts
 * and the language switch are the frontline app's (runtime/app/i18n/messages/shared/).
 */
const zhCN = {
  app: {
    name: 'Formwork 配置工具',
    skipToContent: '跳到主要内容',
  },
  language: shared.language,
  signature: shared.signature,
  modeler,
  formDesigner,
  overlayEditor,
  migrations,
  codeTables,
  signIn: { ...shared.signIn, subtitle: '表单、流程与省级配置的设计、审核和发布' },
  nav: {
    label: '主导航',
    forms: '表单设计',
    codeTables: '代码表',
    workflows: '流程',
    overlays: '省级配置',
    versions: '版本',
    review: '审核',
    releases: '发布',
    migrations: '数据迁移',
  },
  header: {
    user: '当前用户',
    twoFactor: '本次登录已通过动态验证码',
    signOut: '退出登录',
  },
  common: {
    loading: '正在加载…',
    retry: '重试',
    refresh: '刷新',
    open: '打开',
    cancel: '取消',
    none: '无',
    all: '全部',
    loadFailed: '加载失败：{reason}',
  },
  noAccess: {
    title: '配置工具中没有你可以使用的功能',
    body: '你的角色不包含表单设计、流程编辑、审核或发布权限。如需使用，请联系系统管理员授权。',
  },
  notFound: {
    title: '找不到这个页面',
    back: '返回首页',
  },
  status: {
    draft: '草稿',
    returned: '已退回',
    'in-review': '待审核',
    approved: '已审核通过',
    published: '已发布',
    deprecated: '已弃用',
  },
  kind: {
    spec: '国家规范',
    overlay: '省级配置',
  },
  versions: {
    title: '版本',
    intro: '所有规范版本和省级配置版本及其状态。打开一个版本可查看与上一版本的差异和流转记录。',
    kindFilter: '类型',
    statusFilter: '状态',
    column: {
      kind: '类型',
      key: '标识',
      version: '版本',
      base: '基础版本',
      jurisdiction: '辖区',
      status: '状态',
      updatedAt: '更新时间',
      comment: '审核意见',
    },
    empty: '没有符合条件的版本',
  },
  review: {
    title: '审核',
    intro:
      '已提交、等待审核的版本。打开一个版本，查看它与上一版本的语义差异，然后通过或退回（须填写意见）。',
    empty: '没有等待审核的版本',
    submittedAt: '提交时间',
  },
  version: {
    back: '返回',
    base: '基础版本',
    jurisdiction: '辖区',
    contentHash: '内容摘要',
    updatedAt: '最后修改',
    returnedTitle: '审核退回意见',
    lastReturnTitle: '上次退回时的审核意见',
    approvedComment: '审核意见',
    actions: {
      label: '操作',
      submit: '提交审核',
      approve: '审核通过',
      return: '退回修改',
      publish: '发布…',
      createRelease: '生成发行版…',
      deprecate: '弃用…',
    },
    done: {
      submit: '已提交审核',
      approve: '已审核通过',
      return: '已退回给作者',
      publish: '已发布，发行版 {id} 已生成并成为当前版本',
      release: '发行版 {id} 已生成并成为当前版本',
      deprecate: '已弃用',
    },
    returnDialog: {
      title: '退回修改',
      comment: '审核意见（作者将看到）',
      commentRequired: '请填写退回意见',
      confirm: '退回',
    },
    deprecateDialog: {
      title: '弃用此版本',
      comment: '弃用原因（记入版本历史）',
      commentRequired: '请填写弃用原因',
      confirm: '弃用',
    },
    approveDialog: {
      title: '审核通过',
      comment: '审核意见（可选）',
      confirm: '通过',
    },
    release: {
      title: '发行版',
      none: '尚未生成发行版',
    },
  },
  publish: {
    title: '发布 {id}',
    body: '发布后版本不可再修改，并为辖区 {jurisdiction} 生成签名的发行版，新录入的记录将使用它。',
    releaseOnly: '为已发布的版本生成签名的发行版，并成为辖区 {jurisdiction} 的当前发行版。',
    confirmIdentity: '请再次验证身份：输入你的密码和验证器应用中当前显示的动态验证码。',
    password: '密码',
    totp: '动态验证码',
    passwordRequired: '请输入密码',
    totpFormat: '请输入 6 位数字',
    confirm: '发布',
    confirmRelease: '生成发行版',
    publishedButNoRelease: '版本已发布，但发行版未能生成：',
  },
  diff: {
    title: '语义差异',
    against: {
      previous: '与上一版本比较',
      base: '与国家基础版本比较',
      other: '与任一版本比较',
    },
    otherPlaceholder: '选择要比较的版本',
    comparing: '{from} → {to}',
    first: '这是第一个版本，没有可以比较的上一版本。',
    none: '没有变化。',
    compatible: '兼容：旧数据在新版本下仍然有效',
    breaking: '有不兼容的变化',
    forms: '表单',
    formAdded: '新增表单',
    formRemoved: '删除表单',
    codeTables: '代码表',
    parameters: '参数',
    workflows: '流程',
    added: '新增',
    removed: '删除',
    changed: '修改',
    relabelled: '改标签',
    deprecated: '停用',
    restored: '恢复',
    column: {
      path: '字段',
      change: '变化',
      compatible: '兼容',
      impact: '影响',
    },
    yes: '是',
    no: '否',
    usages: '被使用：{list}',
    usage: {
      rules: '规则',
      schedules: '随访计划',
      indicators: '指标',
      workflows: '流程',
      triggers: '提醒',
    },
    submissions: '涉及 {count} 条已存记录',
  },
  history: {
    title: '流转记录',
    column: {
      at: '时间',
      action: '操作',
      state: '状态',
      actor: '操作人',
      reason: '意见或原因',
    },
    action: {
      create: '创建草稿',
      rebase: '变基为新草稿',
      submit: '提交审核',
      approve: '审核通过',
      return: '退回修改',
      publish: '发布',
      deprecate: '弃用',
    },
  },
  releases: {
    title: '发布',
    intro: '已审核通过、等待发布的版本，以及所有发行版及其签名状态。',
    pending: {
      title: '等待发布',
      empty: '没有已审核通过、等待发布的版本',
    },
    list: {
      title: '发行版',
      empty: '还没有发行版',
    },
    column: {
      id: '发行版',
      jurisdiction: '辖区',
      status: '状态',
      current: '当前',
      signature: '签名',
      publishedAt: '发布时间',
    },
    current: '当前发行版',
    signed: '签名者 {signer}，{at}（{algorithm}）',
    problems: '表单无法编译，未作为当前发行版',
    status: {
      published: '已发布',
      deprecated: '已弃用',
    },
  },
};

export type DesignerMessages = typeof zhCN;
export default zhCN;
