/*
 * Log store: every change round-trips through the log; recovery after the
 * log is cut at every byte offset, and after bytes are flipped anywhere,
 * yields exactly the state of the last intact commit before the damage
 * (so nothing committed as removed comes back and nothing committed as
 * accepted is missing); sync policies; compaction; identity; write errors.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mqc.h"
#include "helper_logio.h"

/* ---- the state a store hands back, as text, to compare ---------------- */

typedef struct text {
    char *b;
    size_t n, cap;
} text;

static void tput(text *t, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (t->cap - t->n < 256) {
        t->cap = t->cap * 2 + 4096;
        t->b = realloc(t->b, t->cap);
        assert_non_null(t->b);
    }
    va_start(ap, fmt);
    n = vsnprintf(t->b + t->n, t->cap - t->n, fmt, ap);
    va_end(ap);
    t->n += (size_t)n;
}

static void thex(text *t, const uint8_t *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        tput(t, "%02x", p[i]);
}

static int v_msg(void *arg, uint32_t h, const uint8_t *rec, size_t len)
{
    tput(arg, "M%u:", (unsigned)h);
    thex(arg, rec, len);
    tput(arg, ";");
    return 0;
}

static int v_in(void *arg, uint16_t id)
{
    tput(arg, "I%u;", id);
    return 0;
}

static int v_val(void *arg, unsigned key, const uint8_t *v, size_t len)
{
    tput(arg, "V%u:", key);
    thex(arg, v, len);
    tput(arg, ";");
    return 0;
}

static const mqc_store_visitor visit = {v_msg, v_in, v_val};

/* The store's state as text (malloc'd). Inbound ids are listed in the
 * store's order, which replay keeps. */
static char *state(mqc_store *st)
{
    text t = {0};

    tput(&t, "");
    assert_int_equal(st->ops->load(st->ctx, &visit, &t), 0);
    return t.b;
}

static int repair; /* mqc_log_opts.repair for open_log */

static void open_log(mqc_store *st, memio *m, mqc_sync_policy sync, mqc_log_recovery *rec)
{
    mqc_log_opts o;
    mqc_log_io io = memio_io(m);

    mqc_log_opts_default(&o);
    o.sync = sync;
    o.repair = (uint8_t)repair;
    assert_int_equal(mqc_store_log_open(st, &io, &o, NULL, rec), 0);
}

/* ---- a scripted history: one commit per step -------------------------- */

#define STEPS 160

typedef struct history {
    memio m;
    char *st[STEPS + 1];         /* state after commit k (0: the empty log) */
    size_t end[STEPS + 1];       /* log length after commit k */
    size_t n;
} history;

static uint32_t rng = 12345;

static uint32_t rnd(void)
{
    rng = rng * 1103515245u + 12345u;
    return rng >> 8;
}

/* One change of a random kind (every kind the store has). */
static void random_change(mqc_store *st, uint32_t *live, size_t *nlive)
{
    uint8_t b[96];
    uint32_t h;
    uint8_t *r;
    size_t len = 11 + rnd() % 80, i, k;
    unsigned kind = rnd() % 10;

    for (i = 0; i < len; i++)
        b[i] = (uint8_t)rnd();
    if (kind < 3 || !*nlive) {
        assert_int_equal(st->ops->put(st->ctx, b, len, &h), 0);
        live[(*nlive)++] = h;
    } else if (kind == 3) {
        /* A reservation written in place and committed by one patch. */
        assert_int_equal(st->ops->put(st->ctx, NULL, len, &h), 0);
        assert_int_equal(st->ops->get(st->ctx, h, &r, &i), 0);
        memcpy(r, b, len);
        assert_int_equal(st->ops->patch(st->ctx, h, 0, r, len), 0);
        live[(*nlive)++] = h;
    } else if (kind == 4) {
        k = rnd() % *nlive;
        assert_int_equal(st->ops->get(st->ctx, live[k], &r, &len), 0);
        assert_int_equal(st->ops->patch(st->ctx, live[k], rnd() % (len - 2), b, 2), 0);
    } else if (kind == 5 || kind == 6) {
        k = rnd() % *nlive;
        st->ops->remove(st->ctx, live[k]);
        live[k] = live[--*nlive];
    } else if (kind == 7) {
        assert_int_equal(st->ops->inbound(st->ctx, (uint16_t)(1 + rnd() % 20), (int)(rnd() & 1)), 0);
    } else if (kind == 8) {
        assert_int_equal(st->ops->set(st->ctx, MQC_STORE_KEY_SUBS, b, rnd() % 8), 0);
    } else if (rnd() % 8) {
        assert_int_equal(mqc_store_log_note(st, b, 16), 0);
    } else {
        st->ops->clear(st->ctx);
        *nlive = 0;
    }
}

