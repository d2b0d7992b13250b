// textmine report: filter posts by a search query (vanilla JS, no network).
(function () {
  "use strict";
  var input = document.getElementById("search");
  var count = document.getElementById("search-count");
  var posts = Array.prototype.slice.call(document.querySelectorAll("article.post"));
  var haystacks = posts.map(function (post) { return (post.textContent || "").toLowerCase(); });

  function apply(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    posts.forEach(function (post, i) {
      var match = words.every(function (word) { return haystacks[i].indexOf(word) !== -1; });
      post.hidden = !match;
      if (match) { shown += 1; }
    });
    if (count) { count.textContent = shown + " of " + posts.length + " posts"; }
    document.documentElement.setAttribute("data-search-shown", String(shown));
  }

  function queryFromHash() {
    var match = /(?:^#|&)search=([^&]*)/.exec(window.location.hash);
    if (!match) { return null; }
    var raw = match[1].replace(/\+/g, " ");
    try {
      return decodeURIComponent(raw);
    } catch (error) {  // a malformed %-escape: search for the text as typed, keep the page working
      return raw;
    }
  }

  function openTarget() {
    // A link to a post (e.g. from the citation table) opens it even when collapsed or filtered out.
    var id = window.location.hash.slice(1);
    if (!id || id.indexOf("=") !== -1) { return; }
    var target = document.getElementById(id);
    if (target && target.matches("article.post")) {
      target.hidden = false;
      var details = target.querySelector("details");
      if (details) { details.open = true; }
      target.scrollIntoView();
    }
  }

  if (input) {
    input.addEventListener("input", function () { apply(input.value); });
    var initial = queryFromHash();
    if (initial !== null) { input.value = initial; }
    apply(input.value);
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  document.documentElement.setAttribute("data-search", "ready");
}());
