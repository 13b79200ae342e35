  // ---- invitations -----------------------------------------------------------------------
  // Shown as the operator's message with "not now"; writing answers it, and the server's
  // copy of the text then takes the row.

  var invitation = null;

  function onInvitation(f) {
    if (invitation && invitation.id === f.invitation_id) return; // a new socket, same one
    if (invitation) invitation.row.remove();
    if (chatOpen) return;
    var row = messageRow('operator', f.operator_name || T.operator, f.text);
    row.classList.add('fd-invitation');
    var no = row.appendChild(el('button', 'fd-dismiss', T.notNow));
    no.type = 'button';
    no.onclick = dismissInvitation;
    invitation = { id: f.invitation_id, text: f.text, row: row };
    follow(function () { log.append(row); }, true);
    showInvitation(f.text);
    refresh();
  }

  function dismissInvitation() {
    command('dismiss_invitation', { invitation_id: invitation.id });
    invitation.row.remove();
    invitation = null;
    bubble.hidden = true;
    refresh();
  }

  function answerInvitation() {
    var no = invitation && invitation.row.querySelector('.fd-dismiss');
    if (no) no.remove();
  }

  function takesInvitation(m) {
    var i = invitation;
    if (!i || m.author.role !== 'operator' || i.row.querySelector('.fd-dismiss') ||
        m.text !== i.text) return false;
    i.row.setAttribute('data-id', m.id);
    seen[m.id] = i.row;
    invitation = null;
    return true;
  }
