// A small toolbar over the article body's <textarea>: wraps the selection in the few tags the
// sanitiser keeps (registrations/sanitise.py) and inserts the article's uploaded photos.
// Without JavaScript the textarea still works (paragraphs separated by a blank line).
// The words it inserts and asks with come from the toolbar's data-* attributes, translated by the
// page (templates/registrations/articles/form.html).
(function () {
  "use strict";

  function replaceSelection(area, before, after, placeholder) {
    var start = area.selectionStart, end = area.selectionEnd;
    var selected = area.value.slice(start, end) || placeholder || "";
    var text = before + selected + after;
    area.setRangeText(text, start, end, "end");
    area.focus();
    area.selectionStart = start + before.length;
    area.selectionEnd = start + before.length + selected.length;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function escapeAttr(value) {
    return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function setup(toolbar) {
    var area = document.getElementById(toolbar.getAttribute("data-editor-for"));
    if (!area) return;
    var words = {
      text: toolbar.getAttribute("data-text-placeholder") || "",
      list: toolbar.getAttribute("data-list-placeholder") || "",
      linkPrompt: toolbar.getAttribute("data-link-prompt") || "",
      link: toolbar.getAttribute("data-link-placeholder") || ""
    };
    toolbar.hidden = false;
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.hasAttribute("data-wrap")) {
        var tag = button.getAttribute("data-wrap");
        replaceSelection(area, "<" + tag + ">", "</" + tag + ">", words.text);
      } else if (button.hasAttribute("data-block")) {
        var block = button.getAttribute("data-block");
        replaceSelection(area, "\n<" + block + ">", "</" + block + ">\n", "");
      } else if (button.hasAttribute("data-list")) {
        var start = area.selectionStart, end = area.selectionEnd;
        var lines = (area.value.slice(start, end) || words.list).split("\n").filter(function (l) { return l.trim(); });
        var html = "\n<ul>\n" + lines.map(function (l) { return "<li>" + l.trim() + "</li>"; }).join("\n") + "\n</ul>\n";
        area.setRangeText(html, start, end, "end");
        area.focus();
      } else if (button.hasAttribute("data-link")) {
        var url = window.prompt(words.linkPrompt, "https://");
        if (!url || !/^(https?:\/\/|mailto:)/i.test(url)) return;
        replaceSelection(area, '<a href="' + escapeAttr(url) + '">', "</a>", words.link);
      }
    });
  }

  function setupPhotos() {
    document.querySelectorAll("[data-insert-photo]").forEach(function (button) {
      var area = document.getElementById(button.getAttribute("data-editor-target"));
      if (!area) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var caption = button.getAttribute("data-caption") || "";
        var html = '\n<figure><img src="' + escapeAttr(button.getAttribute("data-insert-photo")) + '" alt="' + escapeAttr(caption) + '">' +
          (caption ? "<figcaption>" + escapeAttr(caption) + "</figcaption>" : "") + "</figure>\n";
        area.setRangeText(html, area.selectionStart, area.selectionEnd, "end");
        area.focus();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-editor-for]").forEach(setup);
    setupPhotos();
  });
})();
