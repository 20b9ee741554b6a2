/*
 * measure_kpi.c - the Youth Justice Board's ten KPIs (rule versions in
 * each definition; docs/measures.md), counted as the YJB guidance does:
 * at the end of each intervention (an open outcome with start_date set and
 * end_date in the period), from its open `end` KPI snapshot, and for KPIs
 * 1 and 2 also at each release from custody (a detention and training
 * order's or a custodial sentence's) in the period, from its open
 * `release` snapshot; KPIs 1 and 2 leave out the end of a remand to youth
 * detention the child was not released from (rule version 4). A fact that is
 * not recorded (NULL) is left out of numerator and denominator alike; an
 * intervention with no end snapshot (a release with no release snapshot) is
 * left out of the snapshot KPIs.
 *
 *  1 accommodation     suitable / snapshots recording it (end, release)
 *  2 ete               attending a suitable arrangement / snapshots
 *                      recording suitability (end, release; extra:
 *                      suitable)
 *  3 send              in suitable ETE with a formal learning plan (SEN
 *                      support or EHCP) / SEND identified at the end
 *                      (extras: learning_plan, suitable_ete)
 *  4 mental-health     attending an intervention / need identified at the
 *                      end (extra: offered)
 *  5 substance-misuse  the same funnel for specialist treatment
 *  6 oocd-completion   out-of-court disposal interventions (diversion,
 *                      community resolution, outcome 22, youth caution,
 *                      youth conditional caution) ended in the period that
 *                      ended completed / all of them ended, except
 *                      those transferred out (neither completed nor
 *                      failed here)
 *  7 board-attendance  statutory partners (children's social care, police,
 *                      probation, health, education) represented at the
 *                      right seniority / invited, over board meetings in
 *                      the period (extras: attended, contributed
 *                      disproportionality data). Not about children.
 *  8 wider-services    on an early help plan, child in need plan, child
 *                      protection plan or looked after / recorded at end
 *  9 serious-violence  proven serious violence offences (violence against
 *                      the person, robbery or drugs, gravity 5 or more) /
 *                      all proven non-breach offences; an offence is
 *                      proven on the date of its first open caution or
 *                      conviction, which must be in the period. Not the
 *                      YJB's denominator (children on the caseload):
 *                      docs/measures.md, "KPI 9's denominator"
 * 10 victims           victims (of interventions ended in the period) who
 *                      consented to contact / all those victims (extras:
 *                      restorative justice offered and taken part in,
 *                      information asked for and given, support offered)
 */
#include "service/measures/measure_defs.h"

#define NUL STORE_MEASURE_NULL
/* The columns of SMQ_INTERVENTIONS. */
enum {
	V_ACC,
	V_ETE,
	V_ETE_ATT,
	V_SEND,
	V_PLAN,
	V_MH_NEED,
	V_MH_OFF,
	V_MH_ATT,
	V_SM_NEED,
	V_SM_OFF,
	V_SM_ATT,
	V_EH,
	V_CIN,
	V_CP,
	V_LA,
	V_TYPE, /* 1 out of court; 2 a remand to youth detention not released
	         * from (it ended in a custodial sentence); 0 other */
	V_COMPLETED,
	V_SNAPSHOT,
};

typedef int (*kpi_fn)(struct measure_fact *f, const int64_t *v);

/* KPIs 1 and 2 (rule version 4) count children in the community or being
 * released from custody: the end of a remand to youth detention that
 * ended in a custodial sentence is neither (the child stays in custody,
 * and is counted when released from the sentence). */
#define IN_CUSTODY_STILL(v) ((v)[V_TYPE] == 2)

static int
kpi_accommodation(struct measure_fact *f, const int64_t *v)
{
	if (v[V_ACC] == NUL || IN_CUSTODY_STILL(v))
		return 0;
	f->den = 1;
	f->num = v[V_ACC] == 1;
	return 1;
}

/* KPI 2 (rule version 3): the headline is *attending* a suitable
 * arrangement (suitable and attending); being in a suitable one is the
 * extra `suitable`. Version 2 counted suitable, attending or not. */