static void make_history(history *hi)
{
    mqc_store st;
    uint32_t live[STEPS];
    size_t nlive = 0, k;

    memset(hi, 0, sizeof(*hi));
    open_log(&st, &hi->m, MQC_SYNC_ALWAYS, NULL);
    hi->st[0] = state(&st);
    hi->end[0] = hi->m.len[0];
    for (k = 1; k <= STEPS; k++) {
        random_change(&st, live, &nlive);
        if (rnd() % 3 == 0)
            random_change(&st, live, &nlive); /* two changes in one commit */
        assert_int_equal(st.ops->sync(st.ctx, MQC_STORE_SYNC_OUTPUT), 0);
        hi->st[k] = state(&st);
        hi->end[k] = hi->m.len[0];
        assert_true(hi->end[k] > hi->end[k - 1]);
    }
    hi->n = STEPS;
    /* A crash: the store goes, the bytes stay (closing writes nothing). */
    mqc_store_close(&st);
}

static void free_history(history *hi)
{
    size_t k;

    for (k = 0; k <= hi->n; k++)
        free(hi->st[k]);
    memio_free(&hi->m);
}

/* The commit whose end is the last at or before byte pos. */
static size_t commit_before(const history *hi, size_t pos)
{
    size_t k = 0;

    while (k < hi->n && hi->end[k + 1] <= pos)
        k++;
    return k;
}

static void test_reopen_gives_the_same_state(void **state_)
{
    history hi;
    mqc_store st;
    mqc_log_recovery rec;
    char *s;

    (void)state_;
    make_history(&hi);
    open_log(&st, &hi.m, MQC_SYNC_ALWAYS, &rec);
    s = state(&st);
    assert_string_equal(s, hi.st[hi.n]);
    assert_int_equal(rec.commits, hi.n);
    assert_int_equal(rec.torn, 0);
    assert_int_equal(rec.damaged, 0);
    assert_int_equal(rec.valid_bytes, hi.end[hi.n]);
    free(s);
    mqc_store_close(&st);
    free_history(&hi);
}

/* Cut at every byte: the state of the last whole commit, a torn flag
 * exactly when the cut is inside one, and new commits follow the cut. */
static void test_cut_at_every_offset(void **state_)
{
    history hi;
    memio m = {0};
    mqc_store st;
    mqc_log_recovery rec;
    size_t len, k;
    char *s;
    int at_boundary;

    (void)state_;
    make_history(&hi);
    for (len = 0; len <= hi.end[hi.n]; len++) {
        memio_set(&m, hi.m.file[0], len);
        open_log(&st, &m, MQC_SYNC_ALWAYS, &rec);
        k = commit_before(&hi, len);
        s = state(&st);
        assert_string_equal(s, hi.st[len < hi.end[0] ? 0 : k]);
        free(s);
        at_boundary = len <= hi.end[0] || hi.end[k] == len;
        assert_int_equal(rec.torn, !at_boundary);
        assert_int_equal(rec.damaged, 0);
        assert_int_equal(m.len[0], len < hi.end[0] ? hi.end[0] : hi.end[k]);
        /* The log goes on from there and reopens to the new state. */
        assert_int_equal(mqc_store_log_note(&st, "after", 5), 0);
        assert_int_equal(st.ops->sync(st.ctx, MQC_STORE_SYNC_OUTPUT), 0);
        s = state(&st);
        mqc_store_close(&st);
        open_log(&st, &m, MQC_SYNC_ALWAYS, &rec);
        {
            char *again = state(&st);
            assert_string_equal(again, s);
            free(again);
        }
        assert_int_equal(rec.torn, 0);
        free(s);
        mqc_store_close(&st);
    }
    memio_free(&m);
    free_history(&hi);
}

/* A byte changed anywhere after the magic: recovery stops before the
 * commit that holds it, reports it, never crashes, never applies it. */
