import type { CommandResult } from '../cli/command-grammar.js'
import type { InterfaceView } from './show-interfaces.js'

// Text layout follows a vEOS-lab 4.27.3F capture published in emilarista/tieto-borderlab (commands/P1/report.md):
//   Tue May 10 09:48:10 2022 / Timezone: UTC / Clock source: local
// and the EOS user manual's `show clock` example (arista.com/en/um-eos/eos-system-clock-and-time-protocols), which
// has the same three lines. Whether EOS pads a one-digit day of the month with a zero or a space is [unconfirmed]
// (both sources show two-digit days); the mock uses a zero, as strftime's %d does. The JSON model is [unconfirmed]
// against a real device: `utcTime` (seconds since the epoch), `timezone`, `clockSource` and a broken-down `localTime`
// are the mock's reading of the text.

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/**
 * The mock's clock in milliseconds since the epoch: its boot time plus the simulated time since (it moves with
 * `advanceTime` and the control API's clock advance, not with the wall clock), the time LANZ records carry too.
 */
export function deviceTimeMs(view: InterfaceView): number {
  return view.bootTime + view.traffic.elapsedSeconds * 1000
}

const two = (n: number) => String(n).padStart(2, '0')

/** `show clock`: the device's time (UTC, its only time zone), and its clock source (`local`: no NTP in the mock). */
export function showClock(view: InterfaceView): CommandResult {
  const now = new Date(deviceTimeMs(view))
  const dayOfYear = Math.floor((now.getTime() - Date.UTC(now.getUTCFullYear(), 0, 1)) / 86_400_000) + 1
  return {
    json: () => ({
      utcTime: now.getTime() / 1000,
      timezone: 'UTC',
      clockSource: { local: true },
      localTime: {
        year: now.getUTCFullYear(),
        month: now.getUTCMonth() + 1,
        dayOfMonth: now.getUTCDate(),
        hour: now.getUTCHours(),
        min: now.getUTCMinutes(),
        sec: now.getUTCSeconds(),
        dayOfWeek: DAYS[now.getUTCDay()],
        dayOfYear,
      },
    }),
    text: () => {
      const day = (DAYS[now.getUTCDay()] ?? '').slice(0, 3)
      const time = `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`
      return `${day} ${MONTHS[now.getUTCMonth()]} ${two(now.getUTCDate())} ${time} ${now.getUTCFullYear()}\nTimezone: UTC\nClock source: local\n`
    },
  }
}