static int
kpi_ete(struct measure_fact *f, const int64_t *v)
{
	if (v[V_ETE] == NUL || IN_CUSTODY_STILL(v))
		return 0;
	f->den = 1;
	f->num = v[V_ETE] == 1 && v[V_ETE_ATT] == 1;
	f->x[0] = (int16_t)(v[V_ETE] == 1);
	return 1;
}

/* KPI 3 (rule version 3): of the children with SEND identified, those in
 * suitable ETE *and* with a formal learning plan. Version 2 counted the
 * plan alone; that is now the extra `learning_plan`, and `suitable_ete`
 * the children in suitable ETE. */
static int
kpi_send(struct measure_fact *f, const int64_t *v)
{
	if (v[V_SEND] != 1)
		return 0;
	f->den = 1;
	f->num = v[V_PLAN] == 1 && v[V_ETE] == 1;
	f->x[0] = (int16_t)(v[V_PLAN] == 1);
	f->x[1] = (int16_t)(v[V_ETE] == 1);
	return 1;
}

static int
funnel(struct measure_fact *f, int64_t need, int64_t offered, int64_t attending)
{
	if (need != 1)
		return 0;
	f->den = 1;
	f->num = attending == 1;
	f->x[0] = (int16_t)(offered == 1);
	return 1;
}

static int
kpi_mental_health(struct measure_fact *f, const int64_t *v)
{
	return funnel(f, v[V_MH_NEED], v[V_MH_OFF], v[V_MH_ATT]);
}

static int
kpi_substance_misuse(struct measure_fact *f, const int64_t *v)
{
	return funnel(f, v[V_SM_NEED], v[V_SM_OFF], v[V_SM_ATT]);
}

static int
kpi_oocd(struct measure_fact *f, const int64_t *v)
{
	/* Transferred out: neither completed nor failed here. */
	if (v[V_TYPE] != 1 || v[V_COMPLETED] == 2)
		return 0;
	f->den = 1;
	f->num = v[V_COMPLETED] == 1;
	return 1;
}

static int
kpi_wider(struct measure_fact *f, const int64_t *v)
{
	if (v[V_EH] == NUL && v[V_CIN] == NUL && v[V_CP] == NUL &&
	    v[V_LA] == NUL)
		return 0;
	f->den = 1;
	f->x[0] = (int16_t)(v[V_EH] == 1);
	f->x[1] = (int16_t)(v[V_CIN] == 1);
	f->x[2] = (int16_t)(v[V_CP] == 1);
	f->x[3] = (int16_t)(v[V_LA] == 1);
	f->num = f->x[0] || f->x[1] || f->x[2] || f->x[3];
	return 1;
}

/* The intervention KPIs' maps: the row's values to kpi_*(). */
#define KPI_MAP(fname, kfn)                                                    \
	static int fname(struct measure_fact *f,                               \
	                 const struct store_measure_row *row, int32_t as_of)   \
	{                                                                      \
		(void)as_of;                                                   \
		return row->nv > V_SNAPSHOT && kfn(f, row->v);                 \
	}

KPI_MAP(map_accommodation, kpi_accommodation)
KPI_MAP(map_ete, kpi_ete)
KPI_MAP(map_send, kpi_send)
KPI_MAP(map_mental_health, kpi_mental_health)
KPI_MAP(map_substance_misuse, kpi_substance_misuse)
KPI_MAP(map_oocd, kpi_oocd)
KPI_MAP(map_wider, kpi_wider)

#define COUNTED_AT_END                                                         \
	" Counted at the end of each intervention ended in the period, from "  \
	"its end KPI snapshot; facts not recorded are left out."

/* KPIs 1 and 2 (rule version 3) count children in the community - at
 * the end of each intervention - and on release from custody: each
 * custodial sentence's release_date in the period with its open `release`
 * KPI snapshot (SMQ_RELEASES), as the YJB's definitions say ("children in
 * the community and being released from custody"). Version 2 read the end
 * snapshots alone. Version 4 (session 25) counts a remand to youth
 * detention once: at its end when the child was released from it (bail,
 * acquittal; not also at that release, the same day), and not at all when
 * it ended in a custodial sentence (the child is counted on release from
 * the sentence). Version 3 counted the first twice and the second at the
 * remand's end as well. */
