/** How the prints name a quarter: as the pages do (src/domain/calendar.ts). */
export { QUARTER_NAMES, quarterName } from '../domain/calendar.js';
