#!/usr/bin/env python3
"""Writes the wave files the product reads from the original files of the real-survey corpus.

Run from the repository root: python3 test/real/prepare.py. It uses the csv module only, overwrites its
outputs, and gives the same bytes on every run. Each conversion is the least that makes the file readable
(see test/real/README.md for why each is needed); the original files stay beside the converted ones, and
test/real/expected.py reads the originals.
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def read(path, encoding='utf-8', errors='strict'):
    with open(os.path.join(HERE, path), encoding=encoding, errors=errors, newline='') as f:
        return list(csv.reader(f))


def write(path, rows):
    with open(os.path.join(HERE, path), 'w', encoding='utf-8', newline='') as f:
        csv.writer(f, lineterminator='\n').writerows(rows)


def with_id(rows):
    """The product needs an id column: the data row's number (1 = the first row under the header)."""
    return [['id'] + rows[0]] + [[str(i)] + r for i, r in enumerate(rows[1:], start=1)]


# seminr data sets: no id column.
write('mobi/responses.csv', with_id(read('mobi/mobi.csv')))
write('corp-rep/responses.csv', with_id(read('corp-rep/corp_rep_data.csv')))

# gss_cat: one file for eight waves, no id column; the product reads one file per wave. The last four waves.
GSS_WAVES = ['2008', '2010', '2012', '2014']
gss = with_id(read('gss-cat/gss_cat.csv'))
for wave in GSS_WAVES:
    write(f'gss-cat/{wave}.csv', [gss[0]] + [r for r in gss[1:] if r[1] == wave])

# Food World Cup: Mac Roman, not UTF-8; the no-break spaces are kept.
food = read('food-world-cup/food-world-cup-data.csv', encoding='mac_roman')
write('food-world-cup/responses.csv', food)

# Stack Overflow 2011: two header rows (the question on the first column of its block, then the option or
# "Response") become one ("question" or "question | option"); the one invalid UTF-8 byte (data row 2774,
# a free-text cell) becomes U+FFFD; no id column. The languages' option columns hold the language's name or a
# blank; the product reads 1 or 0: a name becomes 1 and a blank 0, or stays blank when the respondent ticked
# no language and wrote no other one (the question was not answered).
LANGUAGES = range(30, 42)  # Java .. None; column 42 is the free-text "other (please specify)"
so = read('so-survey-2011/results.csv', errors='replace')
questions, options = so[0], so[1]
header, header_question = [], ""
for q, o in zip(questions, options):
    question = q.strip() or header_question
    header_question = question
    header.append(question if o == 'Response' else f'{question} | {o.strip()}')


def languages_coded(row):
    answered = any(row[i].strip() for i in range(30, 43))
    return [('1' if v.strip() else '0') if i in LANGUAGES and answered else v for i, v in enumerate(row)]


write('so-survey-2011/responses.csv', with_id([header] + [languages_coded(r) for r in so[2:]]))
