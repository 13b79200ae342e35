  // ---- the window ------------------------------------------------------------------------

  var root, button, panel, statusLine, bodyBox, log, typingLine, noticeLine, composer, input;
  var formBox, bubble, endButton, more;
  var seen = {}; // message id → element, so no message shows twice
  var byClient = {}; // client id → our not yet confirmed copy
  var view = '';
  var offlineDone = false;
  var maxChars = 4000; // the server's message limit, from each `welcome`
  var offlineEmail = ''; // the address an offline message left, for the thanks
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
    root.append(style);
    var w = Math.min(Math.max(cfg.width | 0, 280), 600);
    var h = Math.min(Math.max(cfg.height | 0, 360), 900);
    var vars = { w: w + 'px', h: h + 'px', color: cfg.color || '#1f6feb', 'on-color': cfg.text_color || '#fff' };
    for (var k in vars) host.style.setProperty('--fd-' + k, vars[k]);
    var wrap = el('div', 'fd ' + (cfg.position === 'left' ? 'left' : 'right'));

    button = el('button', 'fd-button');
    button.setAttribute('aria-label', T.open);
    button.append(launcherIcon());
    button.onclick = function () { toggle(true, 1); };

    bubble = el('div', 'fd-bubble');
    bubble.hidden = true;
    bubble.onclick = button.onclick;

    panel = el('section', 'fd-panel');
    panel.hidden = true;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', cfg.company || T.operator);
    panel.tabIndex = -1;
    panel.onkeydown = function (e) { if (e.key === 'Escape') toggle(false, 1); };
    var header = el('header', 'fd-header');
    if (/^(https?:\/\/|\/)/.test(cfg.logo_url || '')) {
      var logo = el('img', 'fd-logo');
      logo.src = cfg.logo_url;
      logo.alt = '';
      header.append(logo);
    }
    var titles = el('div', 'fd-titles');
    statusLine = el('div', 'fd-status');
    titles.append(el('div', 'fd-company', cfg.company || T.operator), statusLine);
    header.append(titles);
    endButton = el('button', 'fd-end', T.end);
    endButton.onclick = function () { command('close_chat', {}); };
    header.append(endButton);
    var closeButton = el('button', 'fd-close', '×');
    closeButton.setAttribute('aria-label', T.close);
    closeButton.onclick = function () { toggle(false, 1); };
    header.append(closeButton);

    bodyBox = el('div', 'fd-body');
    log = el('div', 'fd-log');
    log.setAttribute('aria-live', 'polite');
    log.append(el('div', 'fd-greeting', cfg.greeting || T.greeting));
    formBox = el('div', 'fd-form-box');
    typingLine = el('div', 'fd-typing');
    typingLine.hidden = true;
    noticeLine = el('div', 'fd-notice');
    noticeLine.hidden = true;
    more = el('button', 'fd-more', T.more);
    more.hidden = true;
    more.onclick = toBottom;
    bodyBox.append(log, typingLine, formBox, more);
    bodyBox.onscroll = function () {
      if (!nearBottom()) return;
      more.hidden = true;
      tellSeen(); // scrolled down to answers that came while reading further up
    };

    composer = el('form', 'fd-composer');
    input = el('textarea', 'fd-input');
    input.rows = 2;
    input.placeholder = T.placeholder;
    input.maxLength = maxChars;
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
    buildFiles();
    wrap.append(panel, bubble, button);
    root.append(wrap);
    document.body.append(host);
  }

  /** The launcher's speech balloon, as SVG: an emoji needs a font many systems lack. */
  function launcherIcon() {
    var svg = svgEl('svg', { 'class': 'fd-icon', viewBox: '0 0 24 24', 'aria-hidden': 'true' });
    // A rounded balloon, tail at the lower left, with three dots cut out (even-odd fill).
    var dot = 'a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0z';
    svg.append(svgEl('path', { 'fill-rule': 'evenodd', d: 'M6 3.5h12a3.5 3.5 0 0 1 3.5 ' +
      '3.5v7a3.5 3.5 0 0 1-3.5 3.5h-7l-5 4v-4a3.5 3.5 0 0 1-3.5-3.5V7A3.5 3.5 0 0 1 6 3.5z' +
      'M6.7 10.5' + dot + 'M10.7 10.5' + dot + 'M14.7 10.5' + dot }));
    return svg;
  }

  /** A paper clip (attach, and before a file's name), as SVG for the same reason. */
  function clipIcon() {
    var svg = svgEl('svg', { 'class': 'fd-clip', viewBox: '0 0 24 24', 'aria-hidden': 'true' });
    svg.append(svgEl('path', { transform: 'rotate(45 12 12)',
      d: 'M16.5 6.5V16a4.5 4.5 0 0 1-9 0V5.5a3 3 0 0 1 6 0V15a1.5 1.5 0 0 1-3 0V7' }));
    return svg;
  }

  function svgEl(tag, attrs) {
    var e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }

  /** Opens or closes the window; by hand (not on a page load), the keys go with it. */
  function toggle(open, byHand) {
    panel.hidden = !open;
    button.hidden = open;
    bubble.hidden = true;
    if (open) {
      markRead(newestId);
      save('open', '1');
      refresh();
      toBottom();
    } else {
      save('open', '');
    }
    if (byHand) open ? keysIn() : button.focus();
  }

  /** The keys into the window: its first field, or itself on a touch screen (no keyboard pops up). */
  function keysIn() {
    var fields = [].filter.call(panel.querySelectorAll('input:not([type=file]),select,textarea'),
      function (f) { return f.getClientRects().length; });
    (matchMedia('(pointer:coarse)').matches ? panel : fields[0] || panel).focus();
  }

  function setStatus() {
    if (!statusLine) return;
    statusLine.textContent = stopped ? T.banned : !ready ? T.connecting
      : online ? (opName && chatOpen ? opName : T.online)
      : away ? T.away.replace('{n}', cfg.away_reply_mins || 15) : T.offline;
    statusLine.className = 'fd-status' + (!ready ? '' : online ? ' on' : away ? ' away' : '');
  }

  /** Picks what the window shows: the pre-chat form, the offline form, or the dialog. */
  function refresh() {
    setStatus();
    if (!panel) return;
    endButton.hidden = !chatOpen;
    // Until the first welcome we do not know whether anyone is online: show neither form.
    var next = 'chat';
    if (!welcomed) next = 'wait';
    else if (!chatOpen && !online && !away) next = offlineDone ? 'thanks' : 'offline';
    else if (!chatOpen && cfg.prechat.enabled && !prechatDone && !hasDialog() &&
      (!contactGiven || unknownFields().length)) next = 'prechat';
    if (next === view) return;
    view = next;
    panel.setAttribute('data-view', view);
    // A form gone while the visitor was in it, or the window opened by hand before there was
    // anything to type in (the keys on the window itself, waiting for the server's welcome on
    // a slow link): the keys go on to what follows.
    var typing = formBox.contains(root.activeElement) || root.activeElement === panel;
    follow(function () {
      formBox.textContent = '';
      composer.hidden = view !== 'chat';
      log.hidden = view === 'wait';
      if (view === 'prechat') formBox.append(prechatForm());
      if (view === 'offline') formBox.append(offlineForm());
      if (view === 'thanks') formBox.append(el('p', 'fd-thanks', offlineThanks()));
    });
    if (typing) keysIn();
  }

  function hasDialog() {
    return Object.keys(seen).length > 0 || !!invitation ||
      outbox.some(function (c) { return c.element; });
  }

  function field(form, key, label, required, options, multiline) {
    var box = el('label', 'fd-field');
    box.append(el('span', null, label + (required ? ' *' : '')));
    var control;
    if (options && options.length) {
      control = el('select');
      control.appendChild(el('option', null, '—')).value = '';
      options.forEach(function (o) { control.appendChild(el('option', null, o)).value = o; });
    } else {
      control = el(multiline ? 'textarea' : 'input');
      if (!multiline) control.type = key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text';
      control.maxLength = multiline ? maxChars : 500;
    }
    control.name = key;
    control.required = !!required;
    box.append(control);
    form.append(box);
    return control;
  }

  function prechatForm() {
    var form = el('form', 'fd-form fd-prechat');
    var controls = unknownFields().map(function (f) {
      var control = field(form, f.key, f.label || T[f.key] || f.key, f.required, f.options);
      // The server mails answers to a visitor who left the site: said only where it does.
      if (f.key === 'email' && cfg.mail_answers) control.parentNode.append(el('small', 'fd-hint', T.prechatMail));
      return control;
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
      if (element) byClient[id] = element;
      refresh();
    };
    return form;
  }

  /** The answer also goes by e-mail only where the server sends mail: said only then. */
  function offlineThanks() {
    if (!cfg.mail_answers || !offlineEmail) return T.offlineThanks;
    // A function, so `$&` in what the visitor typed is not a replacement pattern.
    return T.offlineThanks + ' ' + T.offlineThanksMail.replace('{email}', function () { return offlineEmail; });
  }

  function offlineForm() {
    var form = el('form', 'fd-form fd-offline');
    form.append(el('p', null, cfg.mail_answers ? T.offlineIntro + ' ' + T.offlineMail : T.offlineIntro));
    var name = field(form, 'name', T.name);
    var email = field(form, 'email', T.email);
    name.value = contact.name || '';
    email.value = contact.email || '';
    var text = field(form, 'text', T.question, true, null, true);
    var send = form.appendChild(el('button', 'fd-send', T.offlineSend));
    send.type = 'submit';
    var problem = form.appendChild(el('div', 'fd-error'));
    text.oninput = function () { text.setCustomValidity(''); };
    form.onsubmit = function (e) {
      e.preventDefault();
      // Spaces alone pass `required`; the server would refuse them after a thanks.
      if (!text.value.trim()) {
        text.setCustomValidity(T.required);
        return text.reportValidity();
      }
      var address = email.value.trim();
      send.disabled = true;
      send.textContent = T.pending;
      problem.textContent = '';
      // Thanked only once the server has stored it: a refusal keeps the form and its text.
      command('offline_message', {
        text: text.value.trim(),
        name: name.value.trim() || undefined,
        email: address || undefined
      }, null, function (error) {
        send.disabled = false;
        send.textContent = T.offlineSend;
        if (error) {
          problem.textContent = T.failed + error;
          return;
        }
        offlineEmail = address;
        offlineDone = true;
        refresh();
      });
    };
    return form;
  }

