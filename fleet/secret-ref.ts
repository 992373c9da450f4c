import { z } from 'zod'

/** An environment variable name: letters, digits and `_`, not starting with a digit. */
const EnvNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'an environment variable name has letters, digits and _ only' })

/**
 * A secret in an inventory: a literal string, `{ env: NAME }` (an environment variable) or `{ file: PATH }` (a file,
 * relative to the inventory file; `~` is the home directory). References are resolved only when a host is connected.
 */
export const SecretRefSchema = z.union([
  z.string().min(1, { error: 'a secret cannot be empty' }),
  z.strictObject({ env: EnvNameSchema }),
  z.strictObject({ file: z.string().min(1, { error: 'a file path cannot be empty' }) }),
])

/** A secret as an inventory gives it: literal, `{ env }` or `{ file }`. */
export type SecretRef = z.infer<typeof SecretRefSchema>

/** A secret that names an environment variable. */
export interface EnvSecretRef {
  readonly env: string
}

/** A secret that names a file. */
export interface FileSecretRef {
  readonly file: string
}

/** True when the secret is a reference to resolve later (not a literal). */
export function isSecretReference(ref: SecretRef): ref is EnvSecretRef | FileSecretRef {
  return typeof ref === 'object'
}

/** How a reference is shown in messages: never the value, only where it comes from. */
export function describeSecretRef(ref: SecretRef): string {
  if (typeof ref === 'string') return 'an inline value'
  return 'env' in ref ? `environment variable ${ref.env}` : `file ${ref.file}`
}
