/* rig/client.h — a rig's side of the protocol, for `wipstation submit`: one message as a
 * frame to a station's listener, its reply read to the end of the connection. Blocking,
 * bounded by a deadline. */
#ifndef STN_RIG_CLIENT_H
#define STN_RIG_CLIENT_H

#include <stddef.h>

#include "base/status.h"

/* Sends len bytes of JSON to addr ("HOST:PORT" or a Unix socket path) and reads the reply
 * into reply (NUL-terminated, cut at n - 1 bytes) within timeout_ms. STN_OK when a reply
 * came; STN_E_IO (no connection, no reply in time) with err->msg otherwise. */
enum stn_code rig_client_send(const char *addr, const char *json, size_t len, int timeout_ms,
                              char *reply, size_t n, struct stn_err *err);

#endif
