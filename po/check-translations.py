#!/usr/bin/env python3
"""po/check-translations.py: fails when a translation lags behind the code.

Regenerates the template from po/POTFILES.in with xgettext (the keywords of
meson's glib preset), then for every language in po/LINGUAS checks that each
message is translated and not fuzzy, that msgfmt --check accepts the file, and
that every source or .ui file with translatable strings is listed in
POTFILES.in (a new file left out would never reach the template).
"""
import pathlib
import re
import subprocess
import sys
import tempfile

KEYWORDS = ["_", "N_", "C_:1c,2", "NC_:1c,2", "g_dcgettext:2", "g_dngettext:2,3",
            "g_dpgettext2:2c,3", "ngettext:1,2"]
MARKED = re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext)\s*\(|translatable="yes"')

def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent.parent)
    po_dir = root / "po"
    listed = [l.strip() for l in (po_dir / "POTFILES.in").read_text().splitlines()
              if l.strip() and not l.startswith("#")]
    failures = []

    for path in sorted(list(root.glob("src/**/*.c")) + list(root.glob("ui/**/*.ui"))):
        rel = path.relative_to(root).as_posix()
        if MARKED.search(path.read_text(encoding="utf-8")) and rel not in listed:
            failures.append(f"po/POTFILES.in: {rel} has translatable strings but is not listed")
    for rel in listed:
        if not (root / rel).exists():
            failures.append(f"po/POTFILES.in: {rel} does not exist")

    with tempfile.TemporaryDirectory() as tmp:
        pot = pathlib.Path(tmp) / "synack.pot"
        args = ["xgettext", "--from-code=UTF-8", "--package-name=synack", "-D", str(root),
                "-f", str(po_dir / "POTFILES.in"), "-o", str(pot)]
        args += [f"--keyword={k}" for k in KEYWORDS]
        subprocess.run(args, check=True)
        languages = [l.strip() for l in (po_dir / "LINGUAS").read_text().splitlines()
                     if l.strip() and not l.startswith("#")]
        if not languages:
            failures.append("po/LINGUAS names no language")
        for lang in languages:
            po = po_dir / f"{lang}.po"
            if not po.exists():
                failures.append(f"po/LINGUAS names {lang} but po/{lang}.po is missing")
                continue
            check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)],
                                   capture_output=True, text=True)
            if check.returncode != 0:
                failures.append(f"po/{lang}.po: msgfmt --check fails:\n{check.stderr}")
            merged = pathlib.Path(tmp) / f"{lang}.po"
            subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", str(merged),
                            str(po), str(pot)], check=True)
            # Entries the code has and the translation lacks, or marks fuzzy.
            for kind, flag in (("untranslated", "--untranslated"), ("fuzzy", "--only-fuzzy")):
                out = subprocess.run(["msgattrib", flag, "--no-obsolete", "--no-location",
                                      "--no-wrap", str(merged)],
                                     capture_output=True, text=True, check=True).stdout
                for block in out.split("\n\n"):
                    msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
                    text = "".join(re.findall(r'"(.*)"', msgid.group(1))) if msgid else ""
                    if text:  # the header has an empty msgid
                        failures.append(f"po/{lang}.po: {kind}: \"{text}\"")
    for f in failures:
        print(f)
    if failures:
        print(f"{len(failures)} problem(s); run xgettext as above and translate what is missing")
        return 1
    print("every message is translated in", ", ".join(languages))
    return 0

if __name__ == "__main__":
    sys.exit(main())
