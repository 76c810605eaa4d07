#!/usr/bin/env python3
"""Counts line breaks that fall inside a Thai word, judged by PyThaiNLP's
dictionary segmenter (newmm), in a PDF's extracted text.

    pip install pythainlp; python3 scripts/breaks.py out/chachoengsao2-2563.pdf [-v]
"""
import subprocess
import sys

from pythainlp.tokenize import word_tokenize


def is_thai(c):
    return '\u0e01' <= c <= '\u0e4e'


def main():
    pdf = sys.argv[1]
    verbose = '-v' in sys.argv
    text = subprocess.run(['pdftotext', pdf, '-'], capture_output=True, text=True, check=True).stdout
    lines = [l.rstrip() for l in text.split('\n')]
    total = inside = 0
    for a, b in zip(lines, lines[1:]):
        if not a or not b or not is_thai(a[-1]) or not is_thai(b[0]):
            continue
        total += 1
        left = a.split(' ')[-1][-25:]
        right = b.split(' ')[0][:25]
        cuts, pos = set(), 0
        for tok in word_tokenize(left + right, engine='newmm', keep_whitespace=True):
            pos += len(tok)
            cuts.add(pos)
        if len(left) not in cuts:
            inside += 1
            if verbose:
                print(f'{left}|{right}')
    rate = 100.0 * inside / total if total else 0.0
    print(f'{inside} of {total} breaks between Thai letters fall inside a word ({rate:.1f} %)')


if __name__ == '__main__':
    main()
