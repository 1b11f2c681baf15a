/**
 * @internal The page's stylesheet, inlined into the document (no external file, so the page
 * works behind any mount path and its Content-Security-Policy can pin it by hash). Colours
 * meet WCAG AA contrast in both colour schemes; every state also has its own icon and label.
 */
export const pageStyles = String.raw`
:root {
  color-scheme: light dark;
  --bg: #f3f5f8; --fg: #1f2328; --muted: #56606b; --card: #ffffff; --line: #d5dbe2; --accent: #0b5cad;
  --closed: #1a7f37; --open: #c4231c; --half_open: #8a5a00; --forced_open: #7539c9; --disabled: #56606b;
  --closed-bg: #e6f4ea; --open-bg: #fdecea; --half_open-bg: #fff4d6; --forced_open-bg: #f1eafc; --disabled-bg: #eceff2;
  --on-state: #ffffff;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9aa4af; --card: #161b22; --line: #30363d; --accent: #58a6ff;
    --closed: #3fb950; --open: #ff6a61; --half_open: #e3b341; --forced_open: #b793f5; --disabled: #9aa4af;
    --closed-bg: #12261a; --open-bg: #2d1514; --half_open-bg: #2b2110; --forced_open-bg: #221a33; --disabled-bg: #1f242b;
    --on-state: #0d1117;
  }
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; background: var(--bg); color: var(--fg); }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.top { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; padding: 1rem 1.5rem; background: var(--card); border-bottom: 1px solid var(--line); }
.top h1 { margin: 0; font-size: 1.35rem; }
.summary { margin: 0; color: var(--muted); flex: 1; }
.connection { display: flex; align-items: center; gap: 0.5rem; margin: 0; font-weight: 600; }
.connection .dot { width: 0.7rem; height: 0.7rem; border-radius: 50%; background: var(--muted); }
.connection[data-status="live"] .dot { background: var(--closed); }
.connection[data-status="reconnecting"] .dot, .connection[data-status="connecting"] .dot { background: var(--half_open); animation: pulse 1s ease-in-out infinite alternate; }
.connection[data-status="closed"] .dot { background: var(--open); }
@keyframes pulse { to { opacity: 0.25; } }
@media (prefers-reduced-motion: reduce) { .connection .dot { animation: none !important; } }
button { font: inherit; font-size: 0.85rem; padding: 0.3rem 0.75rem; border-radius: 6px; border: 1px solid var(--line); background: var(--card); color: var(--fg); cursor: pointer; }
button:hover:not(:disabled) { border-color: var(--accent); }
button:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
button:disabled { opacity: 0.6; cursor: progress; }
main { padding: 1.25rem 1.5rem 2rem; }
body[data-connection="reconnecting"] .grid, body[data-connection="closed"] .grid { opacity: 0.6; }
.empty { color: var(--muted); font-size: 1.05rem; }
.grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(19rem, 1fr)); align-items: start; transition: opacity 0.3s; }
.card { --state: var(--disabled); --state-bg: var(--disabled-bg); background: var(--card); border: 1px solid var(--line); border-left: 0.4rem solid var(--state); border-radius: 10px; padding: 0.9rem 1rem 1rem; display: flex; flex-direction: column; gap: 0.6rem; box-shadow: 0 1px 2px rgb(0 0 0 / 0.06); }
.card[data-state="closed"] { --state: var(--closed); --state-bg: var(--closed-bg); }
.card[data-state="open"] { --state: var(--open); --state-bg: var(--open-bg); }
.card[data-state="half_open"] { --state: var(--half_open); --state-bg: var(--half_open-bg); }
.card[data-state="forced_open"] { --state: var(--forced_open); --state-bg: var(--forced_open-bg); }
.card[data-state="disabled"] { --state: var(--disabled); --state-bg: var(--disabled-bg); }
.card[data-state="open"], .card[data-state="forced_open"] { background: linear-gradient(var(--state-bg), var(--card) 6rem); }
.card-head { display: flex; justify-content: space-between; align-items: center; gap: 0.75rem; }
.card-title { margin: 0; font-size: 1.1rem; overflow-wrap: anywhere; }
.badge { display: inline-flex; align-items: center; gap: 0.35rem; margin: 0; padding: 0.15rem 0.65rem; border-radius: 999px; background: var(--state); color: var(--on-state); font-weight: 700; font-size: 0.85rem; white-space: nowrap; }
.badge-icon { font-size: 0.95rem; }
.countdown { margin: 0; padding: 0.3rem 0.6rem; border-radius: 6px; background: var(--state-bg); color: var(--fg); font-weight: 600; font-variant-numeric: tabular-nums; }
.metrics { display: grid; grid-template-columns: repeat(4, 1fr); gap: 0.5rem; margin: 0; }
@media (max-width: 30rem) { .metrics { grid-template-columns: repeat(2, 1fr); } }
.metric { display: flex; flex-direction: column-reverse; }
.metric dt { color: var(--muted); font-size: 0.75rem; }
.metric dd { margin: 0; font-size: 1.15rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.metric-failure[data-failing] dd { color: var(--open); }
.spark-box { margin: 0; }
.spark { display: block; width: 100%; height: 3.5rem; border-radius: 6px; background: var(--state-bg); }
.spark-area { fill: var(--accent); opacity: 0.14; }
.spark-calls { fill: none; stroke: var(--accent); stroke-width: 1.6; vector-effect: non-scaling-stroke; }
.spark-failures { fill: none; stroke: var(--open); stroke-width: 1.6; stroke-dasharray: 4 2; vector-effect: non-scaling-stroke; }
.spark-caption { display: flex; justify-content: space-between; color: var(--muted); font-size: 0.75rem; }
.legend-calls::before, .legend-failures::before { content: ""; display: inline-block; width: 0.9rem; height: 0; margin-right: 0.3rem; vertical-align: middle; border-top: 2px solid var(--accent); }
.legend-failures::before { border-top: 2px dashed var(--open); }
.totals { margin: 0; color: var(--muted); font-size: 0.8rem; }
.transitions-title { margin: 0.2rem 0 0; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.transitions { list-style: none; margin: 0; padding: 0; font-size: 0.85rem; display: flex; flex-direction: column; gap: 0.2rem; }
.transitions time { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: 0.4rem; }
.transitions .to { font-weight: 650; }
.transitions .reason { color: var(--muted); }
.controls { display: flex; flex-wrap: wrap; gap: 0.5rem; padding-top: 0.3rem; border-top: 1px solid var(--line); }
.card-error { margin: 0; color: var(--open); font-weight: 600; font-size: 0.85rem; }
`;
