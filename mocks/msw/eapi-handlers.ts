import { http, HttpResponse, type HttpHandler } from 'msw'
import type { MockSwitch } from '../mock-switch.js'

/**
 * msw request handlers that answer eAPI for a MockSwitch at `baseUrl` (e.g. `https://sw1.test`), for unit tests that
 * need no sockets. They run the same CLI interpreter and state as the mock's real servers.
 *
 * @example
 * ```ts
 * const server = setupServer(...eapiHandlers(dev, 'http://sw1.test'))
 * server.listen({ onUnhandledRequest: 'error' })
 * ```
 */
export function eapiHandlers(device: MockSwitch, baseUrl: string): HttpHandler[] {
  const base = baseUrl.replace(/\/$/, '')
  const answer = async ({ request }: { request: Request }) => {
    const response = device.eapiHandler.handle({
      method: request.method,
      path: new URL(request.url).pathname,
      authorization: request.headers.get('authorization') ?? undefined,
      cookie: request.headers.get('cookie') ?? undefined,
      body: await request.text(),
    })
    return new HttpResponse(response.body, { status: response.status, headers: response.headers })
  }
  return [http.post(`${base}/command-api`, answer), http.post(`${base}/login`, answer), http.post(`${base}/logout`, answer)]
}
