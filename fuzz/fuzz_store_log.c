/*
 * Fuzzes log recovery: the input (after a control byte) is the log, with
 * the magic put in front when the control byte says so, so most inputs
 * reach the commits. A store that opens is walked, reopened (recovery is
 * idempotent: the second open finds nothing torn or damaged and the same
 * state), and a session is started on it and run through a resumed
 * connection.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mqc.h"
#include "../tests/unit/helper_logio.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static size_t walked;

static int v_msg(void *arg, uint32_t h, const uint8_t *rec, size_t len)
{
    (void)arg;
    (void)h;
    CHECK(len > 0);
    walked += rec[0] + rec[len - 1] + 1; /* touch both ends: ASan checks the bounds */
    return 0;
}

static int v_in(void *arg, uint16_t id)
{
    (void)arg;
    CHECK(id != 0);
    walked++;
    return 0;
}

static int v_val(void *arg, unsigned key, const uint8_t *v, size_t len)
{
    (void)arg;
    CHECK(key == MQC_STORE_KEY_SUBS || key == MQC_STORE_KEY_APP);
    if (len)
        walked += v[len - 1];
    return 0;
}

static const mqc_store_visitor visit = {v_msg, v_in, v_val};

static void run_session(mqc_store *st, mqc_protocol proto)
{
    static const uint8_t connack3[] = {0x20, 0x02, 0x01, 0x00};
    static const uint8_t connack5[] = {0x20, 0x03, 0x01, 0x00, 0x00};
    mqc_session_opts o;
    mqc_session *s;
    const uint8_t *out;
    mqc_ssize n;
    int guard = 0;

    mqc_session_opts_default(&o);
    o.protocol = proto;
    o.client_id.ptr = "fuzz";
    o.client_id.len = 4;
    o.clean = 0;
    o.session_expiry = 60;
    o.store = st;
    if (mqc_session_new(&s, &o, NULL, NULL, NULL))
        return;
    CHECK(mqc_session_connect(s, 1) == 0);
    if (proto == MQC_V5)
        mqc_session_recv(s, connack5, sizeof(connack5), 2);
    else
        mqc_session_recv(s, connack3, sizeof(connack3), 2);
    while ((n = mqc_session_send(s, &out, 3)) > 0 && guard++ < 100000)
        mqc_session_sent(s, (size_t)n, 3);
    mqc_session_del(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    memio m;
    mqc_log_io io;
    mqc_log_opts o;
    mqc_log_recovery r1, r2;
    mqc_store st;
    uint8_t ctl;

    if (size < 1)
        return 0;
    ctl = data[0];
    memset(&m, 0, sizeof(m));
    if (ctl & 1) {
        memio_set(&m, (const uint8_t *)"MQCLOG1\n", 8);
        m.len[0] = 8;
        io = memio_io(&m);
        io.append(io.ctx, 0, data + 1, size - 1);
    } else {
        memio_set(&m, data + 1, size - 1);
    }
    io = memio_io(&m);
    mqc_log_opts_default(&o);
    o.sync = (mqc_sync_policy)((ctl >> 1) % 3);
    o.compact_bytes = ctl & 8 ? 64 : 0; /* compaction on the first commit */
    o.repair = (ctl & 32) != 0;
    if (mqc_store_log_open(&st, &io, &o, NULL, &r1) == 0) {
        CHECK(r1.valid_bytes <= r1.log_bytes);
        CHECK(st.ops->load(st.ctx, &visit, NULL) == 0);
        mqc_store_close(&st);
        CHECK(mqc_store_log_open(&st, &io, &o, NULL, &r2) == 0);
        CHECK(!r2.torn && !r2.damaged && r2.commits <= r1.commits + 1);
        CHECK(r2.messages == r1.messages && r2.inbound == r1.inbound);
        run_session(&st, ctl & 16 ? MQC_V5 : MQC_V311);
        mqc_store_close(&st);
    }
    memio_free(&m);
    return 0;
}
