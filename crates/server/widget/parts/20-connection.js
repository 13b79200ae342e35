  // ---- the connection --------------------------------------------------------------------

  var ws = null;
  var ready = false; // welcome received on the current socket
  var attempt = 0; // reconnects since the last welcome, for the backoff
  var stopped = false; // the server refused us for good (origin, ban)
  var online = false;
  var away = false; // nobody online, someone away: chat, answers come later
  var chatOpen = false; // the visitor has a waiting or active chat
  var opName = '';
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

  // `then(error)` runs once the server has stored the command (no error) or refused it.
  function command(type, fields, element, then) {
    var frame = Object.assign({ v: 1, type: type, id: uid() }, fields);
    outbox.push({ frame: frame, element: element || null, then: then });
    pump();
    return frame.id;
  }

  function pump() {
    if (!ready || inFlight || !outbox.length || Date.now() < holdUntil) return;
    inFlight = outbox[0];
    inFlight.sent = true; // its body is fixed now: a resend must be the same command
    ws.send(JSON.stringify(inFlight.frame));
  }

  function settle(id, error) {
    var i = outbox.findIndex(function (c) { return c.frame.id === id; });
    if (i < 0) return null;
    var done = outbox.splice(i, 1)[0];
    if (inFlight === done) inFlight = null;
    if (error && done.element) markFailed(done.element, error);
    if (done.then) done.then(error);
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
      case 'typing': return showTyping(f.typing, f.operator_name);
      case 'presence': return hear(f);
      case 'history': return showHistory(f.messages);
      case 'invitation': return onInvitation(f);
    }
  }

  // Set while a history page (earlier chats) is shown: its answers are not the open chat's.
  var historyPage = false;
  function showHistory(messages) {
    historyPage = true;
    try { messages.forEach(function (m) { showMessage(m); }); } finally { historyPage = false; }
  }

  function onWelcome(f) {
    save('token', f.token);
    ready = welcomed = true;
    attempt = 0;
    chatOpen = f.chat_status === 'waiting' || f.chat_status === 'active';
    // The boxes take no more than the server stores (a limit lowered since applies now).
    maxChars = (f.limits && f.limits.max_message_chars) || maxChars;
    input.maxLength = maxChars;
    formBox.querySelectorAll('textarea').forEach(function (t) { t.maxLength = maxChars; });
    f.messages.forEach(function (m) { showMessage(m); });
    // An answer written while the visitor was away (the window closed): shown in the bubble.
    var read = +load('read') || 0;
    var unread = f.messages.filter(function (m) {
      return m.author.role === 'operator' && m.kind !== 'note' && m.id > read;
    }).pop();
    if (unread) showInvitation(unread.text);
    // The welcome holds only the open chat; earlier conversations come from `history`
    // (not a stored change, so it bypasses the outbox).
    if (!historyAsked) {
      historyAsked = true;
      ws.send(JSON.stringify({ v: 1, type: 'history', id: uid(), limit: 50 }));
    }
    hear(f);
    pump();
  }

  /** Who is there to answer (welcome, presence). */
  function hear(f) {
    online = f.operators_online;
    away = f.operators_status === 'away';
    refresh();
  }

  function onAck(f) {
    var done = settle(f.id);
    if (done && done.element) markSent(done.element, f.message_id);
    if (done && /^(start_chat|message)$/.test(done.frame.type)) {
      chatOpen = true;
      refresh();
    }
    pump();
  }

  function onError(f) {
    if (f.code === 'rate_limited' && f.id) {
      var wait = Math.max(f.retry_after_ms || 1000, 100);
      var s = Math.ceil(wait / 1000);
      var when = s > 90 ? Math.ceil(s / 60) + ' ' + T.min : s + ' ' + T.sec;
      // A long wait (the hour's bound on new chats) refuses this command alone: holding
      // it would hold every later one, page views too, for up to an hour.
      if (wait > 60000) {
        settle(f.id, T.manyChats.replace('{s}', when));
        return pump();
      }
      // Keep the command and send it again, same id, once the wait is over.
      inFlight = null;
      holdUntil = Date.now() + wait;
      notice(T.rateLimited.replace('{s}', when));
      clearTimeout(holdTimer);
      holdTimer = setTimeout(function () { notice(''); pump(); }, wait);
      return;
    }
    if (f.code === 'banned') return setBanned();
    if (f.code === 'internal' && f.id) {
      inFlight = null;
      setTimeout(pump, 2000);
      return;
    }
    if (f.id) settle(f.id, f.code === 'message_too_long' ? T.tooLong : f.message);
    pump();
  }

  function onSystem(f) {
    if (f.operator_name) opName = f.operator_name;
    // Joining opens the chat for this page too: an answered offline message becomes one.
    if (f.event === 'joined') {
      chatOpen = true;
      tellSeen(); // an answer to an offline message may have come just before
    }
    if (f.event === 'closed') {
      chatOpen = false;
      showTyping(false);
    }
    if (f.event === 'transferred') return showTransfer(f.operator_name);
    // Nobody has the chat now: the header no longer names the operator who left.
    if (f.event === 'released') opName = '';
    var line = {
      joined: fill(T.joined, f.operator_name), closed: T.closed, started: T.started,
      released: T.released
    };
    if (line[f.event]) systemLine(line[f.event]); // an event we do not know: no line
    if (f.event === 'closed') askRating(f.chat_id);
    refresh();
  }

  // ---- page views ------------------------------------------------------------------------

  var lastUrl = null;
  var lastReferrer = document.referrer;

  function reportPage() {
    var url = location.href;
    if (url === lastUrl) return;
    var referrer = lastUrl || lastReferrer;
    lastUrl = url;
    var title = plainTitle === null ? document.title : plainTitle; // without our count
    command('page_view', { url: url, title: title, referrer: referrer || undefined });
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

