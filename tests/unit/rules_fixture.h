/* tests/unit/rules_fixture.h — what the rule tests (tests/unit/test_rules_*.c) share: a
 * routing built like the database's default one, unit and actor builders, and assertions
 * that name the reason when they fail. Include after <cmocka.h>. */
#ifndef STN_TESTS_UNIT_RULES_FIXTURE_H
#define STN_TESTS_UNIT_RULES_FIXTURE_H

#include "core/reason.h"
#include "core/rules.h"

extern struct core_routing R; /* the default routing (migration 001 seeds it) */
extern struct core_unit U;    /* the unit under test (too big for the stack) */

/* R as the database's default routing; setup_routing is the per-test cmocka setup. */
void build_routing(void);
int setup_routing(void **state);
/* The group setup: Korean words from the catalogue (tests/unit/assert_text.h). */
int setup_words(void **state);

/* U reset to a fresh unit KR01PSA2511001-W0001 of lot KR01PSA2511001 in status st. */
struct core_unit *unit(enum core_unit_status st);
/* Appends an attempt at process n, done at station Pn-01 by "Kim Minsu". */
struct core_attempt *att(struct core_unit *u, int n, enum core_result res);
void pass_upto(struct core_unit *u, int from, int to);
/* U reset to a unit IN_PROGRESS that PASSed processes 1 to n, the usual start of a test. */
struct core_unit *passed_upto(int n);
struct core_attempt *fail_at(struct core_unit *u, int n, const char *defect, enum core_decision d);
/* The attempt t, written as a FAIL with defect (a completion the test stands for). */
void mark_failed(struct core_attempt *t, const char *defect);
/* A unit that PASSed 1..6 and was converted; its P7 record is not there yet. */
struct core_unit *converted(void);
/* An actor at station Pn-01: an operator, or a supervisor for another role. */
struct core_actor actor(int process, enum core_role role);
/* core_rule_next for an operator at process, checking its return agrees with the action. */
struct core_next next_at(const struct core_unit *u, int process);

void assert_refused(const struct core_next *nx, enum core_reason code);
void assert_why(const struct core_refusal *why, enum core_reason code);
void assert_start(const struct core_next *nx, int is_rework);
/* ok, what a rule returned, is a refusal whose code is code. */
void assert_refusal(int ok, const struct core_refusal *why, enum core_reason code);
/* nx asks for a disposition of the unit on hold at process, rework allowed or not. */
void assert_hold(const struct core_next *nx, int process, int rework_allowed);

#endif
