"""The four real plans of shared/seeds (and the Quảng Ngãi plan 07/KH-UBND
that seed 001 implements), as structured plans, one module each.

The text is the seeds' own wording with PDF-extraction line breaks removed.
Seeds 000 and 003 lost their header block in extraction: 000's date
(05/01/2025) is the one the layout reference quotes for 169/KH-UBND; 003's
number and date are not in the seed, so 003 carries an assumed number (289)
and date (25/11/2025) until the real header is known.
"""

from demo.seed_plans.quang_ngai_07 import QUANG_NGAI_07
from demo.seed_plans.seed_000_an_giang import SEED_000
from demo.seed_plans.seed_001_ba_to import SEED_001
from demo.seed_plans.seed_002_an_giang_college import SEED_002
from demo.seed_plans.seed_003_dong_thap import SEED_003

# Loaded in this order: a parent plan before the plans derived from it.
SEED_PLANS = [QUANG_NGAI_07, SEED_000, SEED_001, SEED_002, SEED_003]
# The seeds by title: the demo's live campaign (demo.live) is issued by An Giang too.
SEED_TITLES = [seed.title for seed in SEED_PLANS]
