#!/usr/bin/env python3
"""Computes, from the ORIGINAL files of the real-survey corpus, figures that the definitions' indicators publish.

Run from the repository root: python3 test/real/expected.py. It uses the csv module only and writes
test/real/expected.json, which test/real/real-surveys.test.ts compares with the product's figures. Each figure
is computed here from its definition (share, top-box share, mean, NPS, base n), excluding missing codes and
blanks as survey.yaml declares them, weighted where the survey is weighted, for the whole wave and with one
and two filters. It also checks the check values published in each SOURCE.md and stops if one differs.
"""
import csv
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
figures = []


def read(path, encoding='utf-8'):
    with open(os.path.join(HERE, path), encoding=encoding, newline='') as f:
        return list(csv.DictReader(f))


def median(values):
    """DuckDB's quantile_cont at 0.5: linear interpolation between the sorted values."""
    s = sorted(values)
    pos = 0.5 * (len(s) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def figure(survey, indicator, wave, rows, value_of, kind, key, filters=None, group=None, option=None, top=None, weight=None):
    """One figure over `rows` (already cut to the slice and group): value_of(row) is the answer, None when
    it leaves the base (blank or missing code)."""
    base = [(value_of(r), weight(r) if weight else 1.0) for r in rows]
    base = [(v, w) for v, w in base if v is not None]
    n = len(base)
    sw = sum(w for _, w in base)
    if kind == 'share':
        value = sum(w for v, w in base if v == option) / sw
    elif kind == 'top_box':
        value = sum(w for v, w in base if v in top) / sw
    elif kind == 'mean':
        value = sum(w * v for v, w in base) / sw
    elif kind == 'nps':
        value = 100 * (sum(w for v, w in base if v >= 9) - sum(w for v, w in base if v <= 6)) / sw
    figures.append({'survey': survey, 'indicator': indicator, 'wave': wave, 'filters': filters or {}, 'group': group, 'key': key, 'value': value, 'n': n})
    return value, n


def where(rows, **dims):
    return [r for r in rows if all(r[d] == v for d, v in dims.items())]


# mobi: every item 1-10, no missing value; groupings split at the median of CUEX1 and of PERV1 (at or above: higher).
mobi = [{k: int(v) for k, v in r.items()} for r in read('mobi/mobi.csv')]
for key, col in (('expectations', 'CUEX1'), ('perceived_value', 'PERV1')):
    cut = median([r[col] for r in mobi])
    for r in mobi:
        r[key] = 'higher' if r[col] >= cut else 'lower'
for r in mobi:
    r['image'] = sum((r[f'IMAG{i}'] - 1) / 9 * 100 for i in range(1, 6)) / 5
mean_cusa1, n = figure('mobi', 'satisfaction_mean', '2005', mobi, lambda r: r['CUSA1'], 'mean', 'mean')
assert round(mean_cusa1, 3) == 7.988 and n == 250, mean_cusa1  # SOURCE.md: CUSA1 mean 7.988
nps, _ = figure('mobi', 'recommend', '2005', mobi, lambda r: r['CUSL3'], 'nps', 'nps')
assert round(nps) == 14  # SOURCE.md: 95 at 9-10, 60 at 6 or below, of 250 -> +14
figure('mobi', 'satisfaction', '2005', mobi, lambda r: r['CUSA1'], 'top_box', 'top_box', top={9, 10})
figure('mobi', 'image_index', '2005', mobi, lambda r: r['image'], 'mean', 'mean')
figure('mobi', 'loyalty_mean', '2005', mobi, lambda r: r['CUSL1'], 'mean', 'mean')
for g in ('lower', 'higher'):
    figure('mobi', 'satisfaction_by_value', '2005', where(mobi, perceived_value=g), lambda r: r['CUSA1'], 'mean', 'mean', group=g)
one = {'expectations': ['higher']}
two = {'expectations': ['higher'], 'perceived_value': ['lower']}
for f in (one, two):
    rows = where(mobi, **{d: v[0] for d, v in f.items()})
    figure('mobi', 'satisfaction_mean', '2005', rows, lambda r: r['CUSA1'], 'mean', 'mean', filters=f)
    figure('mobi', 'satisfaction', '2005', rows, lambda r: r['CUSA1'], 'top_box', 'top_box', filters=f, top={9, 10})
    figure('mobi', 'recommend', '2005', rows, lambda r: r['CUSL3'], 'nps', 'nps', filters=f)
    figure('mobi', 'complaints', '2005', rows, lambda r: r['CUSCO'], 'top_box', 'top_box', filters=f, top={9, 10})

# Corporate reputation: items 1-7, -99 missing; segments provider (serviceprovider), plan (servicetype).
corp = [{k: int(v) for k, v in r.items()} for r in read('corp-rep/corp_rep_data.csv')]
for r in corp:
    r['provider'] = f"provider_{r['serviceprovider']}"
    r['plan'] = {1: 'prepaid', 2: 'contract'}[r['servicetype']]
    quals = [r[f'qual_{i}'] for i in range(1, 9) if r[f'qual_{i}'] != -99]
    r['quality'] = sum((q - 1) / 6 * 100 for q in quals) / len(quals) if quals else None
valid = lambda col: (lambda r: None if r[col] == -99 else r[col])
m, n = figure('corp-rep', 'satisfaction_mean', '2017', corp, valid('cusa'), 'mean', 'mean')
assert round(m, 4) == 5.4402 and n == 343  # SOURCE.md: mean cusa excluding -99 = 5.4402 (n=343)
figure('corp-rep', 'satisfaction', '2017', corp, valid('cusa'), 'top_box', 'top_box', top={6, 7})
figure('corp-rep', 'recommend', '2017', corp, valid('cusl_1'), 'top_box', 'top_box', top={6, 7})
figure('corp-rep', 'quality_index', '2017', corp, lambda r: r['quality'], 'mean', 'mean')
for g in ('provider_1', 'provider_2', 'provider_3', 'provider_4'):
    figure('corp-rep', 'satisfaction_by_provider', '2017', where(corp, provider=g), valid('cusa'), 'top_box', 'top_box', group=g, top={6, 7})
for f in ({'plan': ['contract']}, {'plan': ['contract'], 'provider': ['provider_1']}):
    rows = where(corp, **{d: v[0] for d, v in f.items()})
    figure('corp-rep', 'satisfaction_mean', '2017', rows, valid('cusa'), 'mean', 'mean', filters=f)
    figure('corp-rep', 'satisfaction', '2017', rows, valid('cusa'), 'top_box', 'top_box', filters=f, top={6, 7})
    figure('corp-rep', 'concerns', '2017', rows, valid('qual_5'), 'top_box', 'top_box', filters=f, top={6, 7})
    figure('corp-rep', 'quality_index', '2017', rows, lambda r: r['quality'], 'mean', 'mean', filters=f)

# Masculinity: weighted; "No answer" leaves the base; segments age (age3), race (race2), education (educ3).
masc = read('masculinity/raw-responses.csv')
AGE = {'18 - 34': 'age_18_34', '35 - 64': 'age_35_64', '65 and up': 'age_65_up'}
for r in masc:
    r['age'] = AGE[r['age3']]
    r['race'] = {'White': 'white', 'Non-white': 'non_white'}[r['race2']]
    r['education'] = {'High school or less': 'high_school', 'Some college': 'some_college', 'College or more': 'college'}[r['educ3']]
weight = lambda r: float(r['weight'])
answer = lambda col: (lambda r: None if r[col] == 'No answer' else r[col])
assert round(sum(map(weight, masc))) == 1615
# SOURCE.md's check values count "No answer" in the base: 37.2% very masculine, 29.2% among 18-34, 60.3% yes.
everyone = lambda col: (lambda r: r[col])
assert round(100 * sum(weight(r) for r in masc if r['q0001'] == 'Very masculine') / sum(map(weight, masc)), 1) == 37.2
assert round(100 * sum(weight(r) for r in where(masc, age='age_18_34') if r['q0001'] == 'Very masculine') / sum(map(weight, where(masc, age='age_18_34'))), 1) == 29.2
assert round(100 * sum(weight(r) for r in masc if r['q0005'] == 'Yes') / sum(map(weight, masc)), 1) == 60.3
for key, code in (('very', 'Very masculine'), ('not_at_all', 'Not at all masculine')):
    figure('masculinity', 'masculine', '2018', masc, answer('q0001'), 'share', key, option=code, weight=weight)
    for g in AGE.values():
        figure('masculinity', 'masculine_by_age', '2018', where(masc, age=g), answer('q0001'), 'share', key, group=g, option=code, weight=weight)
figure('masculinity', 'pressure', '2018', masc, answer('q0005'), 'share', 'yes', option='Yes', weight=weight)
figure('masculinity', 'important', '2018', masc, answer('q0002'), 'share', 'very', option='Very important', weight=weight)
for f in ({'age': ['age_35_64']}, {'age': ['age_35_64'], 'race': ['white']}):
    rows = where(masc, **{d: v[0] for d, v in f.items()})
    figure('masculinity', 'masculine', '2018', rows, answer('q0001'), 'share', 'very', filters=f, option='Very masculine', weight=weight)
    figure('masculinity', 'pressure', '2018', rows, answer('q0005'), 'share', 'yes', filters=f, option='Yes', weight=weight)
    figure('masculinity', 'important', '2018', rows, answer('q0002'), 'share', 'not_at_all', filters=f, option='Not at all important', weight=weight)

# Food World Cup (Mac Roman): ratings 1-5, "N/A" and blank leave the base; segments gender, age (blank: none).
food = read('food-world-cup/food-world-cup-data.csv', encoding='mac_roman')
ITALY = 'Please rate how much you like the traditional cuisine of Italy.'
MEXICO = 'Please rate how much you like the traditional cuisine of Mexico.'
COUNTRIES = ['Italy.', 'Spain.', 'Greece.', 'Portugal.']
FOOD_AGE = {'18-29': 'age_18_29', '30-44': 'age_30_44', '45-60': 'age_45_60', '> 60': 'age_over_60', '': None}
for r in food:
    r['gender'] = {'Female': 'female', 'Male': 'male', '': None}[r['Gender']]
    r['age'] = FOOD_AGE[r['Age']]
    south = [int(r[f'Please rate how much you like the traditional cuisine of {c}']) for c in COUNTRIES if r[f'Please rate how much you like the traditional cuisine of {c}'] not in ('', 'N/A')]
    r['south'] = sum(south) / len(south) if south else None
rating = lambda col: (lambda r: None if r[col] in ('', 'N/A') else int(r[col]))
m, n = figure('food-world-cup', 'italy_mean', '2014', food, rating(ITALY), 'mean', 'mean')
assert round(m, 4) == 4.3709 and n == 1197  # SOURCE.md: Italy mean 4.3709 (n=1197)
figure('food-world-cup', 'italy', '2014', food, rating(ITALY), 'top_box', 'top_box', top={4, 5})
figure('food-world-cup', 'southern_europe', '2014', food, lambda r: r['south'], 'mean', 'mean')
for g in ('age_18_29', 'age_30_44', 'age_45_60', 'age_over_60'):
    figure('food-world-cup', 'italy_by_age', '2014', where(food, age=g), rating(ITALY), 'mean', 'mean', group=g)
for f in ({'gender': ['female']}, {'gender': ['female'], 'age': ['age_45_60']}):
    rows = where(food, **{d: v[0] for d, v in f.items()})
    figure('food-world-cup', 'italy_mean', '2014', rows, rating(ITALY), 'mean', 'mean', filters=f)
    figure('food-world-cup', 'italy', '2014', rows, rating(ITALY), 'top_box', 'top_box', filters=f, top={4, 5})
    figure('food-world-cup', 'southern_europe', '2014', rows, lambda r: r['south'], 'mean', 'mean', filters=f)
    figure('food-world-cup', 'interest', '2014', rows, lambda r: r['How much, if at all, are you interested in cuisines from different parts of the world?'], 'share', 'a_lot', filters=f, option='A lot')

# The battery of 40 cuisines: each item's top box (4-5) and one point of its distribution, by the same rules as
# a single rating; by gender, each item's top box among women and among men.
CUISINE = lambda c: f'Please rate how much you like the traditional cuisine of {c}.'
BATTERY = {'italy': 'Italy', 'ethiopia': 'Ethiopia', 'united_states': 'United States', 'england': 'England'}
for f in ({}, {'gender': ['female']}):
    rows = where(food, **{d: v[0] for d, v in f.items()})
    for item, country in BATTERY.items():
        figure('food-world-cup', 'cuisines_top', '2014', rows, rating(CUISINE(country)), 'top_box', item, filters=f, top={4, 5})
    figure('food-world-cup', 'cuisines_dist', '2014', rows, rating(CUISINE('England')), 'share', 'england:1', filters=f, option=1)
for g in ('female', 'male'):
    figure('food-world-cup', 'cuisines_by_gender', '2014', where(food, gender=g), rating(CUISINE('Ethiopia')), 'top_box', 'ethiopia', group=g, top={4, 5})

# GSS, waves 2008-2014: tvhours blank leaves the base; partyid and rincome codes as declared.
gss = read('gss-cat/gss_cat.csv')
counts = {}
for r in gss:
    counts[r['year']] = counts.get(r['year'], 0) + 1
    r['race_id'] = r['race'].lower()
    r['marital_id'] = r['marital'].lower().replace(' ', '_')
assert counts == {'2000': 2817, '2002': 2765, '2004': 2812, '2006': 4510, '2008': 2023, '2010': 2044, '2012': 1974, '2014': 2538}  # SOURCE.md
assert sum(r['rincome'] == 'Not applicable' for r in gss) == 7043 and sum(r['tvhours'] == '' for r in gss) == 10146
tv = lambda r: None if r['tvhours'] == '' else int(r['tvhours'])
party = lambda r: None if r['partyid'] in ('No answer', "Don't know") else r['partyid']
income = lambda r: None if r['rincome'] in ('Not applicable', 'Refused', "Don't know", 'No answer') else r['rincome']
for wave in ('2008', '2010', '2012', '2014'):
    rows = where(gss, year=wave)
    figure('gss-cat', 'tv_mean', wave, rows, tv, 'mean', 'mean')
    figure('gss-cat', 'party', wave, rows, party, 'share', 'independent', option='Independent')
    figure('gss-cat', 'income_top', wave, rows, income, 'share', 'inc_25000_or_more', option='$25000 or more')
    figure('gss-cat', 'tv_by_race', wave, where(rows, race_id='black'), tv, 'mean', 'mean', group='black')
for f in ({'race': ['black']}, {'race': ['black'], 'marital': ['married']}):
    for wave in ('2010', '2014'):
        rows = [r for r in where(gss, year=wave) if r['race_id'] == f['race'][0] and ('marital' not in f or r['marital_id'] == f['marital'][0])]
        figure('gss-cat', 'tv_mean', wave, rows, tv, 'mean', 'mean', filters=f)
        figure('gss-cat', 'party', wave, rows, party, 'share', 'strong_democrat', filters=f, option='Strong democrat')
        figure('gss-cat', 'income_top', wave, rows, income, 'share', 'inc_25000_or_more', filters=f, option='$25000 or more')

# Stack Overflow 2011: two header rows, read by column position; a blank is no answer. Languages (columns
# 30-41): base = respondents who ticked any language or wrote another one (column 42).
with open(os.path.join(HERE, 'so-survey-2011/results.csv'), encoding='utf-8', errors='replace', newline='') as f:
    so = list(csv.reader(f))[2:]
SO_AGE = {'< 20': 'under_20', '20-24': 'age_20_24', '25-29': 'age_25_29', '30-34': 'age_30_34', '35-39': 'age_35_39', '40-50': 'age_40_50', '51-60': 'age_51_60', '>60': 'over_60', '': None}
SIZE = {'Start Up (1-25)': 'start_up_1_25', 'Mature Small Business (25-100)': 'mature_small_business_25_100', 'Mid Sized (100-999)': 'mid_sized_100_999',
        'Fortune 1000 (1,000+)': 'fortune_1000_1_000', 'Student': 'student', 'Other (not working, consultant, etc.)': 'other_not_working_consultant_etc', '': None}
so = [{'age': SO_AGE[r[2]], 'company_size': SIZE[r[5]], 'satisfaction': r[44] or None, 'recommendation': r[7] or None,
       'java': (r[30] == 'Java') if any(c.strip() for c in r[30:43]) else None} for r in so]
assert sum(r['java'] is True for r in so) == 861 and sum(r['satisfaction'] == 'FML' for r in so) == 63  # SOURCE.md
assert sum(r['age'] == 'age_25_29' for r in so) == 831
answer = lambda key: (lambda r: r[key])
figure('so-survey-2011', 'job_satisfaction', '2011', so, answer('satisfaction'), 'share', 'fml', option='FML')
figure('so-survey-2011', 'job_satisfaction', '2011', so, answer('satisfaction'), 'share', 'i_enjoy_going_to_work', option='I enjoy going to work')
figure('so-survey-2011', 'languages', '2011', so, answer('java'), 'share', 'java', option=True)
figure('so-survey-2011', 'recommendation', '2011', so, answer('recommendation'), 'share', 'i_run_this_place', option='I run this place')
for g in ('start_up_1_25', 'fortune_1000_1_000'):
    figure('so-survey-2011', 'job_satisfaction_by_size', '2011', where(so, company_size=g), answer('satisfaction'), 'share', 'so_happy_it_hurts', group=g, option='So happy it hurts')
for f in ({'age': ['age_25_29']}, {'age': ['age_25_29'], 'company_size': ['start_up_1_25']}):
    rows = where(so, **{d: v[0] for d, v in f.items()})
    figure('so-survey-2011', 'job_satisfaction', '2011', rows, answer('satisfaction'), 'share', 'i_enjoy_going_to_work', filters=f, option='I enjoy going to work')
    figure('so-survey-2011', 'job_satisfaction', '2011', rows, answer('satisfaction'), 'share', 'it_pays_the_bills', filters=f, option='It pays the bills')
    figure('so-survey-2011', 'languages', '2011', rows, answer('java'), 'share', 'java', filters=f, option=True)
    figure('so-survey-2011', 'recommendation', '2011', rows, answer('recommendation'), 'share', 'unless_it_s_stoopid_it_gets_done', filters=f, option="Unless it's stoopid it gets done")

with open(os.path.join(HERE, 'expected.json'), 'w', encoding='utf-8') as f:
    json.dump(figures, f, indent=1)
    f.write('\n')
by = {}
for fig in figures:
    by[fig['survey']] = by.get(fig['survey'], 0) + 1
print(len(figures), 'figures', by)
