#!/usr/bin/env python3
"""User-facing strings of the Swift sources.

  strings.py extract        write KnowledgeBase/strings/en.yaml: every tr("…") / L("…") key in the sources
  strings.py check          fail when en.yaml is out of date, or when a source file of a user-facing module
                            holds a prose literal outside tr( / L( (mark data with `// data` on its line)
  strings.py wrap FILE...   wrap the prose literals of FILEs in tr( … ) (a one-off helper for conversions)

A key is the literal with each interpolation replaced by {0}, {1} … in order, as LocalizedText builds it;
`\\(plural: n, one: "# x", other: "# xs")` becomes `{i, plural, one {# x} other {# xs}}`.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Where the texts a person in a conversation reads are written: replies, the shell, bounce advice, check
# findings and summaries, probe findings. Bounces' readers hold matching patterns, not prose (only its Advice
# folder is scanned); the Checks parsers' own error texts, the command line's options and errors, `serve`'s
# protocol errors and the transcript tools are for operators and developers and stay in English.
SCANNED = ["Sources/Conversation", "Sources/Shell", "Sources/Bounces/Advice", "Sources/Checks/DNSChecks",
           "Sources/Probes/Results", "Sources/Probes/SMTP/SMTPAssessment.swift"]


def literals(text):
    """Yields (start, end, parts) for each one-line string literal; parts is a list of
    ('lit', text) / ('expr', source). Skips comments and multi-line literals."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
            continue
        if text.startswith('/*', i):
            j = text.find('*/', i)
            i = n if j < 0 else j + 2
            continue
        if text.startswith('"""', i):
            j = text.find('"""', i + 3)
            i = n if j < 0 else j + 3
            continue
        if c == '#' and i + 1 < n and text[i + 1] == '"':
            # raw string: skip to closing "#
            j = text.find('"#', i + 2)
            i = n if j < 0 else j + 2
            continue
        if c == '"':
            start = i
            parts, buf = [], ''
            i += 1
            ok = True
            while i < n and text[i] != '"':
                if text[i] == '\n':
                    ok = False
                    break
                if text[i] == '\\' and i + 1 < n and text[i + 1] == '(':
                    if buf:
                        parts.append(('lit', buf))
                        buf = ''
                    depth, j = 1, i + 2
                    while j < n and depth:
                        if text[j] == '"':  # nested literal inside the interpolation
                            k = j + 1
                            while k < n and text[k] != '"':
                                k += 2 if text[k] == '\\' else 1
                            j = k + 1
                            continue
                        if text[j] == '(':
                            depth += 1
                        elif text[j] == ')':
                            depth -= 1
                        j += 1
                    parts.append(('expr', text[i + 2:j - 1]))
                    i = j
                    continue
                if text[i] == '\\':
                    buf += text[i:i + 2]
                    i += 2
                    continue
                buf += text[i]
                i += 1
            if ok and i < n:
                if buf:
                    parts.append(('lit', buf))
                yield start, i + 1, parts
            i += 1
            continue
        i += 1


def unescape(s):
    return s.replace('\\"', '"').replace('\\n', '\n').replace('\\t', '\t').replace('\\\\', '\\')


PLURAL = re.compile(r'^\s*plural:\s*(.+?),\s*one:\s*"((?:[^"\\]|\\.)*)",\s*other:\s*"((?:[^"\\]|\\.)*)"\s*$', re.S)


def key_of(parts):
    key, arg = '', 0
    for kind, value in parts:
        if kind == 'lit':
            key += unescape(value)
        else:
            m = PLURAL.match(value)
            if m:
                key += '{%d, plural, one {%s} other {%s}}' % (arg, unescape(m.group(2)), unescape(m.group(3)))
            else:
                key += '{%d}' % arg
            arg += 1
    return key


def prose(parts):
    """A literal reads as prose for a person: two or more words of letters, or one capitalised
    sentence ending in punctuation."""
    text = ''.join(v for k, v in parts if k == 'lit')
    words = re.findall(r'[A-Za-zÀ-ÿ]{2,}', text)
    if len(words) >= 3 and ' ' in text:
        return True
    return bool(re.match(r'^[A-Z][a-z]+.*[.?!:]\s*$', text)) and ' ' in text


def marked(text, start):
    """Whether the literal at `start` is inside tr( / L( (or is a key given to LocalizedText(key:))."""
    before = text[max(0, start - 40):start]
    return bool(re.search(r'(\btr|\bL|\bsay|LocalizedText\(key:|\.verbatim)\(\s*$', before))


def line_of(text, pos):
    return text.count('\n', 0, pos) + 1


def swift_files(folders):
    for folder in folders:
        if folder.endswith('.swift'):
            yield os.path.join(ROOT, folder)
            continue
        for dirpath, _, names in os.walk(os.path.join(ROOT, folder)):
            for name in sorted(names):
                if name.endswith('.swift'):
                    yield os.path.join(dirpath, name)


