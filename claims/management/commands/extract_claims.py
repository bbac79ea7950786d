"""Suggest the reported statements of a news article kept in a text file."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.extraction import as_json, extract


class Command(BaseCommand):
    help = "List the reported statements of a UTF-8 text file, as text or (--json) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A UTF-8 text file holding the article.")
        parser.add_argument("--json", action="store_true", help="Print the suggestions as JSON.")

    def handle(self, *args, file, json: bool = False, **options):
        try:
            text = Path(file).read_text(encoding="utf-8")
        except FileNotFoundError as error:
            raise CommandError(f"No such file: {file}") from error
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{file} is not UTF-8 text: {error.reason} at byte {error.start}."
            ) from error
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        suggestions = extract(text)
        if json:
            self.stdout.write(_dumps(as_json(suggestions)))
            return
        if not suggestions:
            self.stdout.write("No reported statements found.")
        for index, suggestion in enumerate(suggestions):
            self._write_listing(index, suggestion)

    def _write_listing(self, index, suggestion) -> None:
        answer = (
            f" (answers #{suggestion.responds_to})" if suggestion.responds_to is not None else ""
        )
        via = f" via {', '.join(suggestion.via)}" if suggestion.via else ""
        speaker = suggestion.speaker or "(unnamed source)"
        span = f"[{suggestion.char_start}:{suggestion.char_end}]"
        self.stdout.write(f"#{index} {speaker}{via} {suggestion.stance}{answer} {span}")
        self.stdout.write(f"    {suggestion.quote}")
        claim = suggestion.claim
        details = []
        if claim.quantity:
            q = claim.quantity
            upper = f"–{q['upper']}" if q["upper"] else ""
            details.append(f"quantity: {q['comparator']} {q['value']}{upper} {q['unit']}".rstrip())
        if claim.period:
            details.append(
                f"period: {claim.period['start'] or '…'} to {claim.period['end'] or '…'}"
            )
        if claim.place:
            details.append(f"place: {claim.place}")
        if details:
            self.stdout.write("    " + "; ".join(details))


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
