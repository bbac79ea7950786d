/* The annotate screen: a selection in the text becomes the quote's offsets, and a
   suggestion fills the form. Offsets count Unicode code points, as the server does. */
"use strict";

(function () {
  const article = document.getElementById("ct-article");
  const form = document.getElementById("ct-annotate-form");
  if (!article || !form) {
    return;
  }
  const startInput = form.querySelector("[name=selection-quote_start]");
  const endInput = form.querySelector("[name=selection-quote_end]");
  const selected = document.getElementById("ct-selected");
  const dataNode = document.getElementById("ct-suggestion-data");
  const suggestions = dataNode ? JSON.parse(dataNode.textContent) : [];
  const dismissedKey = "ct-dismissed-" + window.location.pathname;

  const codePoints = (text) => Array.from(text).length;

  // The text takes a caret, so a passage can be selected with Shift and the arrow keys,
  // but it refuses every edit.
  article.contentEditable = "true";
  article.spellcheck = false;
  for (const type of ["beforeinput", "paste", "drop", "cut"]) {
    article.addEventListener(type, (event) => event.preventDefault());
  }

  function offsetOf(node, offset) {
    if (node === article) {
      const child = article.childNodes[offset];
      return child ? Number(child.dataset.start) : Number(article.dataset.length);
    }
    const segment = (node.nodeType === Node.TEXT_NODE ? node.parentElement : node).closest(
      "[data-start]",
    );
    if (!segment || !article.contains(segment)) {
      return null;
    }
    const base = Number(segment.dataset.start);
    if (node.nodeType === Node.TEXT_NODE) {
      return base + codePoints(node.data.slice(0, offset));
    }
    return offset === 0 ? base : base + codePoints(segment.textContent);
  }

  function showSelection(start, end, text) {
    startInput.value = start;
    endInput.value = end;
    const shown = text.length > 160 ? text.slice(0, 157) + "…" : text;
    selected.textContent = `Selected (${start}–${end}): “${shown}”`;
    findMatches(text);
  }

  // The claims already in the record that the passage may make (claims/matching.js): each
  // can be chosen as the statement's claim.
  const matches = document.getElementById("ct-matches");
  let matchTimer = null;
  let matchRequest = 0;

  function findMatches(text) {
    if (!matches) {
      return;
    }
    window.clearTimeout(matchTimer);
    matchTimer = window.setTimeout(() => askMatches(text), 400);
  }

  async function askMatches(text) {
    const request = ++matchRequest;
    const results = (await window.claimtrackMatch(matches.dataset.url, text, 5)) || [];
    if (request !== matchRequest) {
      return;
    }
    const list = matches.querySelector("ol");
    list.replaceChildren();
    for (const result of results) {
      const item = document.createElement("li");
      const label = `#${result.claim.id} ${result.claim.text}`;
      item.append(`${label} (${Math.round(result.score * 100)}%) `);
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button ct-use-claim";
      button.textContent = "This claim";
      button.addEventListener("click", () => {
        choose("statement-existing_claim", { id: result.claim.id, label });
      });
      item.append(button);
      list.append(item);
    }
    matches.hidden = results.length === 0;
  }

  document.addEventListener("selectionchange", () => {
    const selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) {
      return;
    }
    const range = selection.getRangeAt(0);
    if (!article.contains(range.startContainer) || !article.contains(range.endContainer)) {
      return;
    }
    const start = offsetOf(range.startContainer, range.startOffset);
    const end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) {
      return;
    }
    showSelection(start, end, range.toString());
  });

  function field(name) {
    return form.querySelector(`[name="${name}"]`);
  }

  function setValue(name, value) {
    const input = field(name);
    if (!input) {
      return;
    }
    if (input.tagName === "SELECT" && value !== "" && value !== null) {
      if (!Array.from(input.options).some((option) => option.value === String(value))) {
        return;
      }
    }
    input.value = value === null || value === undefined ? "" : value;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function choose(name, choice) {
    // An autocomplete (or plain) select: give it the option, then select it.
    const input = field(name);
    if (!input) {
      return;
    }
    if (!choice) {
      input.value = "";
    } else {
      if (!Array.from(input.options).some((option) => option.value === String(choice.id))) {
        input.append(new Option(choice.label, choice.id, false, false));
      }
      input.value = String(choice.id);
    }
    if (window.django && window.django.jQuery) {
      window.django.jQuery(input).trigger("change");
    } else {
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function use(item) {
    showSelection(item.start, item.end, item.quote);
    choose("statement-actor", item.actor);
    setValue("statement-speaker_label", item.actor ? "" : item.speaker);
    setValue("statement-stance", item.stance);
    choose("statement-responds_to", item.answers);
    const claim = item.claim || {};
    setValue("claim-text", item.answers ? "" : claim.text || "");
    const quantity = claim.quantity || {};
    setValue("claim-quantity_comparator", quantity.comparator || "");
    setValue("claim-quantity_value", quantity.value || "");
    setValue("claim-quantity_upper", quantity.upper || "");
    setValue("claim-quantity_unit", quantity.unit || "");
    const period = claim.period || {};
    setValue("claim-period_start", period.start || "");
    setValue("claim-period_end", period.end || "");
    setValue("claim-place", claim.place || "");
    const rows = form.querySelectorAll(".ct-hop");
    rows.forEach((row, index) => {
      const name = item.via[index] || "";
      choose(`hop-${index}-source`, null);
      setValue(`hop-${index}-title`, name);
    });
    field("statement-stance").focus();
  }

  function hide(li) {
    li.hidden = true;
  }

  const dismissed = new Set(JSON.parse(sessionStorage.getItem(dismissedKey) || "[]"));
  document.querySelectorAll(".ct-suggestion").forEach((li) => {
    if (dismissed.has(Number(li.dataset.index))) {
      hide(li);
    }
  });

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-index]");
    if (!button) {
      return;
    }
    const index = Number(button.dataset.index);
    const item = suggestions.find((candidate) => candidate.index === index);
    if (!item) {
      return;
    }
    if (button.classList.contains("ct-dismiss")) {
      dismissed.add(index);
      sessionStorage.setItem(dismissedKey, JSON.stringify([...dismissed]));
      hide(button.closest(".ct-suggestion"));
    } else if (button.classList.contains("ct-use")) {
      use(item);
    } else if (button.classList.contains("ct-accept")) {
      use(item);
      form.requestSubmit();
    }
  });
})();
