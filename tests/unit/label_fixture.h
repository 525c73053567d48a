/* tests/unit/label_fixture.h — the unit whose labels the label tests (test_zpl, test_glyph)
 * and the label benchmark (tests/tools/labelbench) draw, so that their figures and their
 * fixtures (tests/fixtures) speak of the same label. */
#ifndef STN_TESTS_UNIT_LABEL_FIXTURE_H
#define STN_TESTS_UNIT_LABEL_FIXTURE_H

/* The unit's fields of struct prn_label_data (print/print.h), serial to operator_name, in
 * their order; an initializer adds the badge fields or leaves them out. */
#define LABEL_FIXTURE_UNIT                                                 \
    "KR01PSA25110010001", "KR01PSA2511001-W0001", "KR01PSA2511001", "PSA", \
        "Withforce Wearable Robot PSA", "2025-11-03", "2025-11-26 08:30", "P7-01", "Kim Minsu"

#endif
