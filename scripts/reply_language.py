#!/usr/bin/env python3
"""Share of replies written in the language of the message, over our own complaint corpus.

Usage: scripts/reply_language.py MAILDOCTOR [Corpus/complaints]
Each text is a fresh session of `maildoctor serve`; a reply counts when its `lang` is the text's `lang`.
"""
import json
import os
import subprocess
import sys

binary = sys.argv[1]
folder = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), '..', 'Corpus', 'complaints')
items = []
for name in sorted(os.listdir(folder)):
    if name.endswith('.jsonl'):
        for line in open(os.path.join(folder, name), encoding='utf-8'):
            if line.strip():
                items.append(json.loads(line))
frames = ''.join(json.dumps({'session': 's%d' % i, 'id': str(i), 'text': item['text']}) + '\n' for i, item in enumerate(items))
out = subprocess.run([binary, 'serve'], input=frames, capture_output=True, text=True, check=True).stdout
langs = {}
for line in out.splitlines():
    frame = json.loads(line)
    if frame.get('type') == 'reply':
        langs[int(frame['in_reply_to'])] = frame.get('lang')
totals = {}
misses = []
for i, item in enumerate(items):
    lang = item.get('lang', 'en')
    ok = langs.get(i) == lang
    total, good = totals.get(lang, (0, 0))
    totals[lang] = (total + 1, good + (1 if ok else 0))
    if not ok:
        misses.append((lang, langs.get(i), item['text'][:70].replace('\n', ' ')))
for lang, (total, good) in sorted(totals.items()):
    print('  reply language %s: %d of %d (%.1f %%)' % (lang, good, total, 100.0 * good / total))
for lang, got, text in misses:
    print('    %s answered in %s: %s' % (lang, got, text))
