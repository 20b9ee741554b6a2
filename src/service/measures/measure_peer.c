/*
 * measure_peer.c - referrals to peer mentoring (rule version 1; docs/
 * measures.md, "Whole-family measures"). Source: parent_referrals
 * (docs/parenting.md, "Peer support and referrals"); computed from the
 * records on every request, not from the measures_facts summary.
 *
 * peer-mentoring-referrals: every open referral to a peer mentor
 *   (destination 'peer_mentor', whatever its status now) made (referred_on)
 *   in the period, of a parent whose person record and parenting case
 *   were not entered in error. Numerator: the referrals of a parent from
 *   an ethnic minority background or about a child who is. "Ethnic
 *   minority" is used as the national statistics use it (GOV.UK
 *   Ethnicity facts and figures, ONS): every ethnic group except White
 *   British, so White Irish, Gypsy or Irish Traveller, Roma and any other
 *   White background are ethnic minorities; "not stated", "not known" or
 *   nothing recorded is neither. Extras: parent_ethnic_minority,
 *   child_ethnic_minority, ethnicity_not_recorded (neither the parent's
 *   nor the child's recorded). The breakdowns are the parent's (ethnic
 *   group, sex, the parenting case's team; no age bands).
 */
#include "service/measures/measure_defs.h"

#define NUL STORE_MEASURE_NULL

static const char *const PARENTING_SERVICES[] = {"parenting", NULL};

static int
referral_map(struct measure_fact *f, const struct store_measure_row *row,
             int32_t as_of)
{
	(void)as_of;
	if (row->nv < 2)
		return 0;
	f->den = 1;
	f->x[0] = (int16_t)(row->v[0] == 1);
	f->x[1] = (int16_t)(row->v[1] == 1);
	f->x[2] = (int16_t)(row->v[0] == NUL && row->v[1] == NUL);
	f->num = f->x[0] || f->x[1];
	return 1;
}

const struct measure_def MEASURE_PEER_MENTORING_REFERRALS = {
    .name = "peer-mentoring-referrals",
    .title = "Referrals to peer mentoring",
    .version = "1",
    .rule = "Referrals of parents and carers to a peer mentor made in the "
            "period (whatever their status now); counted: those of a parent "
            "from an ethnic minority background or about a child who is. "
            "Ethnic minority as the national statistics use it: every "
            "ethnic group except White British (White minorities "
            "included); not stated or not known is neither. Source: parent "
            "referral records.",
    .unit = "referral",
    .value = MV_PERCENT,
    .personal = 1,
    .no_by = 1u << BY_AGE,
    .family = 1,
    .people = "parents",
    .services = PARENTING_SERVICES,
    .extras = {"parent_ethnic_minority", "child_ethnic_minority",
               "ethnicity_not_recorded", NULL},
    .extra_labels = {"Of a parent from an ethnic minority background",
                     "About a child from an ethnic minority background",
                     "Neither ethnicity recorded", NULL},
    .query = SMQ_PEER_REFERRALS,
    .map = referral_map,
};
