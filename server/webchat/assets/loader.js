// Caredesk web chat, embedded in a shop's page:
//   <script src="https://care.example.com/webchat.js" data-widget="WIDGET_ID" async></script>
// It adds a button; the chat itself runs in a frame served by Caredesk, so the shop's styles and
// scripts never touch it.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !(script instanceof HTMLScriptElement)) return;
  var widget = script.getAttribute('data-widget');
  if (!widget) {
    console.error('Caredesk web chat: add data-widget="…" (the widget id an admin set up) to the script tag.');
    return;
  }
  var origin = new URL(script.src).origin;
  var label = script.getAttribute('data-label') || 'Chat with us';
  // The visitor's session is kept here, in the shop's own storage: browsers deny storage to a
  // frame from another site, so the window gets it in its address (after #, never sent to a server).
  var sessionKey = 'caredesk.webchat.' + widget;
  var token = null;
  try {
    token = localStorage.getItem(sessionKey);
  } catch {
    /* storage denied: the session lasts as long as the page */
  }

  var button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('data-caredesk', 'launcher');
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-label', label);
  button.textContent = label;
  button.style.cssText =
    'position:fixed;right:20px;bottom:20px;z-index:2147483000;padding:10px 16px;border:0;border-radius:20px;' +
    'background:#1c6ed4;color:#fff;font:600 14px/1.2 system-ui,sans-serif;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.25)';

  var frame = document.createElement('iframe');
  frame.src = origin + '/webchat/frame?widget=' + encodeURIComponent(widget) + (token ? '#' + token : '');
  frame.title = label;
  frame.setAttribute('data-caredesk', 'frame');
  frame.style.cssText =
    'position:fixed;right:20px;bottom:72px;z-index:2147483000;width:360px;max-width:calc(100vw - 40px);' +
    'height:520px;max-height:calc(100vh - 96px);border:0;border-radius:12px;box-shadow:0 4px 24px rgba(0,0,0,.3);display:none';

  var open = false;
  function show(next) {
    open = next;
    frame.style.display = open ? 'block' : 'none';
    button.setAttribute('aria-expanded', String(open));
    if (frame.contentWindow) frame.contentWindow.postMessage({ caredesk: 'open', open: open }, origin);
    if (!open) button.focus();
  }
  button.addEventListener('click', function () {
    show(!open);
  });
  window.addEventListener('message', function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow || !event.data) return;
    if (event.data.caredesk === 'close') show(false);
    if (event.data.caredesk === 'session' && typeof event.data.token === 'string') {
      try {
        localStorage.setItem(sessionKey, event.data.token);
      } catch {
        /* storage denied: a new session next visit */
      }
    }
    if (event.data.caredesk === 'unread') {
      var count = Number(event.data.count) || 0;
      button.textContent = count > 0 ? label + ' (' + count + ')' : label;
      button.setAttribute('aria-label', count > 0 ? label + ', ' + count + ' new' : label);
    }
  });
  function mount() {
    document.body.appendChild(frame);
    document.body.appendChild(button);
  }
  // A tag in the page's head runs before there is a body to add to.
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
