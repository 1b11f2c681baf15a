/**
 * @internal The page's script, inlined into the document. Plain ES2020 for every current
 * browser, no framework and no build step. It needs no timer of its own: the server's
 * stream brings the countdowns and the traffic samples, and `EventSource` reconnects by
 * itself (the page shows "Reconnecting…" meanwhile and resyncs from `api/breakers` when the
 * stream is back). URLs are relative, so the page works under any mount path.
 */
export const pageScript = String.raw`
(function () {
  'use strict';
  var STATES = {
    closed: { label: 'Closed', icon: '\u2713' },
    open: { label: 'Open', icon: '\u2715' },
    half_open: { label: 'Half-open', icon: '\u25D0' },
    forced_open: { label: 'Forced open', icon: '\u25A0' },
    disabled: { label: 'Disabled', icon: '\u2298' }
  };
  var REASONS = {
    failure_threshold: 'failure threshold', recovery_timeout: 'recovery timeout', trial_failed: 'trial failed',
    trials_succeeded: 'trials succeeded', half_open_timeout: 'half-open timeout', manual: 'manual', restored: 'restored'
  };
  var ACTIONS = [['reset', 'Reset'], ['force-open', 'Force open'], ['force-close', 'Force close']];
  var SVG = 'http://www.w3.org/2000/svg';
  var W = 300, H = 56, KEEP_TRANSITIONS = 5;
  var grid = byId('breakers'), empty = byId('empty'), summary = byId('summary'), announcer = byId('announcer');
  var connection = byId('connection'), connectionText = byId('connection-text'), reconnect = byId('reconnect');
  var config = { controls: false, sampleIntervalMs: 1000, historyMs: 180000 };
  var cards = new Map();
  var updates = 0, ids = 0, source = null, opened = false;

  function byId(id) { return document.getElementById(id); }
  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function info(state) { return STATES[state] || { label: String(state), icon: '?' }; }
  function percent(v) { return v.toFixed(1) + '%'; }
  function perSecond(v) { return v >= 100 ? String(Math.round(v)) : v.toFixed(1); }
  function clock(at) { return new Date(at).toLocaleTimeString([], { hour12: false }); }
  function historyLength() { return Math.max(2, Math.round(config.historyMs / config.sampleIntervalMs)); }
  function historyText() {
    var s = Math.round(config.historyMs / 1000);
    return s % 60 === 0 ? (s / 60) + ' min' : s + ' s';
  }

  function createCard(name) {
    var id = 'breaker-' + (++ids);
    var article = make('article', 'card');
    article.dataset.breaker = name;
    article.setAttribute('aria-labelledby', id);
    var title = make('h2', 'card-title', name);
    title.id = id;
    var badge = make('p', 'badge'), icon = make('span', 'badge-icon'), label = make('span', 'badge-label');
    icon.setAttribute('aria-hidden', 'true');
    badge.append(icon, label);
    var head = make('header', 'card-head');
    head.append(title, badge);
    var countdown = make('p', 'countdown');
    countdown.hidden = true;
    var metrics = make('dl', 'metrics'), fields = {};
    [['success', 'Success'], ['failure', 'Failure'], ['calls', 'Calls/s'], ['trials', 'Trials in flight']].forEach(function (f) {
      var box = make('div', 'metric metric-' + f[0]);
      fields[f[0]] = make('dd', '', '\u2013');
      box.append(make('dt', '', f[1]), fields[f[0]]);
      metrics.append(box);
    });
    var chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, preserveAspectRatio: 'none', role: 'img', class: 'spark' });
    var area = svg('path', { class: 'spark-area' }), line = svg('polyline', { class: 'spark-calls' }), fails = svg('polyline', { class: 'spark-failures' });
    chart.append(area, line, fails);
    var figure = make('figure', 'spark-box'), caption = make('figcaption', 'spark-caption');
    caption.append(make('span', 'legend-calls', 'calls/s'), make('span', 'legend-failures', 'failed or rejected/s'), make('span', '', 'last ' + historyText()));
    figure.append(chart, caption);
    var totals = make('p', 'totals');
    var list = make('ol', 'transitions');
    list.append(make('li', 'transitions-none', 'None since this page opened'));
    var error = make('p', 'card-error');
    error.setAttribute('role', 'alert');
    error.hidden = true;
    article.append(head, countdown, metrics, figure, totals, make('h3', 'transitions-title', 'Last transitions'), list, error);
    var card = { name: name, article: article, icon: icon, label: label, countdown: countdown, fields: fields, chart: chart, area: area,
      line: line, fails: fails, totals: totals, list: list, error: error, controls: null, stats: null, rate: null, history: [], updated: 0 };
    if (config.controls) addControls(card);
    grid.append(article);
    cards.set(name, card);
    empty.hidden = true;
    drawSparkline(card);
    return card;
  }

  function addControls(card) {
    var box = make('div', 'controls');
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', 'Controls for ' + card.name);
    ACTIONS.forEach(function (a) {
      var button = make('button', 'control', a[1]);
      button.type = 'button';
      button.dataset.action = a[0];
      button.setAttribute('aria-label', a[1] + ' ' + card.name);
      button.addEventListener('click', function () { act(card, a[0], a[1], button); });
      box.append(button);
    });
    card.article.insertBefore(box, card.error);
    card.controls = box;
  }

  function setControls(on) {
    config.controls = on;
    cards.forEach(function (card) {
      if (on && !card.controls) addControls(card);
      if (!on && card.controls) { card.controls.remove(); card.controls = null; }
    });
  }

  function act(card, action, label, button) {
    button.disabled = true;
    card.error.hidden = true;
    fetch('api/breakers/' + encodeURIComponent(card.name) + '/' + action, { method: 'POST', headers: { accept: 'application/json' } })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (body) {
          if (!res.ok) throw new Error(body.message || 'HTTP ' + res.status);
          if (body.stats) applyStats(body.stats);
        });
      })
      .catch(function (err) {
        card.error.textContent = label + ' failed: ' + err.message;
        card.error.hidden = false;
      })
      .then(function () { button.disabled = false; });
  }

  function render(card) {
    var s = card.stats;
    if (!s) return;
    var i = info(s.state);
    card.article.dataset.state = s.state;
    card.icon.textContent = i.icon;
    card.label.textContent = i.label;
    card.fields.success.textContent = percent(s.successRate);
    card.fields.failure.textContent = percent(s.failureRate);
    card.fields.failure.parentNode.toggleAttribute('data-failing', s.failureRate > 0);
    card.fields.calls.textContent = card.rate === null ? '\u2013' : perSecond(card.rate);
    card.fields.trials.textContent = String(s.halfOpenTrials);
    var note = '';
    if (s.state === 'open' && s.retryAfterMs !== null) note = 'Half-open in ' + Math.ceil(s.retryAfterMs / 1000) + ' s';
    else if (s.state === 'half_open') note = 'Trying calls to see if it recovered';
    else if (s.state === 'forced_open') note = 'Held open until forced closed or reset';
    else if (s.state === 'disabled') note = 'Disabled: every call passes';
    card.countdown.textContent = note;
    card.countdown.hidden = note === '';
    card.totals.textContent = s.totalCalls + ' calls \u00b7 ' + s.failedCalls + ' failed \u00b7 ' + s.rejectedCalls +
      ' rejected \u00b7 opened ' + s.openedCount + (s.openedCount === 1 ? ' time' : ' times');
  }

  function renderSummary() {
    var counts = {};
    cards.forEach(function (card) { var st = card.stats ? card.stats.state : 'closed'; counts[st] = (counts[st] || 0) + 1; });
    var parts = [cards.size + (cards.size === 1 ? ' breaker' : ' breakers')];
    Object.keys(STATES).forEach(function (st) { if (counts[st]) parts.push(counts[st] + ' ' + info(st).label.toLowerCase()); });
    summary.textContent = parts.join(' \u00b7 ');
  }

  function drawSparkline(card) {
    var n = historyLength(), h = card.history, max = 1;
    h.forEach(function (p) { max = Math.max(max, p.calls, p.failures); });
    var step = W / (n - 1), offset = n - h.length;
    function point(i, v) { return ((offset + i) * step).toFixed(1) + ',' + (H - 2 - (v / max) * (H - 6)).toFixed(1); }
    var calls = h.map(function (p, i) { return point(i, p.calls); });
    card.line.setAttribute('points', calls.join(' '));
    card.fails.setAttribute('points', h.map(function (p, i) { return point(i, p.failures); }).join(' '));
    card.area.setAttribute('d', calls.length ? 'M' + (offset * step).toFixed(1) + ',' + H + ' L' + calls.join(' L') + ' L' + W + ',' + H + ' Z' : '');
    var last = h.length ? h[h.length - 1] : null;
    card.chart.setAttribute('aria-label', 'Calls per second over the last ' + historyText() +
      (last ? ': now ' + perSecond(last.calls) + ', peak ' + perSecond(max) + ', failed or rejected now ' + perSecond(last.failures) : ': no samples yet'));
  }

  function cardFor(name) { return cards.get(name) || createCard(name); }

  function applyStats(stats) {
    var c = cardFor(stats.name);
    c.stats = stats;
    c.updated = ++updates;
    render(c);
    renderSummary();
  }

  function addTransition(c, at, html) {
    var none = c.list.querySelector('.transitions-none');
    if (none) none.remove();
    var item = make('li');
    var time = make('time', '', clock(at));
    time.dateTime = new Date(at).toISOString();
    item.append(time, document.createTextNode(' '));
    html.forEach(function (part) { item.append(part); });
    c.list.prepend(item);
    while (c.list.children.length > KEEP_TRANSITIONS) c.list.lastElementChild.remove();
  }

  function applyTransition(t) {
    var c = cardFor(t.breaker);
    if (c.stats) { c.stats.state = t.to; render(c); renderSummary(); }
    var reason = REASONS[t.reason] || t.reason;
    addTransition(c, t.at, [
      make('span', 'from', info(t.from).label), document.createTextNode(' \u2192 '), make('span', 'to', info(t.to).label),
      make('span', 'reason', ' \u00b7 ' + reason + (t.detail ? ': ' + t.detail : ''))
    ]);
    announcer.textContent = t.breaker + ' is ' + info(t.to).label.toLowerCase() + ' (' + reason + ')';
  }

  function applyReset(r) {
    var c = cards.get(r.breaker);
    if (c) addTransition(c, r.at, [make('span', 'to', 'Reset'), make('span', 'reason', ' \u00b7 counters cleared')]);
  }

  function applySample(sample) {
    var n = historyLength();
    Object.keys(sample.breakers).forEach(function (name) {
      var c = cards.get(name), b = sample.breakers[name];
      if (!c || !c.stats) return;
      c.rate = b.callsPerSecond;
      c.stats.state = b.state;
      c.stats.retryAfterMs = b.retryAfterMs;
      c.stats.halfOpenTrials = b.halfOpenTrials;
      c.history.push({ calls: b.callsPerSecond, failures: b.failuresPerSecond + b.rejectionsPerSecond });
      if (c.history.length > n) c.history.splice(0, c.history.length - n);
      render(c);
      drawSparkline(c);
    });
    renderSummary();
  }

  function removeCard(name) {
    var c = cards.get(name);
    if (!c) return;
    c.article.remove();
    cards.delete(name);
    empty.hidden = cards.size > 0;
    renderSummary();
  }

  function resync() {
    var mark = updates;
    return fetch('api/breakers', { cache: 'no-store' })
      .then(function (res) { if (!res.ok) throw new Error('HTTP ' + res.status); return res.json(); })
      .then(function (all) {
        // The stream may have delivered fresher stats while this request was in flight.
        Object.keys(all).forEach(function (name) {
          var c = cards.get(name);
          if (!c || c.updated <= mark) applyStats(all[name]);
        });
        cards.forEach(function (c, name) { if (!(name in all) && c.updated <= mark) removeCard(name); });
      })
      .catch(function () { /* the stream keeps the page current; the next reconnect resyncs */ });
  }

  function loadConfig() {
    return fetch('api/config', { cache: 'no-store' })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (c) {
        if (!c) return;
        config.sampleIntervalMs = c.sampleIntervalMs;
        config.historyMs = c.historyMs;
        setControls(c.controls === true);
      })
      .catch(function () { /* keep the read-only defaults */ });
  }

  function setConnection(status, text) {
    connection.dataset.status = status;
    document.body.dataset.connection = status;
    connectionText.textContent = text;
    reconnect.hidden = status !== 'closed';
  }

  function connect() {
    if (source) source.close();
    setConnection('connecting', 'Connecting\u2026');
    var es = new EventSource('api/stream');
    source = es;
    es.onopen = function () {
      setConnection('live', 'Live');
      // Authorization may have changed while the stream was down (a session expired).
      (opened ? loadConfig() : Promise.resolve()).then(resync);
      opened = true;
    };
    es.onerror = function () {
      if (es.readyState === EventSource.CLOSED) setConnection('closed', 'Disconnected');
      else setConnection('reconnecting', 'Reconnecting\u2026');
    };
    es.addEventListener('stats', function (e) { applyStats(JSON.parse(e.data)); });
    es.addEventListener('transition', function (e) { applyTransition(JSON.parse(e.data)); });
    es.addEventListener('reset', function (e) { applyReset(JSON.parse(e.data)); });
    es.addEventListener('removed', function (e) { removeCard(JSON.parse(e.data).breaker); });
    es.addEventListener('sample', function (e) { applySample(JSON.parse(e.data)); });
  }

  function connectIfClosed() { if (!source || source.readyState === EventSource.CLOSED) connect(); }
  reconnect.addEventListener('click', connect);
  window.addEventListener('online', connectIfClosed);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'visible') connectIfClosed(); });
  renderSummary();
  loadConfig().then(connect);
})();
`;
