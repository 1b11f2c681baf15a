import { pageScript } from './pageScript.js';
import { pageStyles } from './pageStyles.js';

/** @internal Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * @internal The dashboard page: one self-contained document. Its script and stylesheet are
 * the only inline ones, so the Content-Security-Policy can allow exactly them by hash.
 */
export function pageHtml(title: string): string {
  const t = escapeHtml(title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${t}</title>
<style>${pageStyles}</style>
</head>
<body data-connection="connecting">
<header class="top">
<h1>${t}</h1>
<p id="summary" class="summary"></p>
<p id="connection" class="connection" role="status" data-status="connecting"><span class="dot" aria-hidden="true"></span><span id="connection-text">Connecting…</span></p>
<button id="reconnect" type="button" hidden>Reconnect</button>
</header>
<main>
<noscript><p>This dashboard needs JavaScript. The data is also at <a href="api/breakers">api/breakers</a>.</p></noscript>
<p id="empty" class="empty">No circuit breakers yet. They appear here as soon as the application creates them.</p>
<section id="breakers" class="grid" aria-label="Circuit breakers"></section>
</main>
<div id="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></div>
<script>${pageScript}</script>
</body>
</html>
`;
}