def marked_literals(text):
    """Every literal marked with tr( / L( / say(, including those nested in another literal's
    interpolations ("\\(x ? tr("a") : tr("b"))"), with its start offset in `text`."""
    for start, end, parts in literals(text):
        if marked(text, start) and not re.search(r'(LocalizedText\(key:|\.verbatim\()\s*$', text[max(0, start - 40):start]):
            yield start, parts
        # Interpolations hold code, which may hold marked literals of its own.
        offset = start + 1
        source = text[start:end]
        for kind, value in parts:
            if kind == 'expr':
                at = source.find(value)
                for inner_start, inner_parts in marked_literals(value):
                    yield start + max(at, 0) + inner_start, inner_parts


def keys():
    found = {}
    for path in swift_files(['Sources']):
        if '/Sources/Localization/' in path:
            continue
        text = open(path, encoding='utf-8').read()
        for start, parts in marked_literals(text):
            found.setdefault(key_of(parts), '%s:%d' % (os.path.relpath(path, ROOT), line_of(text, start)))
    # The articles' section headings are keys in the files and shown translated.
    for heading in ('What it means', 'How to confirm', 'What to do', 'Who to contact'):
        found.setdefault(heading, 'KnowledgeBase/articles (section heading)')
    # Fact answers of intents are shown through tr too.
    for name in sorted(os.listdir(os.path.join(ROOT, 'KnowledgeBase/intents'))):
        for line in open(os.path.join(ROOT, 'KnowledgeBase/intents', name), encoding='utf-8'):
            m = re.match(r'^answer:\s*(.*)$', line)
            if m:
                value = m.group(1).strip()
                if value.startswith('"') and value.endswith('"'):
                    value = unescape(value[1:-1])
                elif value.startswith("'") and value.endswith("'"):
                    value = value[1:-1].replace("''", "'")
                found.setdefault(value, 'KnowledgeBase/intents/' + name)
    return found


def quote(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n').replace('\t', '\\t') + '"'


def english_yaml(found):
    out = ['# The user-facing texts of the code, by key (the English text; {0} … are its values).',
           '# Generated by scripts/strings.py extract; translations live beside it in LANG.yaml.', '']
    for key in sorted(found):
        out.append('# ' + found[key])
        out.append('%s: %s' % (quote(key), quote(key)))
    return '\n'.join(out) + '\n'


def loose_literals():
    problems = []
    for path in swift_files(SCANNED):
        text = open(path, encoding='utf-8').read()
        lines = text.split('\n')
        for start, end, parts in literals(text):
            if marked(text, start) or not prose(parts):
                continue
            before = text[max(0, start - 20):start]
            literal = ''.join(v for k, v in parts if k == 'lit')
            # Names for maintainers, section keys, and commands typed as they are.
            if re.search(r'(name: |title [!=]= )$', before) or re.match(r'^(show|check) [a-z0-9. -]+$', literal):
                continue
            line = line_of(text, start)
            source = lines[line - 1]
            if '// data' in source or '// not shown' in source:
                continue
            problems.append('%s:%d: user-facing literal outside tr(…)/L(…): %s' % (
                os.path.relpath(path, ROOT), line, source.strip()[:100]))
    return problems


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else 'check'
    target = os.path.join(ROOT, 'KnowledgeBase/strings/en.yaml')
    if command == 'extract':
        open(target, 'w', encoding='utf-8').write(english_yaml(keys()))
        return 0
    if command == 'check':
        problems = []
        expected = english_yaml(keys())
        current = open(target, encoding='utf-8').read() if os.path.exists(target) else ''
        if current != expected:
            problems.append('KnowledgeBase/strings/en.yaml:1: out of date with the sources: run `make strings`')
        problems += loose_literals()
        for p in problems:
            print(p)
        return 1 if problems else 0
    if command in ('wrap', 'wrap-findings', 'wrap-L'):
        findings = command == 'wrap-findings'
        data = command == 'wrap-L'
        for path in sys.argv[2:]:
            text = open(path, encoding='utf-8').read()
            out, last = [], 0
            for start, end, parts in literals(text):
                if marked(text, start):
                    continue
                if findings:
                    # Only the sentences handed to a finding or a summary.
                    before = text[max(0, start - 160):start]
                    if not re.search(r'(\.add\(\s*"[^"]*",\s*\.\w+,\s*|\.add\(\s*[\w.]+,\s*\.\w+,\s*|summary:\s*|message:\s*|TargetError\(\s*)$', before):
                        continue
                elif not prose(parts):
                    continue
                out.append(text[last:start])
                out.append(('L(' if findings or data else 'tr(') + text[start:end] + ')')
                last = end
            out.append(text[last:])
            open(path, 'w', encoding='utf-8').write(''.join(out))
        return 0
    print(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main())
