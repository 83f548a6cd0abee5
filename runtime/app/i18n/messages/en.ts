import type { AppMessages } from './zh-CN.js';

/** The app's English text: the same keys as zh-CN.ts (the type and i18n.test.ts check it). */
const en: AppMessages = {
  app: {
    name: 'Formwork public-health services',
    short: 'Formwork',
    skipToContent: 'Skip to main content',
    loading: 'Loading…',
  },
  language: {
    label: 'Language',
    'zh-CN': '中文',
    en: 'English',
  },
  nav: {
    label: 'Main navigation',
    worklist: 'Worklist',
    residents: 'Residents',
    tasks: 'Tasks',
    drafts: 'Drafts',
  },
  header: {
    institution: 'Institution',
    user: 'Signed in as',
    signOut: 'Sign out',
  },
  signIn: {
    title: 'Sign in',
    subtitle: 'Basic public-health services platform',
    username: 'Username',
    password: 'Password',
    totp: 'Authenticator code',
    totpHint:
      'Your role needs a second factor: enter the 6-digit code your authenticator app shows.',
    submit: 'Sign in',
    verify: 'Verify and sign in',
    back: 'Back',
    usernameRequired: 'Enter your username',
    passwordRequired: 'Enter your password',
    totpFormat: 'Enter the 6 digits',
    expired:
      'Your session expired or was ended elsewhere: sign in again. Unfinished work was kept where possible.',
    signedOut: 'You have signed out.',
    errors: {
      network_unreachable: 'The server cannot be reached: check the network and try again.',
    },
  },
  common: {
    loading: 'Loading…',
    retry: 'Retry',
    refresh: 'Refresh',
    empty: 'Nothing here',
    search: 'Search',
    open: 'Open',
    none: 'None',
    loadFailed: 'Could not load: {reason}',
  },
  worklist: {
    title: 'Worklist',
    intro: "Today's tasks and the drafts you have not finished.",
    dueSoon:
      'The due-soon, overdue and done-this-period lists from the follow-up schedules appear here once the schedules API is served.',
    tasksTitle: 'Open tasks',
    tasksCount: '{n} open tasks',
    draftsTitle: 'Unfinished drafts',
    draftsCount: '{n} drafts',
    allTasks: 'All tasks',
    allDrafts: 'All drafts',
  },
  residents: {
    title: 'Residents',
    searchBy: 'Search by',
    by: {
      name: 'Name',
      idNumber: 'ID number',
      healthRecordNumber: 'Health record number',
      initials: 'Pinyin initials',
    },
    placeholder: {
      name: 'Name (the family name is enough)',
      idNumber: 'The full ID number',
      healthRecordNumber: 'The 17-digit record number',
      initials: 'e.g. wxm',
    },
    hint: 'Enter what you know and press Search. Only residents in your area are shown.',
    noResults: 'No resident matches.',
    results: '{n} residents found',
    column: {
      name: 'Name',
      sex: 'Sex',
      birthDate: 'Date of birth',
      idNumber: 'ID number',
      healthRecordNumber: 'Health record number',
      orgCode: 'Managed by',
    },
  },
  sex: {
    male: 'Male',
    female: 'Female',
    unknown: 'Unknown',
  },
  resident: {
    back: 'Back to the resident search',
    basics: 'Basic information',
    masked: 'Personal data is shown masked',
    enrollments: 'Programmes',
    noEnrollments: 'Not enrolled in any programme',
    program: {
      hypertension: 'Hypertension management',
      diabetes: 'Type 2 diabetes management',
      pregnancy: 'Maternal care',
    },
    enrolledOn: 'Enrolled on',
    endedOn: 'Ended on',
    active: 'Active',
    visits: 'Visits',
    noVisits: 'No visits recorded',
    form: 'Form',
    capturedAt: 'Captured',
  },
  tasks: {
    title: 'Tasks',
    intro:
      'Referral and consultation tasks for your roles and institution, the earliest due first.',
    empty: 'No open tasks.',
    column: {
      name: 'Task',
      status: 'Status',
      dueAt: 'Due',
      createdAt: 'Created',
    },
    status: {
      open: 'Open',
      claimed: 'Claimed',
      completed: 'Completed',
      cancelled: 'Cancelled',
    },
    overdue: 'Overdue',
    noDue: 'No due date',
  },
  drafts: {
    title: 'Drafts',
    intro: 'Forms you saved but have not submitted, the most recently saved first.',
    empty: 'No unsubmitted drafts.',
    column: {
      form: 'Form',
      version: 'Version',
      updatedAt: 'Last saved',
      check: 'Ready to submit?',
    },
    ready: 'Ready',
    problems: '{n} to fix',
  },
  noAccess: {
    title: 'Nothing in this app for your role',
    body: 'Your role does not work with resident records or tasks. Configure, review and publish specs in the designer.',
  },
  notFound: {
    title: 'Page not found',
    body: 'The address you opened does not exist in this app.',
    home: 'Back to the worklist',
  },
};

export default en;
