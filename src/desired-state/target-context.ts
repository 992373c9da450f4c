/** One problem a document has, with its path in the document (e.g. `['interfaces', 'config', 3, 'accessVlan']`). */
export interface Problem {
  path: Array<string | number>
  message: string
}

/** What computing a target state needs besides the document and the current state. */
export interface TargetContext {
  /** Interfaces (EOS) or ports (7130) that `overridden` and `deleted` leave as they are unless `allowProtected`. */
  protectedInterfaces: ReadonlySet<string>
  /** Let the document change protected interfaces. */
  allowProtected: boolean
  /** Treat every well-formed physical port name as present (for `rendered`, where no device tells which exist). */
  assumePortsExist: boolean
}
