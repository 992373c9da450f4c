/**
 * The SSH driver: the EOS dialect over an interactive CLI session (ssh2), reads with `| json`.
 * @packageDocumentation
 */
export { openSshDriver } from './ssh-driver.js'
export { SshChannel, DEFAULT_COMMAND_TIMEOUT_MS } from './ssh-channel.js'
export { SshShell, stripEcho } from './ssh-shell.js'
export { PromptMatcher } from './prompt-matcher.js'
export { createHostKeyCheck, fingerprintOf, knownHostKeys } from './host-key-check.js'
