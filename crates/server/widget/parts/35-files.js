  // ---- files -----------------------------------------------------------------------------
  // A paper clip and drag-and-drop onto the window send a file over HTTP (XHR, for its
  // progress) with the visitor's token in a header; a file in the dialog is a button that
  // fetches it the same way and hands the browser a download. Names are inserted as text.

  var fileInput, progressBar, uploading = false;

  function buildFiles() {
    fileInput = el('input', 'fd-file-input');
    fileInput.type = 'file';
    fileInput.hidden = true;
    fileInput.accept = 'image/png,image/jpeg,image/gif,image/webp,application/pdf';
    fileInput.onchange = function () {
      if (fileInput.files.length) attachFile(fileInput.files[0]);
      fileInput.value = '';
    };
    var clip = el('button', 'fd-attach');
    clip.append(clipIcon());
    clip.type = 'button';
    clip.title = T.attach;
    clip.setAttribute('aria-label', T.attach);
    clip.onclick = function () { fileInput.click(); };
    composer.insertBefore(clip, composer.firstChild);
    composer.append(fileInput);
    progressBar = el('progress', 'fd-progress');
    progressBar.max = 100;
    progressBar.hidden = true;
    panel.insertBefore(progressBar, noticeLine);
    panel.addEventListener('dragover', function (e) { e.preventDefault(); });
    panel.addEventListener('drop', function (e) {
      e.preventDefault();
      var file = e.dataTransfer && e.dataTransfer.files[0];
      if (file) attachFile(file);
    });
  }

  /** "10", "2.5" ("2,5" in Russian), at least "0.1": megabytes for the limit's message. */
  function megabytes(bytes) {
    var n = String(Math.round(bytes / (1024 * 1024) * 10) / 10 || 0.1);
    return T.decimalComma ? n.replace('.', ',') : n;
  }

  /** Sends `file` into the visitor's chat; its message comes back over the socket. */
  function attachFile(file) {
    var token = load('token');
    if (!token || uploading) return;
    var max = cfg.max_file_bytes;
    if (max && file.size > max) return notice(T.fileTooLarge.replace('{n}', megabytes(max)));
    notice('');
    uploading = true;
    progressBar.value = 0;
    progressBar.hidden = false;
    var xhr = new XMLHttpRequest();
    xhr.open('POST', base + 'api/visitor/files');
    xhr.setRequestHeader('Authorization', 'Visitor ' + token);
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) progressBar.value = Math.round(e.loaded * 100 / e.total);
    };
    var done = function (why) {
      uploading = false;
      progressBar.hidden = true;
      if (why) notice(why);
    };
    xhr.onload = function () {
      if (xhr.status === 200) return done('');
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON: the status says */ }
      if (body.code === 'file_too_large') return done(T.fileTooLarge.replace('{n}', megabytes(max || 0)));
      if (body.code === 'file_type_not_allowed') return done(T.fileType);
      if (xhr.status === 429 || xhr.status === 507) return done(T.fileLater);
      done(T.fileFailed + (body.message || 'HTTP ' + xhr.status));
    };
    xhr.onerror = function () { done(T.fileFailed + T.connecting); };
    xhr.send(file);
  }

  /** A file message: its name as a button that downloads it with the visitor's token. */
  function fileRow(row, file) {
    var text = row.querySelector('.fd-text');
    text.textContent = '';
    var link = el('button', 'fd-file');
    link.append(clipIcon(), el('span', null, file.name));
    link.type = 'button';
    link.title = T.download;
    link.onclick = function () { downloadFile(file); };
    text.append(link);
  }

  function downloadFile(file) {
    fetch(base + 'api/files/' + encodeURIComponent(file.id), {
      headers: { Authorization: 'Visitor ' + load('token') }
    })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.blob(); })
      .then(function (blob) {
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = file.name;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
      })
      .catch(function (e) { notice(T.fileFailed + e.message); });
  }
