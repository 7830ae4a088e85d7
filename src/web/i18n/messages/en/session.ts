import type { Messages } from '../message';

export const session = {
  // Header (session-summary.tsx, sign-out-button.tsx).
  loadingSession: 'Loading session…',
  sessionUnavailable: 'Session unavailable',
  roleOperator: 'Operator',
  roleViewer: 'Viewer',
  noRole: 'No role',
  noRoleHelp: 'Signed in without a console role: you can see nothing. Ask the administrators for one.',
  devAuth: 'dev auth',
  devAuthHelp: 'dev auth — everyone is an operator. The console does not authenticate users: local demo only.',
  viaProxy: 'via proxy',
  proxyHelp: 'Signed in by the authenticating proxy in front of the console.',
  singleSignOn: 'single sign-on',
  oidcHelp: 'Signed in with single sign-on (OpenID Connect).',
  oidcHelpUntil: 'Signed in with single sign-on (OpenID Connect). Your sign-in lasts until {time}.',
  otherModeHelp: 'Sign-in mode: {mode}.',
  signOut: 'Sign out',
  signOutConfirm: 'Sign out of the console?',
  signOutYes: 'Yes, sign out',
  signOutFailed: 'Could not sign out',
  // Sign-in pages (session-gate.tsx).
  requestIdLabel: 'Request id:',
  notSignedInTitle: 'Not signed in',
  notSignedInHeading: 'You are not signed in',
  signInToUse: 'Sign in to use the console.',
  signIn: 'Sign in',
  signingOutTitle: 'Signing out',
  signingOut: 'Signing you out…',
  signingInTitle: 'Signing in',
  signingIn: 'Signing you in…',
  nothingHappening: 'Nothing happening?',
  continueToSignIn: 'Continue to sign-in',
  cameBackSignedOut:
    'You were sent to sign in a moment ago and came back still signed out. The sign-in may not have finished, or your browser may be refusing the console’s cookies.',
  signInFailed: 'Sign-in failed',
  tryAgain: 'Try again',
  proxyNoIdentity:
    'This console takes your identity from the authenticating proxy in front of it, and your request reached the console without one.',
  proxyAdvice:
    'Open the console at its usual address, through the proxy. If you did, ask the console’s administrators to check that the proxy signs you in and passes your identity on.',
  consoleSaid: 'The console said: {message}',
} satisfies Messages;
