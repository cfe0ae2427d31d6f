// Documents that take seconds to write (the April report and its annex): the page says it is working
// while the server writes one, and says when it is done, in a live region a screen reader reads out.
// Without JavaScript the links are plain downloads. A background task replaces this in a later issue.
(function () {
  "use strict";
  function filename(response, link) {
    var match = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
    return match ? match[1] : link.getAttribute("href").split("/").pop();
  }
  function start(link, status) {
    var name = link.getAttribute("data-document");
    status.textContent = name + " " + status.getAttribute("data-working");
    link.setAttribute("aria-busy", "true");
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.blob().then(function (blob) { return [blob, filename(response, link)]; });
      })
      .then(function (result) {
        var url = URL.createObjectURL(result[0]);
        var save = document.createElement("a");
        save.href = url;
        save.download = result[1];
        document.body.appendChild(save);
        save.click();
        save.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
        status.textContent = name + " " + status.getAttribute("data-done");
      })
      .catch(function () {
        status.textContent = name + " " + status.getAttribute("data-failed");
      })
      .finally(function () { link.removeAttribute("aria-busy"); });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-document]");
    var status = document.getElementById("document-status");
    if (!link || !status || !window.fetch || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    event.preventDefault();
    if (link.getAttribute("aria-busy") === "true") { return; }
    start(link, status);
  });
})();
