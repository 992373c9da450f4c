/**
 * A command the mock CLI refuses, with EOS's own message (without the leading `% `) and the eAPI error code it maps
 * to: 1002 invalid command, 1000 could not run, 1003 unconverted (no JSON form), 1005 unauthorized.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly eapiCode: 1000 | 1002 | 1003 | 1005 = 1002,
  ) {
    super(message)
  }
}
