/**
 * switchyard/fleet: inventories, the fleet runner and fleet-wide commit-confirm.
 * @packageDocumentation
 */
export {}
