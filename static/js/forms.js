/* A form sent back with mistakes: its error summary takes the focus, so that a keyboard or screen
 * reader user starts from the list of what to correct. The summary's autofocus attribute already
 * does it without JavaScript, except on an address with a fragment: after the skip link the form
 * was posted to ".../#contenu", and on load the browser focuses that target instead. Dropping the
 * fragment from the address (the page is the answer to a POST) lets the summary keep the focus. */
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (!summary) { return; }
  if (window.location.hash && window.history.replaceState) {
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  summary.focus();
})();
