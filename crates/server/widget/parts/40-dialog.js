  // ---- the dialog ------------------------------------------------------------------------

  function sendMessage(text) {
    text = text.trim();
    if (!text) return;
    sendTypingNow('');
    answerInvitation();
    var element = pendingMessage(text);
    var id = command('message', { text: text }, element);
    byClient[id] = element;
  }

  /** Our own message as typed, shown at once and confirmed by the server's copy. */
  function pendingMessage(text) {
    var row = messageRow('visitor', T.you, text);
    row.classList.add('pending');
    row.title = T.pending;
    log.append(row);
    toBottom(); // the visitor's own words: show them, wherever they were reading
    return row;
  }

  function messageRow(role, author, text) {
    var row = el('div', 'fd-msg ' + (role === 'visitor' ? 'mine' : 'theirs'));
    if (role !== 'visitor') row.append(el('div', 'fd-author', author));
    var body = el('div', 'fd-text');
    appendRich(body, text);
    row.append(body);
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
    row.append(el('div', 'fd-error', T.failed + why));
  }

  // The newest message the visitor has had in front of them (kept across pages and visits),
  // so an answer that came while they were away is put where they will see it on return.
  var newestId = 0;
  function markRead(id) {
    if (id > (+load('read') || 0)) save('read', String(id));
    tellSeen();
  }

  // The operator learns their answer was read (`seen`): the newest operator message of the
  // open chat (from the welcome or live; history pages are earlier chats), told once it is in
  // an open window on a visible page with the dialog at its end (not while the visitor reads
  // further up: then when they scroll down). One unsent `seen` waits in the outbox at most: a
  // newer mark replaces its number (never that of one sent once, which may be resent).
  var newestAnswer = 0;
  var seenTold = 0;
  function tellSeen() {
    if (!chatOpen || panel.hidden || document.hidden || newestAnswer <= seenTold) return;
    if (!nearBottom()) return;
    seenTold = newestAnswer;
    var waiting = outbox.find(function (c) { return c.frame.type === 'seen' && !c.sent; });
    if (waiting) waiting.frame.message_id = seenTold;
    else command('seen', { message_id: seenTold });
  }
  document.addEventListener('visibilitychange', tellSeen);

  function showMessage(m, live) {
    if (!m || m.kind === 'note' || seen[m.id] || takesInvitation(m)) return;
    var mine = m.author.role === 'visitor';
    var row = m.client_id && byClient[m.client_id];
    if (row) {
      delete byClient[m.client_id];
      markSent(row, m.id);
      return;
    }
    if (m.author.role === 'operator') {
      if (m.author.name) opName = m.author.name;
      showTyping(false);
      if (live || !historyPage) newestAnswer = Math.max(newestAnswer, m.id);
    }
    row = messageRow(m.author.role, mine ? T.you : m.author.name || T.operator, m.text);
    if (m.attachment) fileRow(row, m.attachment);
    row.setAttribute('data-id', m.id);
    seen[m.id] = row;
    newestId = Math.max(newestId, m.id);
    if (!panel.hidden) markRead(m.id);
    // History pages and reconnects may deliver older messages late: keep id order.
    var later = [].find.call(log.querySelectorAll('.fd-msg[data-id]'), function (r) {
      return +r.getAttribute('data-id') > m.id;
    });
    follow(function () { log.insertBefore(row, later || null); }, live);
    if (live && panel.hidden && !mine) showInvitation(m.text);
    if (live && !mine) countInTitle();
    setStatus();
  }

  // A visitor waiting in another tab sees answers counted in this tab's title: "(2) Shop".
  var plainTitle = null;
  var uncounted = 0;
  function countInTitle() {
    if (!document.hidden) return;
    if (plainTitle === null) plainTitle = document.title;
    uncounted += 1;
    document.title = '(' + uncounted + ') ' + plainTitle;
  }
  document.addEventListener('visibilitychange', function () {
    if (document.hidden || plainTitle === null) return;
    document.title = plainTitle;
    plainTitle = null;
    uncounted = 0;
  });

  function systemLine(text) {
    follow(function () { log.append(el('div', 'fd-system', text)); }, true);
  }

  /** Adds to the dialog through `change`. A visitor at the bottom stays at the bottom; one
   *  reading further up is not pulled away, and `news` puts up the "new messages" pill. */
  function follow(change, news) {
    var stick = nearBottom();
    change();
    if (stick) toBottom();
    else if (news) more.hidden = false;
  }

  // Within a line of the end counts as at the end.
  function nearBottom() {
    return bodyBox.scrollHeight - bodyBox.scrollTop - bodyBox.clientHeight < 40;
  }

  function toBottom() {
    bodyBox.scrollTop = bodyBox.scrollHeight;
    more.hidden = true;
  }

  var typingTimer = null;
  function showTyping(on, name) {
    clearTimeout(typingTimer);
    if (!on) {
      typingLine.hidden = true;
      return;
    }
    follow(function () {
      typingLine.textContent = (name || opName || T.operator) + T.typing;
      typingLine.hidden = false;
    });
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
   *  message while the window is closed, or an operator's invitation (`35-invitation.js`). */
  function showInvitation(text) {
    if (!panel.hidden || !text) return;
    bubble.textContent = text.length > 140 ? text.slice(0, 140) + '…' : text;
    bubble.hidden = false;
  }

  /** Banned (error `banned`, then close 1008): no more input, no reconnecting. */
  function setBanned() {
    stopped = true;
    composer.hidden = true;
    log.hidden = false; // still hidden before a welcome
    formBox.textContent = '';
    systemLine(T.banned);
    if (ws) ws.close();
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
    if (window.FrontdeskContact) setContact(window.FrontdeskContact);
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
    attachFile: attachFile,
    setContact: setContact,
    forget: forget
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
