
  // ---- the visitor's rating of a chat that ended ---------------------------------------------
  // Asked under the closing line: two buttons, then thanks (a later close asks anew).
  var rating = null;

  function askRating(chatId) {
    if (rating) rating.remove();
    rating = el('div', 'fd-rate', T.rate);
    ['good', 'bad'].forEach(function (value) {
      var b = el('button', '', T[value]);
      b.onclick = function () {
        rating.textContent = T.rated;
        command('rate_chat', { chat_id: chatId, rating: value });
      };
      rating.append(b);
    });
    follow(function () { log.append(rating); }, true);
  }
