/* The claim page's "Already in the record?" panel: the claims that best match this one's
   text (claims/matching.js), each a click from being recorded as
   the same claim. Fetched after the page is shown, so the page never waits for matching. */
"use strict";

// The admin loads its scripts in the page's head: wait for the panel to exist.
document.addEventListener("DOMContentLoaded", function () {
  const panel = document.getElementById("ct-similar");
  if (!panel) {
    return;
  }
  const csrf = document.querySelector("[name=csrfmiddlewaretoken]");
  const claim = Number(panel.dataset.claim);
  const known = new Set(panel.dataset.known.split(" ").filter(Boolean).map(Number));
  const status = panel.querySelector("p");
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

  async function load() {
    const found = await window.claimtrackMatch(panel.dataset.matchUrl, panel.dataset.text, 6);
    if (found === null) {
      status.textContent = "Claim matching is not available.";
      return;
    }
    const results = found.filter((result) => result.claim.id !== claim).slice(0, 5);
    status.textContent = results.length
      ? "Claims that may say the same:"
      : "No other claim of the record matches this one.";
    for (const result of results) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = changeUrl(result.claim.id);
      link.textContent = `#${result.claim.id} ${result.claim.text}`;
      item.append(link, ` (${Math.round(result.score * 100)}%) `);
      if (known.has(result.claim.id)) {
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

  load();
});