static void test_flipped_bytes(void **state_)
{
    history hi;
    memio m = {0};
    mqc_store st;
    mqc_log_recovery rec;
    size_t pos, k, n;
    char *s;

    (void)state_;
    make_history(&hi);
    for (n = 0; n < 3000; n++) {
        pos = hi.end[0] + rnd() % (hi.end[hi.n] - hi.end[0]);
        memio_set(&m, hi.m.file[0], hi.end[hi.n]);
        m.file[0][pos] ^= (uint8_t)(1 + rnd() % 255);
        k = commit_before(&hi, pos);
        {
            /* Without repair, damage is refused and the log left alone. */
            mqc_log_opts o;
            mqc_log_io io = memio_io(&m);

            mqc_log_opts_default(&o);
            memset(&rec, 0, sizeof(rec));
            m.truncates = 0;
            if (mqc_store_log_open(&st, &io, &o, NULL, &rec) == 0) {
                assert_int_equal(rec.damaged, 0); /* a torn last commit */
                mqc_store_close(&st);
            } else {
                assert_int_equal(rec.damaged, 1);
                assert_int_equal(rec.valid_bytes, hi.end[k]);
                assert_int_equal(m.len[0], hi.end[hi.n]);
                assert_int_equal(m.truncates, 0);
            }
            memio_set(&m, hi.m.file[0], hi.end[hi.n]);
            m.file[0][pos] ^= (uint8_t)(1 + rnd() % 255);
        }
        repair = 1;
        open_log(&st, &m, MQC_SYNC_ALWAYS, &rec);
        repair = 0;
        s = state(&st);
        assert_string_equal(s, hi.st[k]);
        free(s);
        assert_true(rec.torn || rec.damaged);
        assert_int_equal(rec.valid_bytes, hi.end[k]);
        /* Damage with intact commits behind it is saved, not just cut. */
        if (rec.damaged)
            assert_true(m.damaged_saves > 0);
        m.damaged_saves = 0;
        mqc_store_close(&st);
    }
    memio_free(&m);
    free_history(&hi);
}

static void test_not_a_log(void **state_)
{
    memio m = {0};
    mqc_store st;
    mqc_log_opts o;
    mqc_log_io io = memio_io(&m);

    (void)state_;
    mqc_log_opts_default(&o);
    memio_set(&m, (const uint8_t *)"NOTALOG!and more", 16);
    assert_int_equal(mqc_store_log_open(&st, &io, &o, NULL, NULL), MQC_ERR_STORE_CORRUPT);
    assert_int_equal(m.len[0], 16); /* untouched */
    memio_free(&m);
}

static void test_identity(void **state_)
{
    memio m = {0};
    mqc_store st;
    mqc_log_opts o;
    mqc_log_io io = memio_io(&m);

    (void)state_;
    mqc_log_opts_default(&o);
    o.identity.ptr = (const uint8_t *)"client a";
    o.identity.len = 8;
    assert_int_equal(mqc_store_log_open(&st, &io, &o, NULL, NULL), 0);
    mqc_store_close(&st);
    assert_int_equal(mqc_store_log_open(&st, &io, &o, NULL, NULL), 0); /* the same: fine */
    mqc_store_close(&st);
    o.identity.ptr = (const uint8_t *)"client b";
    assert_int_equal(mqc_store_log_open(&st, &io, &o, NULL, NULL), MQC_ERR_STORE_MISMATCH);
    o.identity.len = 0; /* no identity asked: any log opens */
    assert_int_equal(mqc_store_log_open(&st, &io, &o, NULL, NULL), 0);
    mqc_store_close(&st);
    memio_free(&m);
}

/* What each policy writes and fsyncs, and when. */
static void test_sync_policies(void **state_)
{
    static const mqc_sync_policy pol[3] = {MQC_SYNC_ALWAYS, MQC_SYNC_BATCH, MQC_SYNC_NEVER};
    mqc_store st;
    uint32_t h;
    size_t before;
    unsigned syncs, i;

    (void)state_;
    for (i = 0; i < 3; i++) {
        memio m = {0};

        open_log(&st, &m, pol[i], NULL);
        before = m.len[0];
        syncs = m.syncs;
        assert_int_equal(st.ops->put(st.ctx, (const uint8_t *)"0123456789abc", 13, &h), 0);
        assert_int_equal(m.len[0], before); /* nothing written by the change itself */
        assert_int_equal(st.ops->sync(st.ctx, MQC_STORE_SYNC_ACCEPT), 0);
        if (pol[i] == MQC_SYNC_ALWAYS) {
            assert_true(m.len[0] > before);
            assert_int_equal(m.synced, m.len[0]);
        } else {
            assert_int_equal(m.len[0], before); /* BATCH, NEVER: not at accept */
        }
        assert_int_equal(st.ops->inbound(st.ctx, 9, 1), 0);
        assert_int_equal(st.ops->sync(st.ctx, MQC_STORE_SYNC_OUTPUT), 0);
        assert_int_equal(m.synced == m.len[0], pol[i] != MQC_SYNC_NEVER);
        assert_true(m.len[0] > before);
        /* Nothing new: no write, no fsync. */
        before = m.len[0];
        syncs = m.syncs;
        assert_int_equal(st.ops->sync(st.ctx, MQC_STORE_SYNC_IDLE), 0);
        assert_int_equal(m.len[0], before);
        assert_int_equal(m.syncs, syncs);
        mqc_store_close(&st);
        memio_free(&m);
    }
}

