/* core/rigjson.h — JSON that the document stored for a rig's message (core/rig.c) and the
 * canonical form that identifies the message (core/rigmsg.c) write alike. Core-internal. */
#ifndef STN_CORE_RIGJSON_H
#define STN_CORE_RIGJSON_H

#include "core/rigmsg.h"

/* json-c's object: only the two files above include json-c (tests/check-layering.sh) */
struct json_object;

/* m's defects as "defects": [{"code", "reason"}, ...] in o (a reason only when given); nothing
 * when m has none. */
void core_rig_json_defects(struct json_object *o, const struct core_rig_msg *m);

#endif
