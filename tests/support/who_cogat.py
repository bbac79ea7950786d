"""A short news item of the kind the annotate screen is for, composed for the tests.

A WHO figure taken from an IPC report, relayed by Reuters, and COGAT's rejection of it.
"""

TITLE = "WHO says half a million in Gaza face famine; COGAT rejects the figure"

TEXT = (
    "WHO says half a million in Gaza face famine; COGAT rejects the figure\n"
    "\n"
    "JERUSALEM, Aug 22 (Reuters) - More than half a million people in Gaza are facing "
    "catastrophic hunger, the World Health Organization said on Friday, citing a report by "
    "the Integrated Food Security Phase Classification (IPC) seen by Reuters.\n"
    "\n"
    "\u201cMore than 500,000 people in Gaza are facing famine conditions,\u201d the WHO said in "
    "a statement.\n"
    "\n"
    "COGAT, the Israeli military agency that coordinates aid to the territory, rejected the "
    "figure. \u201cThe IPC report is false and biased, and the claim that 500,000 people face "
    "famine is not supported by the data,\u201d COGAT said.\n"
    "\n"
    "The IPC, a global hunger monitor, publishes its analyses after a review by a committee "
    "of experts.\n"
)

WHO_QUOTE = "More than 500,000 people in Gaza are facing famine conditions"
COGAT_QUOTE = (
    "The IPC report is false and biased, and the claim that 500,000 people face famine is "
    "not supported by the data"
)


def span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)
