/* Claim matching from the admin's pages: POST /api/v1/claims/match/ with this session.
   Resolves to the results, best first, or to null when matching cannot answer; the claims
   whose ids are in `exclude` (a claim's own, on its page) are left out before ranking. */
"use strict";

window.claimtrackMatch = async function (url, text, limit, exclude = []) {
  const csrf = document.querySelector("[name=csrfmiddlewaretoken]");
  try {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Accept": "application/json",
        "Content-Type": "application/json",
        "X-CSRFToken": csrf ? csrf.value : "",
      },
      body: JSON.stringify({ text: text.slice(0, 10000), limit, exclude }),
    });
    return response.ok ? (await response.json()).results : null;
  } catch (error) {
    return null;
  }
};
