
  // ---- the rating of a chat that ended ----------------------------------------------------
  // Asked under the closing line: two buttons, then thanks. A bad one is stored at once;
  // what went wrong, if said, replaces it.
  var rating = null;

  function askRating(chatId) {
    if (rating) rating.remove();
    rating = el('div', 'fd-rate', T.rate);
    ['good', 'bad'].forEach(function (value) {
      var b = el('button', '', T[value]);
      b.onclick = function () {
        rating.textContent = T.rated;
        command('rate_chat', { chat_id: chatId, rating: value });
        if (value === 'bad') {
          var why = el('input');
          why.placeholder = T.why;
          why.setAttribute('aria-label', T.why);
          why.maxLength = 500;
          var send = el('button', '', T.send);
          send.onclick = function () {
            var comment = why.value.trim();
            if (comment) command('rate_chat', { chat_id: chatId, rating: value, comment: comment });
            why.remove();
            send.remove();
          };
          rating.append(why, send);
          why.focus();
        }
      };
      rating.append(b);
    });
    follow(function () { log.append(rating); }, true);
  }
