#!/usr/bin/env node
import { SwitchyardError } from '../src/errors.js'
import { EXIT_CODES } from './exit-codes.js'
import { buildProgram } from './program.js'

try {
  await buildProgram().parseAsync(process.argv)
} catch (error) {
  const message = SwitchyardError.isSwitchyardError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error)
  process.stderr.write(`switchyard: ${message}\n`)
  process.exitCode = EXIT_CODES.failed
}
