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
      away: 'Операторы отошли, ответим в течение {n} мин.',
      connecting: 'Подключаемся…',
      greeting: 'Здравствуйте! Задайте Ваш вопрос, мы с радостью поможем.',
      invitation: 'Есть вопрос? Напишите нам!',
      name: 'Ваше имя', email: 'E-mail', phone: 'Телефон', department: 'Отдел',
      question: 'Ваш вопрос', start: 'Начать чат', send: 'Отправить',
      placeholder: 'Введите сообщение…',
      offlineIntro: 'Сейчас никого нет в сети. Оставьте сообщение: когда оператор вернётся, ' +
        'его ответ появится здесь, в окне чата.',
      offlineMail: 'Оставьте e-mail — ответ придёт и на почту.',
      offlineThanksMail: 'Ответ придёт и на {email}.',
      prechatMail: 'Если Вы закроете сайт до ответа, он придёт и на почту.',
      offlineSend: 'Оставить сообщение',
      offlineThanks: 'Спасибо, Ваше сообщение сохранено. Сейчас в сети никого нет; когда ' +
        'оператор вернётся, его ответ появится здесь, в окне чата на этом сайте.',
      typing: ' печатает…', operator: 'Оператор', you: 'Вы', more: 'новые сообщения ↓',
      started: 'Чат начат. Оператор скоро ответит.',
      joined: 'Оператор {name} в чате.',
      transferred: 'Чат передан оператору {name}.',
      released: 'Оператор вышел из чата. Ваши сообщения сохранены: ответит первый ' +
        'свободный оператор.',
      closed: 'Чат завершён. Спасибо за обращение!',
      rate: 'Как прошёл разговор?', good: 'Хорошо', bad: 'Плохо', rated: 'Спасибо за оценку!',
      why: 'Что было не так?',
      rateLimited: 'Вы отправляете сообщения слишком часто. Отправим через {s}.', sec: 'с', min: 'мин',
      failed: 'Не отправлено: ', tooLong: 'сообщение слишком длинное',
      manyChats: 'слишком много новых чатов за час, попробуйте через {s}',
      banned: 'Чат для Вас недоступен.',
      required: 'Заполните, пожалуйста, это поле.',
      pending: 'отправляется…',
      notNow: 'Не сейчас',
      attach: 'Прикрепить файл', download: 'Скачать',
      fileTooLarge: 'Файл слишком большой: не больше {n} МБ.',
      decimalComma: true,
      fileType: 'Такой файл отправить нельзя. Можно: изображения (PNG, JPEG, GIF, WebP) и PDF.',
      fileFailed: 'Файл не отправлен: ',
      fileLater: 'Сейчас файл не принять: попробуйте позже или опишите словами.'
    },
    en: {
      open: 'Open chat', close: 'Minimise', end: 'End chat',
      online: 'An operator is online', offline: 'Operators are offline',
      away: 'Operators are away: we reply within {n} min',
      connecting: 'Connecting…',
      greeting: 'Hello! Ask us anything, we are glad to help.',
      invitation: 'Have a question? Write to us!',
      name: 'Your name', email: 'E-mail', phone: 'Phone', department: 'Department',
      question: 'Your question', start: 'Start chat', send: 'Send',
      placeholder: 'Type a message…',
      offlineIntro: 'Nobody is online right now. Leave a message: when an operator is back, ' +
        'their reply will appear here, in the chat window.',
      offlineMail: 'Leave an e-mail to get the answer there too.',
      offlineThanksMail: 'The answer will also be sent to {email}.',
      prechatMail: 'If you leave the site before the answer, it is also sent to this e-mail.',
      offlineSend: 'Leave a message',
      offlineThanks: 'Thank you, your message is saved. Nobody is online right now; when an ' +
        'operator is back, their reply will appear here, in the chat window on this site.',
      typing: ' is typing…', operator: 'Operator', you: 'You', more: 'new messages ↓',
      started: 'Chat started. An operator will answer shortly.',
      joined: '{name} joined the chat.',
      transferred: 'The chat was transferred to {name}.',
      released: 'The operator has left the chat. Your messages are kept: the next free ' +
        'operator will answer.',
      closed: 'The chat has ended. Thank you for contacting us!',
      rate: 'How was the conversation?', good: 'Good', bad: 'Bad', rated: 'Thank you for rating!',
      why: 'What went wrong?',
      rateLimited: 'You are sending messages too fast. We will send it in {s}.', sec: 's', min: 'min',
      failed: 'Not sent: ', tooLong: 'the message is too long',
      manyChats: 'too many new chats this hour, please try again in {s}',
      banned: 'The chat is not available to you.',
      required: 'Please fill in this field.',
      pending: 'sending…',
      notNow: 'Not now',
      attach: 'Attach a file', download: 'Download',
      fileTooLarge: 'The file is too large: {n} MB at most.',
      fileType: 'This kind of file cannot be sent. Allowed: images (PNG, JPEG, GIF, WebP) and PDF.',
      fileFailed: 'The file was not sent: ',
      fileLater: 'The file cannot be taken now: try later or describe it in words.'
    }
  };

  var cfg = null; // from /widget/config
  var T = TEXTS.ru;

  // ---- small helpers -------------------------------------------------------------------

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (tag === 'button') e.type = 'button'; // not submit, unless set so
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function fill(template, name) {
    return template.replace('{name}', function () { return name || T.operator; });
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
      parent.append(text.slice(last, offset), link);
      last = offset + url.length;
      return match;
    });
    parent.append(text.slice(last));
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

