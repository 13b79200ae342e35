
  // ---- who the site says the visitor is ----------------------------------------------------
  // A logged-in customer is not asked again: window.FrontdeskContact = { name, email, phone,
  // extra: {…}, id, id_hash } before the script, or FrontdeskWidget.setContact({…}) later;
  // forget() at logout. As hostile as the form, but for a verified id.
  var contact = { extra: {} };
  var contactGiven = false;

  // The site may vouch for its customer: { id, id_hash } beside the fields, the hash made by
  // its own server. Sent once a browser. Another customer than the one this browser was
  // verified as starts a new visitor first, unsent commands dropped: one browser's chats
  // never join two customers.
  function identify(given) {
    var id = given.id == null ? '' : String(given.id);
    var hash = String(given.id_hash || '');
    var said = JSON.stringify([id, hash]);
    var was = load('customer');
    if (!id || !hash || was === said) return;
    if (was && JSON.parse(was)[0] !== id) {
      forget();
      outbox = [];
      log.textContent = '';
      seen = {};
      historyAsked = false;
      if (ws) ws.close();
    }
    command('identify', { customer_id: id, hash: hash }, null, function (error) {
      // Their messages from their other browsers, now theirs to see.
      if (!error && ready) ws.send(JSON.stringify({ v: 1, type: 'history', id: uid(), limit: 50 }));
    });
    save('customer', said);
  }

  function setContact(given) {
    given = given || {};
    identify(given);
    var fields = { extra: {} };
    var copy = function (from, to, key) {
      var value = from[key] == null ? '' : String(from[key]).trim();
      if (value) to[key] = value;
    };
    ['name', 'email', 'phone'].forEach(function (k) { copy(given, fields, k); });
    var extra = given.extra || {};
    Object.keys(extra).forEach(function (k) { copy(extra, fields.extra, k); });
    contact = fields;
    var said = JSON.stringify(fields);
    contactGiven = said !== '{"extra":{}}';
    // Sent when changed, not on every page: each is an event for every console.
    if (contactGiven && said !== load('contact')) {
      command('prechat', { fields: fields });
      save('contact', said);
    }
    refresh();
  }

  function told(key) {
    return typeof contact[key] === 'string' || typeof contact.extra[key] === 'string';
  }

  function unknownFields() {
    return cfg.prechat.fields.filter(function (f) { return !told(f.key); });
  }

  function forget() {
    contact = { extra: {} };
    contactGiven = false;
    try {
      Object.keys(localStorage).forEach(function (k) {
        if (!k.indexOf(storeKey)) localStorage.removeItem(k);
      });
    } catch (e) { /* see load */ }
  }
