"""The review workflow as one table: every step, where it may start, who may take it.

The model's transitions take their states from here, the services (``reviews.services``)
enforce the rest, the admin builds its buttons from it and the API its actions: nothing else
spells out a step.

```
          submit           start             approve            publish
  draft ─────────▶ submitted ─────▶ in review ─────────▶ approved ─────────▶ published
                                   ▲      │                                  │      │
                             start │      │ request changes          correct│      │retract
                                   │      ▼                                  ▼      ▼
                              changes requested              new version (in review)  retracted
```
"""

from dataclasses import dataclass

from .choices import ReviewState

# An editor may act on any review, whoever it is assigned to.
EDITOR_PERMISSION = "reviews.approve_review"
# A fact-checker checks and rates; an unassigned review may be taken by one.
CHECKER_PERMISSION = "reviews.check_review"
OPTIONAL_COMMENT = "Why, for the event trail (optional)."


@dataclass(frozen=True)
class Transition:
    """One step of the workflow.

    ``action`` is its name in the services and the admin, ``path`` the API's
    (``POST /reviews/{id}/<path>/``). ``target`` is None for the steps that keep the state
    (assign; correct, which opens a new version instead).
    """

    action: str
    sources: tuple[ReviewState, ...]
    target: ReviewState | None
    permission: str
    label: str  # the admin's button
    done: str  # what the admin says once it is done
    phrase: str  # "You may not <phrase>."
    past: str  # "A review that is draft cannot be <past>."
    summary: str  # the API operation's summary
    # Only the assignee (or an editor) may take it.
    assignee_only: bool = False
    # The argument that carries the step's text, kept on its event.
    text: str = "comment"
    text_help: str = OPTIONAL_COMMENT
    # The refusal when the text is missing; empty when the text is optional.
    text_required: str = ""
    takes_assignee: bool = False
    opens_version: bool = False

    @property
    def path(self) -> str:
        return self.action.replace("_", "-")


_OPEN = tuple(ReviewState.open())

TRANSITIONS: dict[str, Transition] = {
    transition.action: transition
    for transition in (
        Transition(
            action="submit",
            sources=(ReviewState.DRAFT,),
            target=ReviewState.SUBMITTED,
            permission="reviews.submit_review",
            label="Submit for review",
            done="Submitted",
            phrase="submit reviews",
            past="submitted",
            summary="Submit a draft for review (draft → submitted)",
        ),
        Transition(
            action="assign",
            sources=_OPEN,
            target=None,
            permission="reviews.assign_review",
            label="Assign",
            done="Assigned",
            phrase="assign reviews",
            past="assigned",
            summary="Give an open review to a fact-checker (an editor; a fact-checker may "
            "take an unassigned one)",
            takes_assignee=True,
        ),
        Transition(
            action="start",
            sources=(ReviewState.SUBMITTED, ReviewState.CHANGES_REQUESTED),
            target=ReviewState.IN_REVIEW,
            permission=CHECKER_PERMISSION,
            label="Start checking",
            done="Started",
            phrase="start reviews",
            past="started",
            summary="Start checking (submitted or changes requested → in review)",
            assignee_only=True,
        ),
        Transition(
            action="request_changes",
            sources=(ReviewState.IN_REVIEW,),
            target=ReviewState.CHANGES_REQUESTED,
            permission=CHECKER_PERMISSION,
            label="Request changes",
            done="Changes requested",
            phrase="request changes to reviews",
            past="sent back for changes",
            summary="Send back for changes (in review → changes requested)",
            assignee_only=True,
            text_help="What needs to change (required).",
            text_required="Requesting changes needs a comment saying what to change.",
        ),
        Transition(
            action="approve",
            sources=(ReviewState.IN_REVIEW,),
            target=ReviewState.APPROVED,
            permission=EDITOR_PERMISSION,
            label="Approve",
            done="Approved",
            phrase="approve reviews",
            past="approved",
            summary="Approve the verdict (in review → approved), once every gate passes",
        ),
        Transition(
            action="publish",
            sources=(ReviewState.APPROVED,),
            target=ReviewState.PUBLISHED,
            permission="reviews.publish_review",
            label="Publish",
            done="Published",
            phrase="publish reviews",
            past="published",
            summary="Publish (approved → published; the version it corrects becomes corrected)",
        ),
        Transition(
            action="correct",
            sources=(ReviewState.PUBLISHED,),
            target=None,
            permission="reviews.publish_review",
            label="Correct (open a new version)",
            done="Correction opened",
            phrase="correct published reviews",
            past="corrected",
            summary="Correct a published verdict: opens its next version, in review",
            text="note",
            text_help="What the correction changes (required; shown to readers).",
            text_required="A correction needs a note saying what it corrects.",
            opens_version=True,
        ),
        Transition(
            action="retract",
            sources=(ReviewState.PUBLISHED,),
            target=ReviewState.RETRACTED,
            permission="reviews.publish_review",
            label="Retract",
            done="Retracted",
            phrase="retract published reviews",
            past="retracted",
            summary="Retract a published verdict (published → retracted)",
            text="reason",
            text_help="Why the verdict is retracted (required; shown to readers).",
            text_required="A retraction needs the reason, shown to readers.",
        ),
    )
}
