// Runs as soon as the page's HTML arrives, before the app's script: on a lesson's address it asks for the lesson's
// content files at once (rel=preload, as=fetch). The app's own fetch of the same files (same URL, mode and credentials)
// is then answered from the preload instead of starting only after the app's script has loaded. A separate file, so
// the Content-Security-Policy's script-src 'self' holds without an inline script.
(function () {
  var m = /^\/courses\/([a-z0-9][a-z0-9-]{0,63})\/([a-z0-9][a-z0-9-]{0,63})\/([a-z0-9][a-z0-9-]{0,63})\/?$/.exec(location.pathname);
  if (!m || m[3] === 'quiz') return;
  var lang = null;
  try { lang = localStorage.getItem('sogyo.locale'); } catch (e) { /* storage may be blocked */ }
  var base = '/content/' + m[1] + '/' + m[2] + '/';
  // The Japanese lesson file is the one to show unless the reader chose English (then the module file says which).
  var files = lang === 'en' ? [base + 'module.json'] : [base + 'module.json', base + m[3] + '.json'];
  for (var i = 0; i < files.length; i++) {
    var l = document.createElement('link');
    l.rel = 'preload';
    l.as = 'fetch';
    l.crossOrigin = 'anonymous';
    l.href = files[i];
    document.head.appendChild(l);
  }
})();
