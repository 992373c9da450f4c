import { z } from 'zod'

/** One eAPI command: a CLI line, or an object with interactive `input` (the enable secret) and a model `revision`. */
export const EapiCommandSchema = z.union([
  z.string(),
  z.object({ cmd: z.string(), input: z.string().optional(), revision: z.number().int().positive().optional() }).strict(),
])

/** A command as the interpreter receives it. */
export type EapiCommand = z.infer<typeof EapiCommandSchema>

/** The `params` of `runCmds` that EOS knows; any other key is an "unexpected keyword argument". */
const KNOWN_PARAMS = ['version', 'cmds', 'format', 'autoComplete', 'expandAliases', 'timestamps', 'stopOnError', 'includeErrorDetail'] as const

const ParamsSchema = z.object({
  version: z.union([z.literal('latest'), z.number().int().positive()]).optional(),
  cmds: z.array(EapiCommandSchema),
  format: z.enum(['json', 'text']).nullish(),
  autoComplete: z.boolean().optional(),
  expandAliases: z.boolean().optional(),
  timestamps: z.boolean().optional(),
  stopOnError: z.boolean().optional(),
  includeErrorDetail: z.boolean().optional(),
})

/** The JSON-RPC request id: echoed back unchanged. */
export type RpcId = string | number | null

/** A validated `runCmds` request. */
export interface RunCmdsRequest {
  id: RpcId
  cmds: EapiCommand[]
  format: 'json' | 'text'
}

/** A JSON-RPC 2.0 error object, with the standard codes. */
export interface RpcError {
  id: RpcId
  code: -32700 | -32600 | -32601 | -32602 | -32603
  message: string
}

const IdSchema = z.union([z.string(), z.number().finite(), z.null()])

/**
 * Parses and validates a JSON-RPC `runCmds` request body as EOS does, answering the JSON-RPC error codes: -32700 for
 * a body that is not JSON, -32600 for anything that is not a JSON-RPC 2.0 request object (with EOS's message for a
 * missing `jsonrpc`), -32601 for another method, -32602 for bad `params` (EOS's "unexpected keyword argument" for
 * an unknown one). The id is echoed only when it is a valid one.
 */
export function parseRunCmdsRequest(body: string): RunCmdsRequest | RpcError {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    return { id: null, code: -32700, message: 'Parse error: the request body is not valid JSON' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, code: -32600, message: 'Invalid request: expected a JSON-RPC request object' }
  }
  const rpc = value as Record<string, unknown>
  const idCheck = IdSchema.safeParse(rpc.id ?? null)
  if (!idCheck.success) return { id: null, code: -32600, message: "Invalid request: 'id' must be a string, a number or null" }
  const id = idCheck.data
  if (rpc.jsonrpc === undefined) return { id, code: -32600, message: "Expected field 'jsonrpc' not specified" }
  if (rpc.jsonrpc !== '2.0') return { id, code: -32600, message: "Invalid request: 'jsonrpc' must be \"2.0\"" }
  if (typeof rpc.method !== 'string') return { id, code: -32600, message: "Invalid request: 'method' must be a string" }
  if (rpc.method !== 'runCmds') return { id, code: -32601, message: `Method not found: ${clip(rpc.method)}` }
  const params = rpc.params
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return { id, code: -32602, message: "Invalid params: 'params' must be an object with 'cmds'" }
  }
  const unknown = Object.keys(params).find((k) => !(KNOWN_PARAMS as readonly string[]).includes(k))
  if (unknown !== undefined) return { id, code: -32602, message: `runCmds() got an unexpected keyword argument '${clip(unknown)}'` }
  const parsed = ParamsSchema.safeParse(params)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue ? issue.path.map(String).join('.') : ''
    return { id, code: -32602, message: `Invalid params: ${where || 'params'}: ${issue?.message ?? 'invalid'}` }
  }
  return { id, cmds: parsed.data.cmds, format: parsed.data.format ?? 'json' }
}

/** Cuts a client-supplied text echoed in an error to 200 characters. */
export function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}
