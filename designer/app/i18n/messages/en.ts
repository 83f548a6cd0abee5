import shared from '../../../../runtime/app/i18n/messages/shared/en.js';
import modeler from './modeler.en.js';
import formDesigner from './formDesigner.en.js';
import overlayEditor from './overlayEditor.en.js';
import codeTables from './codeTables.en.js';
import type { DesignerMessages } from './zh-CN.js';

/** The designer's English text: the same keys as zh-CN.ts (the type and i18n.test.ts check it). */
const en: DesignerMessages = {
  app: {
    name: 'Formwork designer',
    skipToContent: 'Skip to main content',
  },
  language: shared.language,
  modeler,
  formDesigner,
  overlayEditor,
  codeTables,
  signIn: {
    ...shared.signIn,
    subtitle: 'Design, review and publish forms, workflows and provincial configuration',
  },
  nav: {
    label: 'Main navigation',
    forms: 'Forms',
    codeTables: 'Code tables',
    workflows: 'Workflows',
    overlays: 'Provincial overlays',
    versions: 'Versions',
    review: 'Review',
    releases: 'Releases',
  },
  header: {
    user: 'Signed in as',
    twoFactor: 'Signed in with an authenticator code',
    signOut: 'Sign out',
  },
  common: {
    loading: 'Loading…',
    retry: 'Retry',
    refresh: 'Refresh',
    open: 'Open',
    cancel: 'Cancel',
    none: 'None',
    all: 'All',
    loadFailed: 'Could not load: {reason}',
  },
  noAccess: {
    title: 'Nothing in the designer for your roles',
    body: 'Your roles hold none of form design, workflow editing, review or publishing. Ask an administrator for a grant.',
  },
  notFound: {
    title: 'No such page',
    back: 'Back to the start',
  },
  status: {
    draft: 'Draft',
    returned: 'Returned',
    'in-review': 'In review',
    approved: 'Approved',
    published: 'Published',
    deprecated: 'Deprecated',
  },
  kind: {
    spec: 'National spec',
    overlay: 'Provincial overlay',
  },
  versions: {
    title: 'Versions',
    intro:
      'Every spec version and provincial overlay version with its state. Open one for its diff against the previous version and its history.',
    kindFilter: 'Kind',
    statusFilter: 'State',
    column: {
      kind: 'Kind',
      key: 'Key',
      version: 'Version',
      base: 'Base',
      jurisdiction: 'Jurisdiction',
      status: 'State',
      updatedAt: 'Updated',
      comment: 'Review comment',
    },
    empty: 'No version matches',
  },
  review: {
    title: 'Review',
    intro:
      'Versions submitted for review. Open one, read its semantic diff against the previous version, then approve it or return it with a comment.',
    empty: 'Nothing waits for review',
    submittedAt: 'Submitted',
  },
  version: {
    back: 'Back',
    base: 'Base',
    jurisdiction: 'Jurisdiction',
    contentHash: 'Content hash',
    updatedAt: 'Last edited',
    returnedTitle: 'Returned by the reviewer',
    lastReturnTitle: 'The reviewer’s comment when it was last returned',
    approvedComment: 'Review comment',
    actions: {
      label: 'Actions',
      submit: 'Submit for review',
      approve: 'Approve',
      return: 'Return for changes',
      publish: 'Publish…',
      createRelease: 'Make the release…',
    },
    done: {
      submit: 'Submitted for review',
      approve: 'Approved',
      return: 'Returned to its author',
      publish: 'Published; release {id} is made and current',
      release: 'Release {id} is made and current',
    },
    returnDialog: {
      title: 'Return for changes',
      comment: 'Comment (the author sees it)',
      commentRequired: 'Write why it goes back',
      confirm: 'Return',
    },
    approveDialog: {
      title: 'Approve',
      comment: 'Comment (optional)',
      confirm: 'Approve',
    },
    release: {
      title: 'Release',
      none: 'No release made yet',
    },
  },
  publish: {
    title: 'Publish {id}',
    body: 'Once published the version cannot change, and a signed release is made for jurisdiction {jurisdiction}: new records are captured on it.',
    releaseOnly:
      'Makes a signed release of the published version, current for jurisdiction {jurisdiction}.',
    confirmIdentity:
      'Confirm it is you: your password and the code your authenticator app shows now.',
    password: 'Password',
    totp: 'Authenticator code',
    passwordRequired: 'Enter your password',
    totpFormat: 'Enter the 6 digits',
    confirm: 'Publish',
    confirmRelease: 'Make the release',
    publishedButNoRelease: 'The version is published, but its release could not be made:',
  },
  diff: {
    title: 'Semantic diff',
    against: {
      previous: 'Against the previous version',
      base: 'Against the national base',
    },
    comparing: '{from} → {to}',
    first: 'This is the first version: there is no previous one to compare with.',
    none: 'No changes.',
    compatible: 'Compatible: data stored under the old version stays valid',
    breaking: 'Has incompatible changes',
    forms: 'Forms',
    formAdded: 'Form added',
    formRemoved: 'Form removed',
    codeTables: 'Code tables',
    parameters: 'Parameters',
    workflows: 'Workflows',
    added: 'Added',
    removed: 'Removed',
    changed: 'Changed',
    relabelled: 'Relabelled',
    deprecated: 'Deprecated',
    restored: 'Restored',
    column: {
      path: 'Field',
      change: 'Change',
      compatible: 'Compatible',
      impact: 'Impact',
    },
    yes: 'Yes',
    no: 'No',
    usages: 'Used by: {list}',
    usage: {
      rules: 'rules',
      schedules: 'schedules',
      indicators: 'indicators',
      workflows: 'workflows',
      triggers: 'triggers',
    },
    submissions: 'Touches {count} stored records',
  },
  history: {
    title: 'History',
    column: {
      at: 'When',
      action: 'Step',
      state: 'State',
      actor: 'By',
      reason: 'Comment or reason',
    },
    action: {
      create: 'Draft created',
      rebase: 'Rebased into a new draft',
      submit: 'Submitted for review',
      approve: 'Approved',
      return: 'Returned for changes',
      publish: 'Published',
      deprecate: 'Deprecated',
    },
  },
  releases: {
    title: 'Releases',
    intro: 'Approved versions waiting to be published, and every release with its signature.',
    pending: {
      title: 'Waiting to be published',
      empty: 'No approved version waits to be published',
    },
    list: {
      title: 'Releases',
      empty: 'No release yet',
    },
    column: {
      id: 'Release',
      jurisdiction: 'Jurisdiction',
      status: 'State',
      current: 'Current',
      signature: 'Signature',
      publishedAt: 'Published',
    },
    current: 'Current release',
    signed: 'Signed: {algorithm}, by {signer}, {at}',
    unsigned: 'Not signed (the engine has no signing plugin loaded)',
    problems: 'Its forms do not compile: not made current',
    status: {
      published: 'Published',
      deprecated: 'Deprecated',
    },
  },
};

export default en;