#define COUNTED_AT_END_AND_RELEASE                                             \
	" Counted at the end of each intervention ended in the period (its "   \
	"end KPI snapshot) and at each release from a detention and training " \
	"order or custodial sentence in the period (its release KPI "          \
	"snapshot); a remand to youth detention is counted once, at its end, " \
	"and not when it ended in a custodial sentence (the child is counted " \
	"on release from the sentence); facts not recorded are left out."

const struct measure_def MEASURE_KPI_ACCOMMODATION = {
    .name = "kpi-accommodation",
    .title = "KPI 1: suitable accommodation",
    .version = "4",
    .rule = "Children in the community and being released from custody in "
            "suitable accommodation / those whose snapshot records "
            "suitability." COUNTED_AT_END_AND_RELEASE,
    .unit = "intervention or release",
    .value = MV_PERCENT,
    .personal = 1,
    .query = SMQ_INTERVENTIONS,
    .query2 = SMQ_RELEASES,
    .map = map_accommodation,
};

const struct measure_def MEASURE_KPI_ETE = {
    .name = "kpi-ete",
    .title = "KPI 2: education, training and employment",
    .version = "4",
    .rule = "Children in the community and being released from custody "
            "attending a suitable education, training or employment "
            "arrangement / those whose snapshot records whether the "
            "arrangement is suitable; extra: suitable (in a suitable "
            "arrangement, attending or not)." COUNTED_AT_END_AND_RELEASE,
    .unit = "intervention or release",
    .value = MV_PERCENT,
    .personal = 1,
    .extras = {"suitable", NULL},
    .extra_labels = {"In a suitable arrangement, attending or not", NULL},
    .query = SMQ_INTERVENTIONS,
    .query2 = SMQ_RELEASES,
    .map = map_ete,
};

const struct measure_def MEASURE_KPI_SEND = {
    .name = "kpi-send",
    .title = "KPI 3: SEND, in suitable ETE with a formal learning plan",
    .version = "3",
    .rule = "Children with SEND identified at the end of the intervention "
            "who are in suitable education, training or employment and "
            "have a formal learning plan (SEN support or an EHCP) recorded "
            "on that snapshot, taken as the plan for the current academic "
            "year / children with SEND identified; also counted: those "
            "with a learning plan, and those in suitable education, "
            "training or employment." COUNTED_AT_END,
    .unit = "intervention",
    .value = MV_PERCENT,
    .personal = 1,
    .extras = {"learning_plan", "suitable_ete", NULL},
    .extra_labels = {"With a formal learning plan (SEN support or an EHCP)",
                     "In suitable education, training or employment", NULL},
    .query = SMQ_INTERVENTIONS,
    .map = map_send,
};

const struct measure_def MEASURE_KPI_MENTAL_HEALTH = {
    .name = "kpi-mental-health",
    .title = "KPI 4: mental health and emotional wellbeing",
    .version = "2",
    .rule = "Children with a mental health or emotional wellbeing need "
            "identified who are attending an intervention / children with "
            "the need; extra: intervention planned or offered." COUNTED_AT_END,
    .unit = "intervention",
    .value = MV_PERCENT,
    .personal = 1,
    .extras = {"offered", NULL},
    .extra_labels = {"Intervention planned or offered", NULL},
    .query = SMQ_INTERVENTIONS,
    .map = map_mental_health,
};

const struct measure_def MEASURE_KPI_SUBSTANCE_MISUSE = {
    .name = "kpi-substance-misuse",
    .title = "KPI 5: substance misuse",
    .version = "2",
    .rule = "Children with a substance misuse need identified who are "
            "attending specialist treatment / children with the need; "
            "extra: treatment planned or offered." COUNTED_AT_END,
    .unit = "intervention",
    .value = MV_PERCENT,
    .personal = 1,
    .extras = {"offered", NULL},
    .extra_labels = {"Specialist treatment planned or offered", NULL},
    .query = SMQ_INTERVENTIONS,
    .map = map_substance_misuse,
};

