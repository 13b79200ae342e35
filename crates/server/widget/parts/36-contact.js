
  // ---- who the site says the visitor is ----------------------------------------------------
  // A logged-in customer is not asked again: window.FrontdeskContact = { name, email, phone,
  // extra: {…} } before the script, or FrontdeskWidget.setContact({…}) later; forget() at
  // logout. As hostile as the form.
  var contact = { extra: {} };
  var contactGiven = false;

  function setContact(given) {
    var fields = { extra: {} };
    var copy = function (from, to, key) {
      var value = from[key] == null ? '' : String(from[key]).trim();
      if (value) to[key] = value;
    };
    given = given || {};
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
