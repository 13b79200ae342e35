/*
 * Frontdesk visitor widget: a chat button and window for any page.
 *   <script src="https://chat.example/widget.js" data-site="shop" async></script>
 * data-lang="ru|en" overrides the server's language. No dependencies, no build step; a shadow
 * root keeps the page's CSS and ours apart. Protocol: docs/protocol.md, visitor socket.
 * Safety rule: network text goes into the page only as text nodes; links are built as <a>
 * elements, for http(s) only.
 */
(function () {
  'use strict';
  if (window.FrontdeskWidget) return; // the tag was pasted twice

  var script = document.currentScript;
  if (!script || !script.src) return;
  // Everything else is served next to the script, which also works behind a path prefix.
  var base = script.src.replace(/widget\.js([?#].*)?$/, '');
  var site = script.getAttribute('data-site') || '';
  var storeKey = 'frontdesk:' + (site || 'default') + ':';

  var TEXTS = {
    ru: {
      open: 'Открыть чат', close: 'Свернуть', end: 'Завершить чат',
      online: 'Оператор в сети', offline: 'Операторы не в сети',
      connecting: 'Подключаемся…',
      greeting: 'Здравствуйте! Задайте Ваш вопрос, мы с радостью поможем.',
      invitation: 'Есть вопрос? Напишите нам!',
      name: 'Ваше имя', email: 'E-mail', phone: 'Телефон', department: 'Отдел',
      question: 'Ваш вопрос', start: 'Начать чат', send: 'Отправить',
      placeholder: 'Введите сообщение…',
      offlineIntro: 'Сейчас никого нет в сети. Оставьте сообщение, и мы ответим Вам как можно скорее.',
      offlineSend: 'Оставить сообщение',
      offlineThanks: 'Спасибо! Ваше сообщение сохранено, мы ответим Вам при первой возможности.',
      typing: ' печатает…', operator: 'Оператор', you: 'Вы',
      started: 'Чат начат. Оператор скоро ответит.',
      joined: 'Оператор {name} в чате.',
      transferred: 'Чат передан оператору {name}.',
      closed: 'Чат завершён. Спасибо за обращение!',
      rateLimited: 'Вы отправляете сообщения слишком часто. Отправим через {s} с.',
      failed: 'Не отправлено: ',
      banned: 'Чат для Вас недоступен.',
      required: 'Заполните, пожалуйста, это поле.',
      pending: 'отправляется…'
    },
    en: {
      open: 'Open chat', close: 'Minimise', end: 'End chat',
      online: 'An operator is online', offline: 'Operators are offline',
      connecting: 'Connecting…',
      greeting: 'Hello! Ask us anything, we are glad to help.',
      invitation: 'Have a question? Write to us!',
      name: 'Your name', email: 'E-mail', phone: 'Phone', department: 'Department',
      question: 'Your question', start: 'Start chat', send: 'Send',
      placeholder: 'Type a message…',
      offlineIntro: 'Nobody is online right now. Leave a message and we will get back to you soon.',
      offlineSend: 'Leave a message',
      offlineThanks: 'Thank you! Your message is saved; we will answer as soon as we can.',
      typing: ' is typing…', operator: 'Operator', you: 'You',
      started: 'Chat started. An operator will answer shortly.',
      joined: '{name} joined the chat.',
      transferred: 'The chat was transferred to {name}.',
      closed: 'The chat has ended. Thank you for contacting us!',
      rateLimited: 'You are sending messages too fast. We will send it in {s} s.',
      failed: 'Not sent: ',
      banned: 'The chat is not available to you.',
      required: 'Please fill in this field.',
      pending: 'sending…'
    }
  };

  var cfg = null; // from /widget/config
  var T = TEXTS.ru;

  // ---- small helpers -------------------------------------------------------------------

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function fill(template, name) {
    return template.replace('{name}', name || T.operator);
  }

  function uid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
  }

  // Storage may be blocked (privacy settings, sandboxed frames): the chat still works,
  // the visitor is just new on every page.
  function load(key) {
    try { return localStorage.getItem(storeKey + key); } catch (e) { return null; }
  }
  function save(key, value) {
    try { localStorage.setItem(storeKey + key, value); } catch (e) { /* see load */ }
  }

  var URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;

  /** Appends `text` to `parent`: plain text nodes, plus <a> for http(s) URLs. */
  function appendRich(parent, text) {
    var last = 0;
    text.replace(URL_RE, function (match, offset) {
      // "see https://x.ru/a." — the full stop ends the sentence, not the link.
      var url = match.replace(/[.,;:!?)\]]+$/, '');
      var link = safeLink(url);
      if (!link) return match;
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      parent.appendChild(link);
      last = offset + url.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function safeLink(url) {
    var parsed;
    try { parsed = new URL(url); } catch (e) { return null; }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    var a = el('a', null, url);
    a.href = parsed.href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  // ---- the connection --------------------------------------------------------------------

  var ws = null;
  var ready = false; // welcome received on the current socket
  var attempt = 0; // reconnects since the last welcome, for the backoff
  var stopped = false; // the server refused us for good (origin, ban)
  var online = false;
  var chatOpen = false; // the visitor has a waiting or active chat
  var operatorName = '';
  var lastHeard = 0;
  var historyAsked = false;
  var welcomed = false;

  // Commands wait here until acknowledged. One is in flight at a time: that keeps their
  // order through reconnects and rate limits, and a resend reuses the same id, so the
  // server stores each command once.
  var outbox = [];
  var inFlight = null;
  var holdUntil = 0; // rate limited: send nothing before this time
  var holdTimer = null;

  function command(type, fields, element) {
    var frame = Object.assign({ v: 1, type: type, id: uid() }, fields);
    outbox.push({ frame: frame, element: element || null });
    pump();
    return frame.id;
  }

  function pump() {
    if (!ready || inFlight || !outbox.length || Date.now() < holdUntil) return;
    inFlight = outbox[0];
    ws.send(JSON.stringify(inFlight.frame));
  }

  function settle(id, error) {
    var i = outbox.findIndex(function (c) { return c.frame.id === id; });
    if (i < 0) return null;
    var done = outbox.splice(i, 1)[0];
    if (inFlight === done) inFlight = null;
    if (error && done.element) markFailed(done.element, error);
    return done;
  }

  function connect() {
    if (stopped) return;
    setStatus();
    var url = base.replace(/^http/, 'ws') + 'ws/visitor';
    var sock = new WebSocket(url);
    ws = sock;
    sock.onopen = function () {
      lastHeard = Date.now();
      sock.send(JSON.stringify({
        v: 1, type: 'hello', token: load('token') || undefined, site: site || undefined,
        language: navigator.language
      }));
    };
    sock.onmessage = function (ev) {
      lastHeard = Date.now();
      var frame;
      try { frame = JSON.parse(ev.data); } catch (e) { return; }
      handle(frame);
    };
    sock.onclose = function (ev) {
      if (ws !== sock) return;
      ws = null;
      ready = false;
      inFlight = null; // resent after the next welcome, with the same id
      if (ev.code === 1008 && ev.reason === 'origin not allowed') stopped = true;
      setStatus();
      if (stopped) return;
      // Exponential backoff with jitter, so a restarted server is not hit by every
      // visitor at the same instant.
      var delay = Math.min(30000, 500 * Math.pow(2, attempt++));
      setTimeout(connect, delay / 2 + Math.random() * delay / 2);
    };
  }

  // Browsers cannot see WebSocket pings, so a half-dead connection (sleep, Wi-Fi change)
  // is found by our own ping: no frame for 45 s means reconnect.
  setInterval(function () {
    if (!ws || !ready) return;
    if (Date.now() - lastHeard > 45000) { ws.close(); return; }
    ws.send('{"v":1,"type":"ping"}');
  }, 20000);

  function handle(f) {
    switch (f.type) {
      case 'welcome': return onWelcome(f);
      case 'ack': return onAck(f);
      case 'error': return onError(f);
      case 'message': return showMessage(f.message, true);
      case 'system': return onSystem(f);
      case 'typing': return showOperatorTyping(f.typing, f.operator_name);
      case 'presence': online = f.operators_online; return refreshView();
      case 'history': return f.messages.forEach(function (m) { showMessage(m); });
    }
  }

  function onWelcome(f) {
    save('token', f.token);
    ready = welcomed = true;
    attempt = 0;
    online = f.operators_online;
    chatOpen = f.chat_status === 'waiting' || f.chat_status === 'active';
    f.messages.forEach(function (m) { showMessage(m); });
    // The welcome holds only the open chat; earlier conversations come from `history`
    // (not a stored change, so it bypasses the outbox).
    if (!historyAsked) {
      historyAsked = true;
      ws.send(JSON.stringify({ v: 1, type: 'history', id: uid(), limit: 50 }));
    }
    refreshView();
    pump();
  }

  function onAck(f) {
    var done = settle(f.id);
    if (done && done.element) markSent(done.element, f.message_id);
    if (done && /^(start_chat|message)$/.test(done.frame.type)) {
      chatOpen = true;
      refreshView();
    }
    pump();
  }

  function onError(f) {
    if (f.code === 'rate_limited' && f.id) {
      // Keep the command and send it again, same id, once the wait is over.
      inFlight = null;
      var wait = Math.max(f.retry_after_ms || 1000, 100);
      holdUntil = Date.now() + wait;
      notice(T.rateLimited.replace('{s}', Math.ceil(wait / 1000)));
      clearTimeout(holdTimer);
      holdTimer = setTimeout(function () { notice(''); pump(); }, wait);
      return;
    }
    if (f.code === 'forbidden') return setBanned();
    if (f.code === 'internal' && f.id) {
      inFlight = null;
      setTimeout(pump, 2000);
      return;
    }
    if (f.id) settle(f.id, f.message);
    pump();
  }

  function onSystem(f) {
    if (f.operator_name) operatorName = f.operator_name;
    if (f.event === 'closed') {
      chatOpen = false;
      showOperatorTyping(false);
    }
    if (f.event === 'transferred') return showTransfer(f.operator_name);
    systemLine(f.event === 'joined' ? fill(T.joined, f.operator_name)
      : f.event === 'closed' ? T.closed : T.started);
    refreshView();
  }

  // ---- page views ------------------------------------------------------------------------

  var lastUrl = null;
  var lastReferrer = document.referrer;

  function reportPage() {
    var url = location.href;
    if (url === lastUrl) return;
    var referrer = lastUrl || lastReferrer;
    lastUrl = url;
    command('page_view', { url: url, title: document.title, referrer: referrer || undefined });
  }

  // Single-page apps change the address without loading a page. They usually set the new
  // title a moment later, so the report waits a little.
  function watchNavigation() {
    var push = history.pushState;
    history.pushState = function () {
      var result = push.apply(this, arguments);
      setTimeout(reportPage, 300);
      return result;
    };
    window.addEventListener('popstate', function () { setTimeout(reportPage, 300); });
  }

  // ---- the window ------------------------------------------------------------------------

  var root, button, panel, statusLine, bodyBox, log, typingLine, noticeLine, composer, input;
  var formBox, bubble, endButton;
  var seen = {}; // message id → element, so no message shows twice
  var pendingByClient = {}; // client id → our not yet confirmed copy
  var view = '';
  var offlineDone = false;
  var prechatDone = !!load('prechat');

  function build() {
    // A tag of our own: page rules for div and friends do not match it.
    var host = el('frontdesk-widget');
    root = host.attachShadow({ mode: 'open' });
    // The page's styles stop at the shadow root; ours come in with this link. The window
    // stays invisible until they have loaded, so it never flashes unstyled.
    var style = el('link');
    style.rel = 'stylesheet';
    style.href = base + 'widget.css';
    host.style.visibility = 'hidden';
    style.onload = style.onerror = function () { host.style.visibility = ''; };
    root.appendChild(style);
    var w = Math.min(Math.max(cfg.width | 0, 280), 600);
    var h = Math.min(Math.max(cfg.height | 0, 360), 900);
    host.style.setProperty('--fd-w', w + 'px');
    host.style.setProperty('--fd-h', h + 'px');
    host.style.setProperty('--fd-color', cfg.color || '#1f6feb');
    host.style.setProperty('--fd-on-color', cfg.text_color || '#fff');
    var wrap = el('div', 'fd ' + (cfg.position === 'left' ? 'left' : 'right'));

    button = el('button', 'fd-button');
    button.type = 'button';
    button.setAttribute('aria-label', T.open);
    button.appendChild(el('span', 'fd-icon', '💬'));
    button.onclick = function () { toggle(true); };

    bubble = el('div', 'fd-bubble');
    bubble.hidden = true;
    bubble.onclick = function () { toggle(true); };

    panel = el('section', 'fd-panel');
    panel.hidden = true;
    panel.setAttribute('role', 'dialog');
    var header = el('header', 'fd-header');
    if (/^(https?:\/\/|\/)/.test(cfg.logo_url || '')) {
      var logo = el('img', 'fd-logo');
      logo.src = cfg.logo_url;
      logo.alt = '';
      header.appendChild(logo);
    }
    var titles = el('div', 'fd-titles');
    titles.appendChild(el('div', 'fd-company', cfg.company || T.operator));
    statusLine = el('div', 'fd-status');
    titles.appendChild(statusLine);
    header.appendChild(titles);
    endButton = el('button', 'fd-end', T.end);
    endButton.type = 'button';
    endButton.onclick = function () { command('close_chat', {}); };
    header.appendChild(endButton);
    var closeButton = el('button', 'fd-close', '×');
    closeButton.type = 'button';
    closeButton.setAttribute('aria-label', T.close);
    closeButton.onclick = function () { toggle(false); };
    header.appendChild(closeButton);

    bodyBox = el('div', 'fd-body');
    log = el('div', 'fd-log');
    log.setAttribute('aria-live', 'polite');
    log.appendChild(el('div', 'fd-greeting', cfg.greeting || T.greeting));
    formBox = el('div', 'fd-form-box');
    typingLine = el('div', 'fd-typing');
    typingLine.hidden = true;
    noticeLine = el('div', 'fd-notice');
    noticeLine.hidden = true;
    bodyBox.append(log, typingLine, formBox);

    composer = el('form', 'fd-composer');
    input = el('textarea', 'fd-input');
    input.rows = 2;
    input.placeholder = T.placeholder;
    input.maxLength = 4000;
    input.oninput = sendTyping;
    input.onkeydown = function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        composer.requestSubmit();
      }
    };
    var send = el('button', 'fd-send', T.send);
    send.type = 'submit';
    composer.append(input, send);
    composer.onsubmit = function (e) {
      e.preventDefault();
      sendMessage(input.value);
      input.value = '';
    };

    panel.append(header, bodyBox, noticeLine, composer);
    wrap.append(panel, bubble, button);
    root.appendChild(wrap);
    document.body.appendChild(host);
  }

  function toggle(open) {
    panel.hidden = !open;
    button.hidden = open;
    bubble.hidden = true;
    if (open) {
      save('open', '1');
      refreshView();
      log.scrollTop = log.scrollHeight;
    } else {
      save('open', '');
    }
  }

  function setStatus() {
    if (!statusLine) return;
    statusLine.textContent = !ready ? T.connecting
      : online ? (operatorName && chatOpen ? operatorName : T.online) : T.offline;
    statusLine.className = 'fd-status' + (ready && online ? ' on' : '');
  }

  /** Picks what the window shows: the pre-chat form, the offline form, or the dialog. */
  function refreshView() {
    setStatus();
    if (!panel) return;
    endButton.hidden = !chatOpen;
    // Until the first welcome we do not know whether anyone is online: show neither form.
    var next = 'chat';
    if (!welcomed) next = 'wait';
    else if (!chatOpen && !online) next = offlineDone ? 'thanks' : 'offline';
    else if (!chatOpen && cfg.prechat.enabled && !prechatDone && !hasDialog()) next = 'prechat';
    if (next === view) return;
    view = next;
    panel.setAttribute('data-view', view);
    formBox.textContent = '';
    composer.hidden = view !== 'chat';
    log.hidden = view === 'wait';
    if (view === 'prechat') formBox.appendChild(prechatForm());
    if (view === 'offline') formBox.appendChild(offlineForm());
    if (view === 'thanks') formBox.appendChild(el('p', 'fd-thanks', T.offlineThanks));
  }

  function hasDialog() {
    return Object.keys(seen).length > 0 || outbox.some(function (c) { return c.element; });
  }

  function field(form, key, label, required, options, multiline) {
    var box = el('label', 'fd-field');
    box.appendChild(el('span', null, label + (required ? ' *' : '')));
    var control;
    if (options && options.length) {
      control = el('select');
      control.appendChild(el('option', null, '—')).value = '';
      options.forEach(function (o) { control.appendChild(el('option', null, o)).value = o; });
    } else {
      control = el(multiline ? 'textarea' : 'input');
      if (!multiline) control.type = key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text';
      control.maxLength = multiline ? 4000 : 500;
    }
    control.name = key;
    control.required = !!required;
    box.appendChild(control);
    form.appendChild(box);
    return control;
  }

  function prechatForm() {
    var form = el('form', 'fd-form fd-prechat');
    var controls = cfg.prechat.fields.map(function (f) {
      return field(form, f.key, f.label || T[f.key] || f.key, f.required, f.options);
    });
    var question = field(form, 'question', T.question, false, null, true);
    form.appendChild(el('button', 'fd-send', T.start)).type = 'submit';
    form.onsubmit = function (e) {
      e.preventDefault();
      var fields = { extra: {} };
      var any = false;
      controls.forEach(function (c) {
        var value = c.value.trim();
        if (!value) return;
        any = true;
        if (/^(name|email|phone|department)$/.test(c.name)) fields[c.name] = value;
        else fields.extra[c.name] = value;
      });
      if (any) command('prechat', { fields: fields });
      save('prechat', '1');
      prechatDone = true;
      var text = question.value.trim();
      var element = text ? pendingMessage(text) : null;
      var id = command('start_chat', { text: text || undefined, department: fields.department }, element);
      if (element) pendingByClient[id] = element;
      refreshView();
    };
    return form;
  }

  function offlineForm() {
    var form = el('form', 'fd-form fd-offline');
    form.appendChild(el('p', null, T.offlineIntro));
    var name = field(form, 'name', T.name);
    var email = field(form, 'email', T.email);
    var text = field(form, 'text', T.question, true, null, true);
    form.appendChild(el('button', 'fd-send', T.offlineSend)).type = 'submit';
    form.onsubmit = function (e) {
      e.preventDefault();
      command('offline_message', {
        text: text.value.trim(),
        name: name.value.trim() || undefined,
        email: email.value.trim() || undefined
      });
      offlineDone = true;
      refreshView();
    };
    return form;
  }

  // ---- the dialog ------------------------------------------------------------------------

  function sendMessage(text) {
    text = text.trim();
    if (!text) return;
    sendTypingNow('');
    var element = pendingMessage(text);
    var id = command('message', { text: text }, element);
    pendingByClient[id] = element;
  }

  /** Our own message as typed, shown at once and confirmed by the server's copy. */
  function pendingMessage(text) {
    var row = messageRow('visitor', T.you, text);
    row.classList.add('pending');
    row.title = T.pending;
    log.appendChild(row);
    log.scrollTop = log.scrollHeight;
    return row;
  }

  function messageRow(role, author, text) {
    var row = el('div', 'fd-msg ' + (role === 'visitor' ? 'mine' : 'theirs'));
    if (role !== 'visitor') row.appendChild(el('div', 'fd-author', author));
    var body = el('div', 'fd-text');
    appendRich(body, text);
    row.appendChild(body);
    return row;
  }

  function markSent(row, messageId) {
    row.classList.remove('pending');
    row.removeAttribute('title');
    if (messageId != null) seen[messageId] = row;
  }

  function markFailed(row, why) {
    row.classList.remove('pending');
    row.classList.add('failed');
    row.appendChild(el('div', 'fd-error', T.failed + why));
  }

  function showMessage(m, live) {
    if (!m || m.kind === 'note' || seen[m.id]) return;
    var mine = m.author.role === 'visitor';
    var row = m.client_id && pendingByClient[m.client_id];
    if (row) {
      delete pendingByClient[m.client_id];
      markSent(row, m.id);
      return;
    }
    if (m.author.role === 'operator') {
      if (m.author.name) operatorName = m.author.name;
      showOperatorTyping(false);
    }
    row = messageRow(m.author.role, mine ? T.you : m.author.name || T.operator, m.text);
    row.setAttribute('data-id', m.id);
    seen[m.id] = row;
    // History pages and reconnects may deliver older messages late: keep id order.
    var later = Array.prototype.find.call(log.querySelectorAll('.fd-msg[data-id]'), function (r) {
      return +r.getAttribute('data-id') > m.id;
    });
    log.insertBefore(row, later || null);
    log.scrollTop = log.scrollHeight;
    if (live && panel.hidden && !mine) showInvitation(m.text);
    setStatus();
  }

  function systemLine(text) {
    log.appendChild(el('div', 'fd-system', text));
    log.scrollTop = log.scrollHeight;
  }

  var typingTimer = null;
  function showOperatorTyping(on, name) {
    clearTimeout(typingTimer);
    typingLine.hidden = !on;
    if (!on) return;
    typingLine.textContent = (name || operatorName || T.operator) + T.typing;
    // A lost "stopped typing" must not leave the line up for ever.
    typingTimer = setTimeout(function () { typingLine.hidden = true; }, 8000);
  }

  function notice(text) {
    noticeLine.textContent = text;
    noticeLine.hidden = !text;
  }

  // The operator sees the draft as it is typed; at most one frame per 400 ms, and the last
  // draft always goes out.
  var TYPING_EVERY = 400;
  var typingSentAt = 0;
  var typingLater = null;
  function sendTyping() {
    if (typingLater) return;
    var wait = typingSentAt + TYPING_EVERY - Date.now();
    if (wait <= 0) return sendTypingNow(input.value);
    typingLater = setTimeout(function () { typingLater = null; sendTypingNow(input.value); }, wait);
  }
  function sendTypingNow(draft) {
    clearTimeout(typingLater);
    typingLater = null;
    typingSentAt = Date.now();
    if (ready) ws.send(JSON.stringify({ v: 1, type: 'typing', draft: draft }));
  }

  // ---- places for what comes next ------------------------------------------------------

  /** A line when the chat moves to another operator (protocol: system `transferred`). */
  function showTransfer(name) {
    systemLine(fill(T.transferred, name));
    setStatus();
  }

  /** Invitation bubble beside the closed button: the configured text, an operator's
   *  message while the window is closed, or a proactive invitation once the protocol has one. */
  function showInvitation(text) {
    if (!panel.hidden || !text) return;
    bubble.textContent = text.length > 140 ? text.slice(0, 140) + '…' : text;
    bubble.hidden = false;
  }

  /** The visitor was banned: no more input. The server has no ban frame yet. */
  function setBanned() {
    stopped = true;
    composer.hidden = true;
    formBox.textContent = '';
    systemLine(T.banned);
    if (ws) ws.close();
  }

  /** File upload: protocol v1 has no attachment frame yet; a paper-clip button and its
   *  upload go here, posting the file and sending a message that refers to it. */
  function attachFile() {
    throw new Error('file upload is not supported yet');
  }

  // ---- start -----------------------------------------------------------------------------

  function pickLanguage() {
    var lang = script.getAttribute('data-lang') || cfg.language || 'ru';
    if (lang === 'auto') lang = document.documentElement.lang || navigator.language || 'ru';
    return /^en/i.test(lang) ? 'en' : 'ru';
  }

  function start(config) {
    cfg = config;
    cfg.prechat = cfg.prechat || { enabled: false, fields: [] };
    T = TEXTS[pickLanguage()];
    build();
    connect();
    reportPage();
    watchNavigation();
    if (load('open')) toggle(true);
    else if (cfg.invitation) {
      setTimeout(function () { showInvitation(cfg.invitation); }, (cfg.invitation_delay_secs | 0) * 1000);
    }
  }

  window.FrontdeskWidget = {
    open: function () { toggle(true); },
    close: function () { toggle(false); },
    showInvitation: function (text) { showInvitation(text || T.invitation); },
    attachFile: attachFile
  };

  function boot() {
    fetch(base + 'widget/config?site=' + encodeURIComponent(site))
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      // Without the branding the chat still works, in plain colours.
      .catch(function () { return { prechat: { enabled: false, fields: [] } }; })
      .then(start);
  }
  if (document.body) boot();
  else document.addEventListener('DOMContentLoaded', boot);
})();