const struct measure_def MEASURE_KPI_OOCD = {
    .name = "kpi-oocd-completion",
    .title = "KPI 6: out-of-court disposal completion",
    .version = "2",
    .rule = "Out-of-court disposal interventions (diversion, community "
            "resolution, outcome 22, youth caution, youth conditional "
            "caution) ended in the period that ended completed / all of "
            "them ended in the period, except those transferred out.",
    .unit = "intervention",
    .value = MV_PERCENT,
    .personal = 1,
    .query = SMQ_INTERVENTIONS,
    .map = map_oocd,
};

const struct measure_def MEASURE_KPI_WIDER_SERVICES = {
    .name = "kpi-wider-services",
    .title = "KPI 8: wider services",
    .version = "2",
    .rule = "Children on an early help plan, child in need plan or child "
            "protection plan, or looked after, at the end of the "
            "intervention / interventions recording any of "
            "these." COUNTED_AT_END,
    .unit = "intervention",
    .value = MV_PERCENT,
    .personal = 1,
    .extras = {"early_help", "child_in_need", "child_protection",
               "looked_after", NULL},
    .extra_labels = {"On an early help plan", "On a child in need plan",
                     "On a child protection plan", "Looked after", NULL},
    .query = SMQ_INTERVENTIONS,
    .map = map_wider,
};

/* ---- KPI 7: management board ---- */

static int
board_map(struct measure_fact *f, const struct store_measure_row *row,
          int32_t as_of)
{
	(void)as_of;
	if (row->nv < 3)
		return 0;
	f->den = 1;
	f->num = row->v[1] == 1;
	f->x[0] = (int16_t)(row->v[0] == 1);
	f->x[1] = (int16_t)(row->v[2] == 1);
	return 1;
}

const struct measure_def MEASURE_KPI_BOARD = {
    .name = "kpi-board-attendance",
    .title = "KPI 7: management board attendance",
    .version = "1",
    .rule = "Statutory partners (children's social care, police, "
            "probation, health, education) represented at the seniority "
            "the terms of reference require / statutory partner places at "
            "open board meetings in the period; extras: attended at all, "
            "contributed disproportionality data.",
    .unit = "partner place at a meeting",
    .value = MV_PERCENT,
    .personal = 0,
    .not_people = 1,
    .extras = {"attended", "disproportionality_data", NULL},
    .extra_labels = {"Partner places attended, at any seniority",
                     "Partner places that brought disproportionality data",
                     NULL},
    .query = SMQ_BOARD,
    .map = board_map,
};

/* ---- KPI 9: serious violence ---- */

const struct measure_def MEASURE_KPI_SERIOUS_VIOLENCE = {
    .name = "kpi-serious-violence",
    .title = "KPI 9: serious violence",
    .version = "2",
    .rule = "Proven serious violence offences (violence against the "
            "person, robbery or drugs with gravity 5 or more) / all proven "
            "offences other than breaches; an offence is proven on the "
            "date of its first caution or conviction, which must be in the "
            "period.",
    .unit = "proven offence",
    .value = MV_PERCENT,
    .personal = 1,
    .query = SMQ_PROVEN_OFFENCES,
    .map = measure_map_flag,
};

/* ---- KPI 10: victims ---- */

static int
victim_map(struct measure_fact *f, const struct store_measure_row *row,
           int32_t as_of)
{
	(void)as_of;
	if (row->nv < 6)
		return 0;
	f->den = 1;
	f->num = row->v[0] == 1;
	for (int i = 1; i < 6; i++)
		f->x[i - 1] = (int16_t)(row->v[i] == 1);
	return 1;
}

const struct measure_def MEASURE_KPI_VICTIMS = {
    .name = "kpi-victims",
    .title = "KPI 10: victims",
    .version = "2",
    .rule = "Victims linked to interventions ended in the period who "
            "consented to be contacted / all those victims; extras: "
            "restorative justice offered and taken part in, information "
            "asked for and given, support offered. Lists the children who "
            "offended, never the victims.",
    .unit = "victim",
    .value = MV_PERCENT,
    .personal = 1,
    .extras = {"rj_offered", "rj_taken_part", "information_requested",
               "information_given", "support_offered", NULL},
    .extra_labels = {"Victims offered restorative justice",
                     "Victims who took part in restorative justice",
                     "Victims who asked for information",
                     "Victims given information", "Victims offered support",
                     NULL},
    .query = SMQ_VICTIMS,
    .map = victim_map,
};
