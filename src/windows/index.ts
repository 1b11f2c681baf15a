export type { OutcomeWindow, OutcomeWindowFactory, WindowTotals } from './OutcomeWindow.js';
export { countWindow } from './countWindow.js';
export { timeWindow } from './timeWindow.js';
