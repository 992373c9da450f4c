/**
 * msw request handlers over a MockSwitch's CLI interpreter, for socket-free unit tests. This is the only part of
 * switchyard that needs `msw` (an optional peer dependency: install `msw@^2` next to switchyard to use it).
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node'
 * import { MockSwitch } from 'switchyard/mocks'
 * import { eapiHandlers } from 'switchyard/mocks/msw'
 *
 * const server = setupServer(...eapiHandlers(new MockSwitch(), 'http://sw1.test'))
 * ```
 * @packageDocumentation
 */
export { eapiHandlers } from './eapi-handlers.js'
