// Caredesk web chat window (served at /webchat/frame): talks to the server's /webchat namespace
// (events and shapes: server/webchat/protocol.ts). A message is kept on screen until the server
// has stored it; one that fails says so and can be sent again (it is stored once either way).
(function () {
  'use strict';
  var widget = new URLSearchParams(location.search).get('widget') || '';
  var tokenKey = 'caredesk.webchat.' + widget;
  var nameKey = tokenKey + '.name';
  var emailKey = tokenKey + '.email';
  var embedded = window.parent !== window;
  var open = !embedded;
  var el = function (id) {
    return document.getElementById(id);
  };
  var thread = el('thread');
  var form = el('composer');
  var body = el('body');
  var nameInput = el('name');
  var emailInput = el('email');
  var sendButton = el('send');
  var statusLine = el('status');
  var errorLine = el('error');
  var lines = {}; // id → line shown
  var reported = {}; // id → 'delivered' | 'read'
  var unread = 0;

  function read(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  }
  function keep(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch {
      /* private mode: the session lasts as long as the page */
    }
  }
  // Embedded, the shop's page keeps the session and passes it after #; alone, this window keeps it.
  var token = (embedded ? location.hash.slice(1) : read(tokenKey)) || null;
  nameInput.value = read(nameKey) || '';
  emailInput.value = read(emailKey) || '';

  function time(at) {
    return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }
  function clientId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ('0' + b.toString(16)).slice(-2);
      })
      .join('');
  }

  function render(line) {
    var empty = el('empty');
    if (empty) empty.remove();
    var item = line.node && line.node.isConnected ? line.node : lines[line.key] && lines[line.key].node;
    if (!item) {
      item = document.createElement('li');
      thread.appendChild(item);
    }
    item.className = line.from + (line.failed ? ' failed' : '');
    item.setAttribute('data-from', line.from);
    item.setAttribute('data-state', line.failed ? 'failed' : line.pending ? 'sending' : 'stored');
    item.textContent = line.body;
    var meta = document.createElement('small');
    meta.textContent = line.failed ? 'Not sent: ' + line.failed : line.pending ? 'Sending…' : time(line.at);
    if (line.failed) {
      var retry = document.createElement('button');
      retry.type = 'button';
      retry.textContent = 'Send again';
      retry.addEventListener('click', function () {
        deliver(line);
      });
      meta.appendChild(retry);
    }
    item.appendChild(meta);
    line.node = item;
    lines[line.key] = line;
    thread.scrollTop = thread.scrollHeight;
  }

  function showThread(messages) {
    thread.textContent = '';
    lines = {};
    messages.forEach(function (message) {
      render({ key: message.id, id: message.id, from: message.from, body: message.body, at: message.at });
      // Replies already known delivered or read are not reported again on every visit.
      if (message.status === 'delivered' || message.status === 'read') reported[message.id] = message.status;
    });
    if (messages.length === 0) {
      var empty = document.createElement('li');
      empty.id = 'empty';
      empty.textContent = 'Ask us anything: an order, a delivery, a return.';
      thread.appendChild(empty);
    }
  }

  // Replies shown: delivered; shown while the chat is open and the page visible: read.
  function report() {
    var status = open && document.visibilityState === 'visible' ? 'read' : 'delivered';
    var ids = Object.keys(lines).filter(function (key) {
      var line = lines[key];
      return line.from === 'brand' && line.id && reported[line.id] !== 'read' && reported[line.id] !== status;
    });
    if (ids.length === 0) return;
    ids.forEach(function (id) {
      reported[id] = status;
    });
    socket.emit('seen', { ids: ids.slice(-100), status: status });
    if (status === 'read') setUnread(0);
  }
  function setUnread(count) {
    unread = count;
    if (embedded) window.parent.postMessage({ caredesk: 'unread', count: unread }, '*');
  }

  var socket = io('/webchat', {
    transports: ['websocket'],
    auth: function (answer) {
      answer(token ? { widget: widget, token: token } : { widget: widget });
    },
  });
  socket.on('connect', function () {
    statusLine.textContent = '';
  });
  socket.on('disconnect', function () {
    statusLine.textContent = 'Connection lost. Reconnecting…';
  });
  socket.on('connect_error', function (error) {
    var code = error && error.data && error.data.code;
    statusLine.textContent =
      code === 'not_found' || code === 'invalid_input'
        ? error.message
        : 'Cannot reach the chat right now. Trying again…';
    if (code === 'not_found' || code === 'invalid_input') {
      socket.disconnect();
      sendButton.disabled = true;
    }
  });
  socket.on('ready', function (hello) {
    if (hello.token) {
      token = hello.token;
      if (embedded) window.parent.postMessage({ caredesk: 'session', token: token }, '*');
      else keep(tokenKey, token);
    }
    el('brand').textContent = hello.brand;
    document.title = 'Chat with ' + hello.brand;
    var waiting = Object.keys(lines)
      .map(function (key) {
        return lines[key];
      })
      .filter(function (line) {
        return line.pending || line.failed;
      });
    showThread(hello.messages);
    if (hello.error) statusLine.textContent = hello.error;
    waiting.forEach(deliver);
    report();
  });
  socket.on('line', function (line) {
    if (lines[line.id]) return;
    render({ key: line.id, id: line.id, from: line.from, body: line.body, at: line.at });
    if (line.from === 'brand' && !(open && document.visibilityState === 'visible')) setUnread(unread + 1);
    report();
  });

  function deliver(line) {
    line.pending = true;
    line.failed = null;
    render(line);
    var name = nameInput.value.trim();
    var email = emailInput.value.trim();
    var message = { body: line.body, clientId: line.clientId };
    if (name) message.name = name;
    if (email) message.email = email;
    socket.timeout(15000).emit('send', message, function (timedOut, answer) {
      line.pending = false;
      if (timedOut) line.failed = 'no answer from the chat.';
      else if (!answer.ok) line.failed = answer.error.message;
      else {
        line.failed = null;
        delete lines[line.key];
        line.key = answer.line.id;
        line.id = answer.line.id;
        line.at = answer.line.at;
        if (lines[line.key]) {
          line.node.remove();
          return;
        }
      }
      render(line);
    });
  }

  function submit() {
    var text = body.value.trim();
    errorLine.textContent = '';
    if (!text) {
      errorLine.textContent = 'Write a message first.';
      return;
    }
    if (text.length > 2000) {
      errorLine.textContent = 'A message can be at most 2000 characters.';
      return;
    }
    if (emailInput.value.trim() && !emailInput.checkValidity()) {
      errorLine.textContent = 'That email address does not look right.';
      emailInput.focus();
      return;
    }
    if (nameInput.value.trim()) keep(nameKey, nameInput.value.trim());
    if (emailInput.value.trim()) keep(emailKey, emailInput.value.trim());
    var id = clientId();
    deliver({ key: 'pending-' + id, clientId: id, from: 'visitor', body: text, at: Date.now() });
    body.value = '';
    body.focus();
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    submit();
  });
  body.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  function close() {
    if (embedded) window.parent.postMessage({ caredesk: 'close' }, '*');
  }
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') close();
  });
  el('close').addEventListener('click', close);
  el('close').hidden = !embedded;
  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || !event.data || event.data.caredesk !== 'open') return;
    open = Boolean(event.data.open);
    if (open) {
      body.focus();
      report();
    }
  });
  document.addEventListener('visibilitychange', report);
})();
