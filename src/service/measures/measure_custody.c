/*
 * measure_custody.c - custody and remand, and the decision points used
 * for disproportionality: arrest, out-of-court versus court (rule
 * versions in each definition; the rates' population year and
 * annualisation are the engine's, measures_engine.c).
 *
 * custody: new custody and remand episodes (open outcomes of type
 * detention_training_order, custodial_sentence, remand_youth_detention,
 * remand_local_authority) dated (outcome_date: sentence or remand date)
 * in the period, children aged 10-17 on that date. The headline is
 * custodial sentences (DTO and other custodial sentences) per 1,000 of
 * the 10-17 population; every episode is counted in the extras.
 * remands: remand episodes (youth detention accommodation or local
 * authority accommodation) per 1,000 of the 10-17 population.
 * arrests: arrests of children aged 10-17 - each open offence whose
 * arrest_date is in the period, a child arrested twice counting twice -
 * per 1,000 of the 10-17 population; arrested-children: the children
 * arrested, each once.
 * court-decisions: of the open substantive outcomes (cautions and
 * convictions) given in the period to children aged 10-17, the
 * percentage given by a court (kind court or custody) rather than out of
 * court.
 */
#include "service/measures/measure_defs.h"

static int
custody_map(struct measure_fact *f, const struct store_measure_row *row,
            int32_t as_of)
{
	(void)as_of;
	if (row->nv < 1)
		return 0;
	int64_t type = row->v[0];
	f->num = type == 1;
	f->x[0] = 1;
	f->x[1] = (int16_t)(type == 1);
	f->x[2] = (int16_t)(type == 2);
	f->x[3] = (int16_t)(type == 3);
	return 1;
}

const struct measure_def MEASURE_CUSTODY = {
    .name = "custody",
    .title = "Custody and remand",
    .version = "3",
    .rule = "New custodial sentences (detention and training orders and "
            "other custodial sentences, by sentence date) of children aged "
            "10-17 per 1,000 of the 10-17 population; the extras count "
            "every new custody and remand episode in the period by type.",
    .label = NULL,
    .unit = "custodial sentence",
    .value = MV_RATE,
    .per = 1000,
    .ages_10_17 = 1,
    .personal = 1,
    .extras = {"episodes", "custodial_sentences", "remands_youth_detention",
               "remands_local_authority", NULL},
    .extra_labels = {"New custody and remand episodes, all types",
                     "New custodial sentences",
                     "New remands to youth detention accommodation",
                     "New remands to local authority accommodation", NULL},
    /* Every episode is one of the three (suppression). */
    .lines = {{2, (1u << 3) | (1u << 4) | (1u << 5)}},
    .query = SMQ_CUSTODY,
    .map = custody_map,
};

static int
remand_map(struct measure_fact *f, const struct store_measure_row *row,
           int32_t as_of)
{
	(void)as_of;
	if (row->nv < 1 || (row->v[0] != 2 && row->v[0] != 3))
		return 0;
	f->num = 1;
	f->x[0] = (int16_t)(row->v[0] == 2);
	f->x[1] = (int16_t)(row->v[0] == 3);
	return 1;
}

const struct measure_def MEASURE_REMANDS = {
    .name = "remands",
    .title = "Remands (decision point)",
    .version = "3",
    .rule = "New remands to youth detention accommodation or to local "
            "authority accommodation of children aged 10-17, by remand "
            "date, per 1,000 of the 10-17 population.",
    .unit = "remand",
    .value = MV_RATE,
    .per = 1000,
    .ages_10_17 = 1,
    .personal = 1,
    .extras = {"youth_detention", "local_authority", NULL},
    .extra_labels = {"Remands to youth detention accommodation",
                     "Remands to local authority accommodation", NULL},
    /* Every remand is one of the two (suppression). */
    .lines = {{0, (1u << 2) | (1u << 3)}},
    .query = SMQ_CUSTODY,
    .map = remand_map,
};

static int
arrest_map(struct measure_fact *f, const struct store_measure_row *row,
           int32_t as_of)
{
	(void)row;
	(void)as_of;
	f->num = 1;
	return 1;
}

/* Arrests (rule version 3): every arrest counts, as the Home Office
 * statistics the disproportionality toolkit uses do - a child arrested
 * twice in the period counts twice. Before version 3 each child counted
 * once; that figure is kept as arrested-children. */
const struct measure_def MEASURE_ARRESTS = {
    .name = "arrests",
    .title = "Arrests (decision point)",
    .version = "3",
    .rule = "Arrests of children aged 10-17 (each open offence with its "
            "arrest date in the period; a child arrested twice counts "
            "twice, as the Home Office arrest statistics count) per 1,000 "
            "of the 10-17 population.",
    .unit = "arrest",
    .value = MV_RATE,
    .per = 1000,
    .ages_10_17 = 1,
    .personal = 1,
    .query = SMQ_ARRESTS,
    .map = arrest_map,
};

/* The children arrested: the arrests measure's rule before version 3,
 * kept as a second view. */
const struct measure_def MEASURE_ARRESTED_CHILDREN = {
    .name = "arrested-children",
    .title = "Children arrested (decision point)",
    .version = "3",
    .rule = "Children aged 10-17 arrested (an open offence with its "
            "arrest date in the period; each child once, at their first "
            "arrest in the period) per 1,000 of the 10-17 population.",
    .unit = "child",
    .value = MV_RATE,
    .per = 1000,
    .per_period = 1,
    .merge = MERGE_FIRST,
    .ages_10_17 = 1,
    .personal = 1,
    .query = SMQ_ARRESTS,
    .map = arrest_map,
};

const struct measure_def MEASURE_COURT = {
    .name = "court-decisions",
    .title = "Outcomes given by a court (decision point: out of court "
             "or court)",
    .version = "2",
    .rule = "Of the cautions and convictions given in the period to "
            "children aged 10-17, the percentage given by a court "
            "(court or custody outcomes) rather than out of court.",
    .unit = "outcome",
    .value = MV_PERCENT,
    .ages_10_17 = 1,
    .personal = 1,
    .query = SMQ_COURT,
    .map = measure_map_flag,
};
