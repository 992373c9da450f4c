/** The `code` of a control API error answer. */
export type ControlErrorCode =
  | 'unauthorized'
  | 'not_found'
  | 'device_not_found'
  | 'method_not_allowed'
  | 'invalid_json'
  | 'invalid_body'
  | 'body_too_large'
  | 'rejected'
  | 'unsupported'
  | 'internal'

/** An error the control API answers as `{ "error": { code, message, issues? } }` with `status`. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: ControlErrorCode,
    message: string,
    readonly issues?: Array<{ path: string; message: string }>,
  ) {
    super(message)
  }

  /** The JSON body of the answer. */
  toJSON(): { error: { code: ControlErrorCode; message: string; issues?: Array<{ path: string; message: string }> } } {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } }
  }
}
