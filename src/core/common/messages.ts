/**
 * The sentences the core builds for users, named by id. The core never imports `vscode`, so it
 * cannot translate: it says which message it means and with which arguments (a `Message`).
 * `english()` renders one as the English text the core has always produced (and unit tests assert);
 * the extension renders it in VS Code's display language with `localize()` from
 * src/platform/l10n.ts. This table is the one place a core sentence's English text is written:
 * `npm run l10n` adds each to l10n/bundle.l10n.json, and a unit test checks that the bundle has them.
 *
 * Placeholders are `{0}`, `{1}`…, as in `vscode.l10n.t`. An argument can itself be a message (a
 * clause such as "try again later"), rendered in the same language.
 */
export const MESSAGES = {
  // ---- API errors (core/api/errors.ts) ----
  'time.seconds': '{0} s',
  'time.minutes': '{0} min',
  'time.hours': '{0} h',
  'time.hoursMinutes': '{0} h {1} min',
  'api.tryAgainIn': 'try again in {0}',
  'api.tryAgainLater': 'try again later',
  'api.maybeCreated': 'the key may still have been created, so check the key list before creating another',
  'api.thisOperation': 'this operation',
  'api.listingKeys': 'listing API keys',
  'api.listingOrganizations': 'listing organizations',
  'api.revokingKeys': 'revoking API keys',
  'api.auth': 'Vued rejected the access token ({0}). Set a new token and try again.',
  'api.forbidden':
    'The access token has no permission for this organization ({0}). Pick another organization or use a token that has access to it.',
  'api.notFound': 'Vued could not find this organization or endpoint ({0}). Check the organization ID and vued.apiBaseUrl.',
  'api.conflictSaid': 'Vued reported a conflict ({0}): {1}.',
  'api.conflict': 'Vued reported a conflict ({0}); a key with this name may already exist. Choose another name and try again.',
  'api.rateLimited': 'Vued is limiting requests ({0}); {1}.',
  'api.server': 'Vued had a server error ({0}); {1}.',
  'api.serverSaid': 'Vued had a server error ({0}): {1}; {2}.',
  'api.unsupported404': 'This Vued server does not offer {0}, or the item no longer exists (404).',
  'api.unsupported404Said': 'This Vued server does not offer {0}, or the item no longer exists (404): {1}.',
  'api.unsupported': 'This Vued server does not offer {0} ({1}).',
  'api.badRequestSaid': 'Vued refused the request ({0}): {1}.',
  'api.badRequest': 'Vued refused the request ({0}). Check the key name, scopes and expiry and try again.',
  'api.unexpectedStatus': 'Vued answered with an unexpected status ({0}).',
  'api.unexpectedStatusSaid': 'Vued answered with an unexpected status ({0}): {1}.',
  'api.notHttpMaybeCreated': '{0} sent an answer that is not valid HTTP ({1}); {2}.',
  'api.notHttp': '{0} sent an answer that is not valid HTTP ({1}). Check that vued.apiBaseUrl points at the Vued API.',
  'api.unreadable': 'The answer from {0} could not be read; {1}.',
  'api.unreadableCode': 'The answer from {0} could not be read ({1}); {2}.',
  'api.tlsCertificate': "The TLS certificate of {0} could not be verified ({1}). Check vued.apiBaseUrl, or your proxy's certificate setup.",
  'api.tls': 'The secure (TLS) connection to {0} failed. Check that vued.apiBaseUrl uses the right scheme and port.',
  'api.tlsCode': 'The secure (TLS) connection to {0} failed ({1}). Check that vued.apiBaseUrl uses the right scheme and port.',
  'api.dnsNotFound': 'The server name {0} was not found (DNS). Check vued.apiBaseUrl and your internet connection.',
  'api.dnsAgain': 'The server name {0} could not be looked up right now (DNS). Check your internet connection and try again.',
  'api.refused': '{0} refused the connection. Check vued.apiBaseUrl and that the server is running.',
  'api.cutMaybeCreated': 'The connection to {0} was cut before Vued answered; {1}.',
  'api.cut': 'The connection to {0} was cut before Vued answered. Check your network or proxy and try again.',
  'api.unreachable': '{0} could not be reached ({1}). Check your network, proxy or VPN and try again.',
  'api.network': 'Could not reach Vued at {0}. Check your network and vued.apiBaseUrl.',
  'api.networkCode': 'Could not reach Vued at {0} ({1}). Check your network and vued.apiBaseUrl.',
  'api.timeoutMaybeCreated': 'Vued did not answer within {0} s; {1}.',
  'api.timeout': 'Vued did not answer within {0} s. Check your connection, or raise vued.requestTimeoutSeconds.',
  'api.cancelled': 'The request to Vued was cancelled.',
  'api.emptyAnswer': 'an empty answer ({0})',
  'api.notJsonAnswer': 'an answer that is not valid JSON ({0})',
  'api.notJsonAnswerType': 'an answer that is not valid JSON ({0}, {1})',
  'api.sentMaybeCreated': 'Vued sent {0}; {1}.',
  'api.sent': 'Vued sent {0}. Check that vued.apiBaseUrl points at the Vued API.',
  'api.shape': "Vued's answer does not match the API: {0} should be {1} but is {2}.",
  'api.shapeHint': "Vued's answer does not match the API: {0} should be {1} but is {2}; {3}.",
  // ---- the API client (core/api/client.ts) ----
  'client.organizationId': 'organization ID',
  'client.keyId': 'key ID',
  'client.emptySegment': 'The {0} is empty. Choose one and try again.',
  'client.answerUnreadableMaybeCreated': "Vued's answer could not be read; {0}.",
  'client.answerUnreadable': "Vued's answer could not be read.",
  'client.answerUnreadableCheck': "Vued's answer could not be read. Check that vued.apiBaseUrl points at the Vued API.",
  'client.tokenUnreadable': 'The access token could not be read. Set the token again and retry.',
  'client.noToken': 'No Vued access token is set. Set a token and try again.',
  'client.badToken': '{0} Set the token again, pasting only the token.',
  'client.compressedMaybeCreated': 'Vued sent a compressed answer ({0}), which was not asked for; {1}.',
  'client.compressed': 'Vued sent a compressed answer ({0}), which was not asked for.',
  'client.tooLargeMaybeCreated': "Vued's answer was too large to read (over 1 MiB); {0}.",
  'client.tooLarge': "Vued's answer was too large to read (over 1 MiB). Check that vued.apiBaseUrl points at the Vued API.",
  'client.anotherAddress': 'another address',
  'client.unreadableAddress': 'an unreadable address',
  'client.redirectMaybeCreated':
    'Vued redirected the request to {0}; it was not followed and the token was not sent there. Check vued.apiBaseUrl; {1}.',
  'client.redirect': 'Vued redirected the request to {0}; it was not followed and the token was not sent there. Check vued.apiBaseUrl.',
  'client.unexpected2xx': 'Vued answered {0}, which this operation does not expect. Refresh and check the result.',
  // ---- the API address (core/baseUrl.ts); {0} is the setting ----
  'baseUrl.empty': '{0} is empty. Set it to the Vued API address, for example {1}.',
  'baseUrl.spaces': '{0} must not contain spaces or line breaks.',
  'baseUrl.notFull': '{0} is not a full URL; use an address such as {1}.',
  'baseUrl.scheme': '{0} must use https:// (got {1}:).',
  'baseUrl.invalid': '{0} is not a valid URL; use an address such as {1}.',
  'baseUrl.noHost': '{0} has no host name; use an address such as {1}.',
  'baseUrl.userInfo': '{0} must not contain a user name or password; set the access token with the Set Access Token command instead.',
  'baseUrl.query': '{0} must not contain a query string (?…): {1}',
  'baseUrl.fragment': '{0} must not contain a fragment (#…): {1}',
  'baseUrl.http': '{0} must use https:// (http:// is allowed only for 127.0.0.1, localhost or ::1): {1}',
  'pageUrl.invalid': '{0} is not a web address such as {1}.',
  // ---- what the user types (core/validation.ts, core/expiry.ts, core/sessions.ts) ----
  'validation.orgIdEmpty': 'Enter the organization ID (a UUID such as 123e4567-e89b-12d3-a456-426614174000).',
  'validation.orgIdNotUuid': 'An organization ID is a UUID, such as 123e4567-e89b-12d3-a456-426614174000.',
  'validation.nameEmpty': 'Enter a name for the key.',
  'validation.nameControl': 'The name cannot contain control characters such as tabs or line breaks.',
  'validation.nameTooLong': 'The name can be at most {0} characters (it has {1}).',
  'validation.scopesControl': 'Scopes cannot contain control characters.',
  'validation.tooManyScopes': 'At most {0} scopes (there are {1}).',
  'validation.notAScope': '"{0}" is not a scope: use letters, digits and . _ : / * - (spaces and commas separate scopes).',
  'validation.scopeTooLong': 'A scope can be at most {0} characters.',
  'validation.tokenEmpty': 'Paste your Vued access token.',
  'validation.tokenTooLong': 'That is longer than any Vued access token.',
  'validation.tokenSpaces': 'The access token contains spaces, line breaks or control characters.',
  'validation.tokenNotAscii':
    'The access token contains a character outside visible ASCII ({0}); a token holds only letters, digits and ASCII symbols.',
  'validation.envNameEmpty': 'Enter a variable name.',
  'validation.envNameNeverLoaded': '"{0}" is never loaded from a .env file (dotenv ignores it); choose another name.',
  'validation.envNameUnreadable': '"{0}" cannot be read from a .env file: use letters, digits, _ . and - only.',
  'validation.envNameNotPortable': 'Use letters, digits and _, not starting with a digit (for example VUED_API_KEY).',
  'validation.labelControl': 'The label cannot contain control characters.',
  'validation.labelTooLong': 'Use at most {0} characters.',
  'expiry.dateFormat': 'Enter a date as YYYY-MM-DD, for example 2027-01-31.',
  'expiry.notARealDate': '{0} is not a real date.',
  'expiry.notInFuture': 'The expiration date must be in the future.',
  'expiry.yearTooLarge': 'Enter a year of at most 9999.',
  // ---- keys whose secret was never saved (core/journal.ts) ----
  'journal.orphanCreated': 'A key "{0}" was created on {1} but its secret was never saved.',
  'journal.orphanRotation': 'A key "{0}" was created on {1} but its secret was never saved (it was to replace the old key in a rotation).',
  'journal.stillHoldsOne': '{0} still holds the old key.',
  'journal.stillHoldMany': '{0} still hold the old key.',
  'journal.interruptedNone': 'Creating the key "{0}" was interrupted; no key of that name was created then, so nothing was left behind.',
  'journal.interruptedAmbiguous':
    'Creating the key "{0}" was interrupted, and {1} keys of that name were created around then, so it cannot be told which one it was. Review them in the Vued view.',
  'journal.staleCreate':
    'Creating the key "{0}" was started on {1} by {2} and has not finished for over a week. If that window is gone, the key may exist with its secret never saved.',
  'journal.staleRotation':
    'Rotating the key "{0}" was started on {1} by {2} and has not finished for over a week. If that window is gone, a new key may exist with its secret never saved.',
  'journal.placeKnown': 'a window on {0}',
  'journal.placeUnknown': 'a window that did not record where it ran',
  // ---- .env edits that would change another line (core/dotenv/edit.ts) ----
  'envEdit.unsafeWrite':
    '{0} cannot be written safely here: the file has a line (probably an unclosed quote or a definition continued on the next line) that would change meaning. Fix the file and try again.',
  'envEdit.unsafeRemove': '{0} cannot be removed safely: the lines around it would change meaning. Edit the file by hand.',
  // ---- files that are not written (platform/fileWrite.ts, platform/textFiles.ts) ----
  'files.symlinkInsert': '{0} is a symbolic link, so it was not changed. Insert into the file it points to instead.',
  'files.symlink': '{0} is a symbolic link, so it was not changed.',
  'files.notRegular': '{0} is not a regular file, so it was not changed.',
  'files.readOnly': '{0} is read-only, so it was not changed.',
  'files.notUtf8': '{0} is not UTF-8 text, so it was not changed.',
  'files.outsideFolder': '{0} resolves outside the workspace folder "{1}", so it was not changed.',
  'files.notUtf8NotAscii': '{0} is not UTF-8 text, and what would be written into it is not plain ASCII, so it was not changed.',
  'files.notUtf8Unsaved': '{0} is not UTF-8 text and has unsaved changes in its editor, so it was not changed. Save or revert them, then try again.',
  'files.hardLink': '{0} has another hard link (a second name for the same file, which may be anywhere), so it was not changed: writing it would change that file too.',
  'files.folderNotWritable': '{0} cannot be created: its folder cannot be written to.',
  'files.lockNotFile': '{0} could not be locked for writing: {1} is not a file. Remove it, then try again.',
  // ---- .env Problems and hovers (core/editor/) ----
  'editor.revokedOn': 'revoked on {0}',
  'editor.expiredOn': 'expired on {0}',
  'editor.expiresWithinADay': 'expires within a day ({0})',
  'editor.expiresInDays': 'expires in {0} days ({1})',
  'editor.unknown': 'unknown',
  'editor.holdsRevoked': '{0} holds the revoked key {1} ({2})',
  'editor.holdsExpired': '{0} holds the expired key {1} ({2})',
  'editor.holdsExpiring': '{0} holds the key {1}, which {2}',
  'editor.holdsActive': '{0} holds the key {1} (active)',
  'editor.holdsUnknown': '{0} holds a Vued secret that is not a key of your organizations, or created elsewhere',
  'editor.committedTracked': '{0} holds a Vued secret that would be committed: git tracks this file',
  'editor.committedNotIgnored': '{0} holds a Vued secret that would be committed: git does not ignore this file',
  'editor.hardCoded': 'a Vued secret is hard-coded here; it would be committed',
  'editor.commentOnLine': 'A comment on line {0}',
  'editor.onLine': 'Line {0}',
  'editor.replaceUnsafe': 'The new key cannot be written over the old one on line {0} without changing how the file reads, so the file was not changed.',
  'hover.unknownTitle': '**Vued secret** in `{0}`',
  'hover.unknownBody': 'Not a key of your organizations, or created elsewhere.',
  'hover.title': '**{0}** · Vued API key in `{1}`',
  'hover.titleOnLine': '**{0}** · Vued API key on line {1}',
  'hover.unknownTitleOnLine': '**Vued secret** on line {0}',
  'hover.organization': 'Organization',
  'hover.revealInSidebar': 'Reveal in Sidebar',
  'hover.rotate': 'Rotate',
  'hover.copyKeyId': 'Copy Key ID',
  // ---- usage rows (core/usage.ts) ----
  'usage.comment': '{0} line {1} (comment)',
  'usage.lineOf': '{0} line {1}',
  // ---- rotation summaries (core/rotate.ts, core/rotationOutcome.ts) ----
  'rotation.blocked': 'Not every file holds the new key {0}, so keep the old key {1} until they do: {2}.',
  'rotation.replaced': 'Replaced the old key {0} with the new key {1} in {2}.',
  'rotation.noFile': 'No file needed the new key {0}.',
  'rotation.leftUnchanged': '{0} Left unchanged: {1}.',
  'rotation.writeFailed': 'the write failed',
  'rotation.notWritten': 'it was not written',
  'rotation.fileNew': '{0} holds the new key',
  'rotation.fileOld': '{0} still holds the old key{1}',
  'rotation.alsoInComments': '{0} Also in comments: {1}.',
  'rotation.noLongerHolds': 'it no longer holds the old key',
  'rotation.alreadyNew': 'it already holds the new key',
  'rotation.fileChanged': 'the file changed while the rotation was being prepared; rotate again',
  'rotation.severalValues': "it holds {0} different secrets that start with the old key's prefix, so which one is the key is unclear; replace it by hand",
  'rotation.unsafe': '{0} would not read as before with only the old key replaced, so the file was left as it was',
  'rotation.unsafeFile': 'the file would not define the same variables once the old key was replaced, so it was left as it was',
  'rotation.foundAgain': 'the old key was found in it when the files were read again',
  'rotation.unreadable': 'it could not be read to check it ({0})',
  'rotation.notAllRead': 'the .env files past the first {0} were not read, so they may still hold the old key',
  // ---- vued.hosts problems (core/hosts.ts); {0} names the entry ----
  'hosts.labelEmpty': 'needs a label',
  'hosts.labelControl': 'has a label with control characters',
  'hosts.labelTooLong': 'has a label longer than {0} characters',
  'hosts.notAList': '{0} must be a list of { "label": "…", "apiBaseUrl": "https://…" } entries.',
  'hosts.notAnObject': '{0} is not an object with "label" and "apiBaseUrl"; it is ignored.',
  'hosts.badLabel': '{0} {1}; it is ignored.',
  'hosts.noUrl': '{0} needs an "apiBaseUrl" such as https://api.example.com/v1; it is ignored.',
  'hosts.badUrl': '{0} The entry is ignored.',
  'hosts.sameHost': '{0} uses the same host as {1} ({2}); a host has one token, so the entry is ignored.',
  'hosts.sameLabel': '{0} has the same label as an earlier entry; it is ignored.',
  // ---- sign-in (core/sessionBook.ts, core/sessions.ts) ----
  'session.signInCancelled': 'Signing in to Vued was cancelled.',
  'session.environmentWins':
    "The token for {0} is stored, but VUED_TOKEN is set in the extension host's environment and is used instead until it is unset.",
  'session.notStored': 'No Vued token is stored for {0} after signing in.',
  'session.tokenFingerprint': 'token {0}',
  // ---- checking a token where it is entered (core/auth/tokenCheck.ts) ----
  'token.rejected': '{0} rejected this token ({1}). Check that you pasted all of it, or get a new one.',
  'token.forbidden': '{0} refused this token the read of your organizations ({1}). Use a token that may read them.',
  'token.noRead': '{0} offers no read that could check it: it lists neither organizations nor the keys of the organization {1}.',
  'token.noReadNoOrg':
    '{0} offers no read that could check it: it does not list organizations, and no organization is known whose keys it could list (set vued.defaultOrganizationId).',
  'token.checkFailed': 'The check failed: {0}',
  'session.environmentSignOut':
    'This Vued session comes from the VUED_TOKEN environment variable of the extension host, which VS Code cannot change: unset VUED_TOKEN where it is defined (the shell, the dev container or Codespaces settings) and reload the window to sign out.',
  // ---- masked secrets in editors (core/editor/masking.ts) ----
  'mask.unknownSecret': 'Vued secret',
  // ---- key rows (core/keys.ts, core/keyList.ts) ----
  'keys.active': 'active',
  'keys.expiresInDays': 'expires in {0} days',
  'keys.expiresWithinADay': 'expires within a day',
  'keys.expired': 'expired',
  'keys.revoked': 'revoked',
  'keys.inFile': 'in {0}',
  'keys.inFiles': 'in {0} files',
  'keys.stillInFile': 'still in {0}',
  'keys.stillInFiles': 'still in {0} files',
  'keys.created': 'created {0}',
  'keys.inactiveGroup': 'Revoked and expired ({0})',
  'keys.never': 'never',
  'keys.none': 'none',
  'keys.rowStatus': 'Status',
  'keys.rowCreated': 'Created',
  'keys.rowLastUsed': 'Last used',
  'keys.rowExpires': 'Expires',
  'keys.rowRevoked': 'Revoked',
  'keys.rowId': 'ID',
  'keys.rowPrefix': 'Prefix',
  'keys.rowScopes': 'Scopes',
  // ---- a key list that could not be read again (core/keys/listFailure.ts) ----
  'keys.readJustNow': 'read just now',
  'keys.readMinutesAgo': 'read {0} min ago',
  'keys.readHoursAgo': 'read {0} h ago',
  'keys.readOn': 'read on {0}',
} as const;

export type MessageId = keyof typeof MESSAGES;
export type MessageArg = string | number | Message;

/** A sentence of the core: which message, with which arguments. Rendered by `english` or `localize`. */
export interface Message {
  readonly id: MessageId;
  readonly args: readonly MessageArg[];
}

/** Turns a message into the text shown: `english` here, `localize` (src/platform/l10n.ts) in VS Code. */
export type Render = (message: Message) => string;

export function msg(id: MessageId, ...args: MessageArg[]): Message {
  return { id, args };
}

/** Fills `{0}`, `{1}`… as `vscode.l10n.t` does; a placeholder with no argument stays as it is. */
export function formatMessage(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => args[Number(index)] ?? whole);
}

/** The message's arguments as text, nested messages rendered with `render`. */
export function renderArgs(message: Message, render: Render): string[] {
  return message.args.map((a) => (typeof a === 'object' ? render(a) : String(a)));
}

/** The English text of a message: what the core has always said. */
export const english: Render = (message) => formatMessage(MESSAGES[message.id], renderArgs(message, english));
