/* The claim page's "Already in the record?" panel: the claims that best match this one's
   text (claims/matching.js), each a click from being recorded as the same claim. Fetched
   after the page is shown, so the page never waits for matching. On the add page the panel
   follows the text as it is typed, and "Same claim as" saves the new claim with a
   duplicate_of relation to the one chosen (the form's hidden same_as field). */
"use strict";

// The admin loads its scripts in the page's head: wait for the panel to exist.
document.addEventListener("DOMContentLoaded", function () {
  // Candidates scored lower are not shown: they would read as 0 % and only add noise.
  const MIN_SCORE = 0.01;
  const panel = document.getElementById("ct-similar");
  if (!panel) {
    return;
  }
  const csrf = document.querySelector("[name=csrfmiddlewaretoken]");
  const claim = Number(panel.dataset.claim);
  const known = new Set((panel.dataset.known || "").split(" ").filter(Boolean).map(Number));
  const status = panel.querySelector("p");
  const waiting = status.textContent;
  const list = panel.querySelector("ol");

  function changeUrl(id) {
    return panel.dataset.changeUrl.replace("/0/", `/${id}/`);
  }

  function recordSame(id) {
    // A form of its own: the change form around the panel must not be submitted.
    const form = document.createElement("form");
    form.method = "post";
    form.action = panel.dataset.sameUrl;
    form.hidden = true;
    for (const [name, value] of [
      ["csrfmiddlewaretoken", csrf ? csrf.value : ""],
      ["to_claim", String(id)],
    ]) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  }

  // The add page: no claim yet, the text is the form's.
  const textInput = panel.dataset.claim ? null : document.getElementById("id_text");
  const sameAs = document.querySelector("input[name=same_as]");

  function saveAsSame(id) {
    sameAs.value = String(id);
    const form = sameAs.form;
    const save = form.querySelector("[name=_continue]") || form.querySelector("[name=_save]");
    form.requestSubmit(save);
  }

  let latest = 0;

  async function load(text) {
    const asked = ++latest;
    const found = await window.claimtrackMatch(
      panel.dataset.matchUrl, text, 5, claim ? [claim] : []
    );
    if (asked !== latest) {
      return; // the text changed while this answer was on its way
    }
    list.replaceChildren();
    if (found === null) {
      status.textContent = textInput
        ? "Nothing to match yet."
        : "Claim matching is not available.";
      return;
    }
    const results = found
      .filter((result) => result.claim.id !== claim && result.score >= MIN_SCORE)
      .slice(0, 5);
    status.textContent = results.length
      ? "Claims that may say the same:"
      : "No other claim of the record matches this one.";
    for (const result of results) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = changeUrl(result.claim.id);
      link.textContent = `#${result.claim.id} ${result.claim.text}`;
      item.append(link, ` (${Math.round(result.score * 100)}%) `);
      if (textInput) {
        if (sameAs) {
          const button = document.createElement("button");
          button.type = "button";
          button.className = "button ct-same-claim";
          button.textContent = `Save as the same claim as #${result.claim.id}`;
          button.addEventListener("click", () => saveAsSame(result.claim.id));
          item.append(button);
        }
      } else if (known.has(result.claim.id)) {
        item.append("recorded as the same claim");
      } else if (panel.dataset.mayRelate) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button ct-same-claim";
        button.textContent = `Same claim as #${result.claim.id}`;
        button.addEventListener("click", () => recordSame(result.claim.id));
        item.append(button);
      }
      list.append(item);
    }
  }

  if (!textInput) {
    load(panel.dataset.text);
    return;
  }
  let timer = null;
  function follow() {
    clearTimeout(timer);
    const text = textInput.value.trim();
    if (text.split(/\s+/).length < 3) {
      latest += 1;
      list.replaceChildren();
      status.textContent = waiting;
      return;
    }
    timer = setTimeout(() => load(text), 400);
  }
  textInput.addEventListener("input", follow);
  follow();
});