/* A steady stream keeps the log bounded; the compacted log reopens to the
 * same state. */
static void test_compaction(void **state_)
{
    memio m = {0};
    mqc_store st;
    mqc_log_opts o;
    mqc_log_io io = memio_io(&m);
    uint8_t b[200];
    uint32_t h[4];
    size_t i, maxlen = 0;
    char *a, *c;

    (void)state_;
    mqc_log_opts_default(&o);
    o.compact_bytes = 8192;
    assert_int_equal(mqc_store_log_open(&st, &io, &o, NULL, NULL), 0);
    memset(b, 7, sizeof(b));
    for (i = 0; i < 4; i++)
        assert_int_equal(st.ops->put(st.ctx, b, sizeof(b), &h[i]), 0);
    for (i = 0; i < 5000; i++) {
        b[0] = (uint8_t)i;
        st.ops->remove(st.ctx, h[i % 4]);
        assert_int_equal(st.ops->put(st.ctx, b, sizeof(b), &h[i % 4]), 0);
        assert_int_equal(st.ops->inbound(st.ctx, (uint16_t)(1 + i % 50), (int)(i & 1)), 0);
        assert_int_equal(st.ops->sync(st.ctx, MQC_STORE_SYNC_OUTPUT), 0);
        if (m.len[0] > maxlen)
            maxlen = m.len[0];
    }
    assert_true(m.replaces > 10);
    assert_true(maxlen < 3 * 8192); /* 5000 commits of ~230 bytes would be 1.1 MB */
    a = state(&st);
    mqc_store_close(&st);
    assert_int_equal(mqc_store_log_open(&st, &io, &o, NULL, NULL), 0);
    c = state(&st);
    assert_string_equal(a, c);
    free(a);
    free(c);
    mqc_store_close(&st);
    memio_free(&m);
}

/* A write that fails half way is cut back and retried whole: the log stays
 * readable and loses nothing. */
static void test_failed_write(void **state_)
{
    memio m = {0};
    mqc_store st;
    mqc_log_recovery rec;
    uint32_t h;
    char *a, *c;

    (void)state_;
    open_log(&st, &m, MQC_SYNC_BATCH, NULL);
    assert_int_equal(st.ops->put(st.ctx, (const uint8_t *)"first record", 12, &h), 0);
    m.fail_append = 5;
    assert_int_equal(st.ops->sync(st.ctx, MQC_STORE_SYNC_OUTPUT), MQC_ERR_STORE_SYNC);
    assert_int_equal(m.len[0], 8); /* the partial commit was cut back */
    assert_int_equal(st.ops->put(st.ctx, (const uint8_t *)"second record", 13, &h), 0);
    assert_int_equal(st.ops->sync(st.ctx, MQC_STORE_SYNC_OUTPUT), 0);
    a = state(&st);
    mqc_store_close(&st);
    open_log(&st, &m, MQC_SYNC_BATCH, &rec);
    c = state(&st);
    assert_string_equal(a, c);
    assert_non_null(strstr(c, "M1:"));
    assert_non_null(strstr(c, "M2:"));
    assert_int_equal(rec.messages, 2);
    free(a);
    free(c);
    mqc_store_close(&st);
    memio_free(&m);
}

/* Capacity bounds the message bytes kept: full is reported, not dropped. */
static void test_capacity(void **state_)
{
    memio m = {0};
    mqc_store st;
    mqc_log_opts o;
    mqc_log_io io = memio_io(&m);
    uint8_t b[100] = {1};
    uint32_t h1, h2, h3;

    (void)state_;
    mqc_log_opts_default(&o);
    o.capacity = 250;
    assert_int_equal(mqc_store_log_open(&st, &io, &o, NULL, NULL), 0);
    assert_int_equal(st.ops->put(st.ctx, b, 100, &h1), 0);
    assert_int_equal(st.ops->put(st.ctx, b, 100, &h2), 0);
    assert_int_equal(st.ops->put(st.ctx, b, 100, &h3), MQC_ERR_QUEUE_FULL);
    /* Space comes back at once, whichever record goes (no ring order). */
    st.ops->remove(st.ctx, h1);
    assert_int_equal(st.ops->put(st.ctx, b, 100, &h3), 0);
    mqc_store_close(&st);
    memio_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reopen_gives_the_same_state),
        cmocka_unit_test(test_cut_at_every_offset),
        cmocka_unit_test(test_flipped_bytes),
        cmocka_unit_test(test_not_a_log),
        cmocka_unit_test(test_identity),
        cmocka_unit_test(test_sync_policies),
        cmocka_unit_test(test_compaction),
        cmocka_unit_test(test_failed_write),
        cmocka_unit_test(test_capacity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
