"""Read a plan from a .docx or a text file and print what was recognised, saving
nothing: for checking a file, and for batch use with --json (schema in the README)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.importing import ImportError_, read_docx, read_text, recognise

OLE = b"\xd0\xcf\x11\xe0"  # an old binary .doc, or a password-protected .docx


class Command(BaseCommand):
    help = "Recognise the structure of a plan (.docx or text) and print it; nothing is saved."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help="print the structure as JSON")

    def handle(self, *args, file: Path, json: bool = False, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        try:
            docx = file.suffix.lower() in (".docx", ".docm", ".doc") or data.startswith((b"PK\x03\x04", OLE))
            plan = recognise(read_docx(data), from_docx=True) if docx else recognise(read_text(data))
        except ImportError_ as error:
            raise CommandError(str(error)) from error
        if json:
            self.stdout.write(_json(plan.as_json()))
            return
        header = plan.header
        self.stdout.write(f"{header.doc_name or '?'} {header.number or ''}/{header.symbol} — {header.subject}")
        self.stdout.write(f"Issuer: {' / '.join(header.issuer_lines) or '?'}"
                          + (f" (under {' / '.join(header.parent_lines)})" if header.parent_lines else ""))
        self.stdout.write(f"Place and date: {header.place or '?'}, {header.issued_on or header.year or '?'}")
        for basis in plan.bases:
            cited = f"  [{basis.citation.doc_type} {basis.citation.number_symbol}]" if basis.citation else ""
            self.stdout.write(f"Basis: {basis.opening} {basis.text[:100]}{cited}")
        self._sections(plan.sections, 0)
        for found in plan.parts:
            shown = ", ".join(f"{key}={str(value)[:60]}" for key, value in found.values.items())
            self.stdout.write(f"{found.kind}: {shown}")
        signature = plan.closing.signature
        self.stdout.write(f"Recipients: {len(plan.closing.recipients)}; Lưu: {plan.closing.archive_note}")
        self.stdout.write(f"Signature: {signature.authority} {signature.collective} {signature.title} — "
                          f"{signature.signer_name}")
        self.stdout.write(f"Not recognised: {len(plan.unrecognised)} lines")
        for line in plan.unrecognised:
            self.stdout.write(f"  {line.number}: {line.text}")

    def _sections(self, sections, depth: int) -> None:
        for section in sections:
            self.stdout.write(f"{'  ' * depth}{section.label} {section.heading}".rstrip()
                              + (f"  ({len(section.body)} paragraphs)" if section.body else ""))
            self._sections(section.children, depth + 1)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
