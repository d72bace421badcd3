/*
 * mqc QoS 1/2 delivery, modelled for Spin: one publisher session (our
 * code), one broker (an ideal MQTT 3.1.1 broker, not our code), one
 * subscriber session (our code). The network loses a connection at any
 * step (whatever is in flight on it goes), a client reconnects with
 * session present 1 (or 0 with -DSESSION_LOSS=1), nothing is reordered
 * within a connection. With -DCRASHES=k a client process also crashes and
 * restarts from its durable store (src/store/store_log.c) under -DSYNC.
 *
 * The client side follows src/session/: every rule names the C function
 * it copies. printf lines starting with '@' are the trace the trace check
 * (model/trace_check.c) replays against the real session.
 */

/* ---- configuration (see model/README.md) ---- */
#ifndef N
#define N 2            /* messages the publishing application offers */
#endif
#ifndef QOS
#define QOS 2
#endif
#ifndef WIN
#define WIN 2          /* publisher max_inflight */
#endif
#ifndef IDMAX
#define IDMAX 3        /* ids wrap past IDMAX to 1 (the code: 65535) */
#endif
#ifndef MAXQ
#define MAXQ 1         /* publisher max_queued */
#endif
#ifndef LOSSES
#define LOSSES 2       /* connection losses, in all (fairness: not lost forever) */
#endif
#ifndef SESSION_LOSS
#define SESSION_LOSS 0 /* 1: the broker may forget a session (CONNACK sp 0) */
#endif
#ifndef LOST_POLICY
#define LOST_POLICY 0  /* MQC_LOST_RESEND 0, MQC_LOST_FAIL 1 */
#endif
#ifndef BWIN
#define BWIN 2         /* the broker's in-flight window to the subscriber */
#endif
#ifndef CRASHES
#define CRASHES 0      /* client process crashes, in all */
#endif
#ifndef SYNC
#define SYNC 0         /* MQC_SYNC_BATCH 0, MQC_SYNC_ALWAYS 1, MQC_SYNC_NEVER 2 */
#endif
#ifndef POWER
#define POWER 0        /* 1: a crash is a power loss (unsynced writes are gone) */
#endif
#ifndef SUB_NOTE
#define SUB_NOTE 1     /* 1: the subscribing app commits its effect with the store */
#endif
#ifndef CRASH_PUB
#define CRASH_PUB 1
#endif
#ifndef CRASH_SUB
#define CRASH_SUB 1
#endif

#define CH (WIN + BWIN + 1)     /* per direction; overflow is an assertion */
#define BQMAX (N * (LOSSES + 1) + 1)  /* broker's queue for the subscriber (QoS 1 dups) */
#define INMAX (BWIN + 2)        /* subscriber's inbound entries */
#define BIDMAX (BWIN + 1)

mtype = { PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP };

/* type, packet id, message (payload index), DUP */
chan p2b = [CH] of { mtype, byte, byte, bit };
chan b2p = [CH] of { mtype, byte, byte, bit };
chan b2s = [CH] of { mtype, byte, byte, bit };
chan s2b = [CH] of { mtype, byte, byte, bit };

/* A full channel would block or drop: it must not happen. */
#define SEND(c, t, i, m, d) assert(nfull(c)); c!t,i,m,d

bit pup, sup;                   /* connection up (publisher, subscriber) */
bit bp_has, bs_has;             /* the broker has a session for them */
byte losses, crashes;

/* ---- what the applications see ---- */
byte delivered[N];              /* on_message calls per message (subscriber) */
byte ndistinct;                 /* messages delivered at least once */
byte outcome[N];                /* on_publish_done: 0 none, else 1 + mqc_outcome */
byte ndone;                     /* messages with an outcome */
#define ACKED 0
#define SESSION_LOST 3
#define FIN (ndone == N && ndistinct == N)

/* ---- publisher session (struct mqc_session, outbound side) ---- */
#define M_REL 1
#define M_SENT 2
#define M_DUP 4
byte acc;                       /* messages accepted so far: [qhd, acc) is the queue */
byte qhd;
byte w_m[WIN], w_id[WIN], w_st[WIN];
byte nwin;
byte next_id = 1;
bit p_ever;                     /* F_EVER */

/* ---- broker ---- */
bit brel[IDMAX + 1];            /* publisher's ids awaiting PUBREL */
byte brel_m[IDMAX + 1];         /* ... and their message */
byte bq[BQMAX];                 /* messages for the subscriber, not yet in flight */
byte bqh, bql;
byte bw_m[BWIN], bw_id[BWIN], bw_st[BWIN], nbw;
byte bnext = 1;

/* ---- subscriber session (inbound side) ---- */
#define IN_APP 0
#define IN_ACK 1
#define IN_REL 2
#define IN_COMP 3
byte in_id[INMAX], in_st[INMAX], in_q[INMAX];
byte nin;
bit s_ever;

/* ---- durable stores: live (v), committed to the OS (d), on disk (f) ---- */
#if CRASHES
typedef pstore { byte rec[N]; byte id[N]; byte note };   /* rec: 0 none 1 queued 2 sent 3 PUBREC'd */
typedef sstore { bit held[BIDMAX + 1]; byte del[N] };
pstore ps_v, ps_d, ps_f;
sstore ss_v, ss_d, ss_f;
#define PCOPY(a, b) i = 0; do :: i < N -> a.rec[i] = b.rec[i]; a.id[i] = b.id[i]; i++ :: else -> break od; a.note = b.note
#define SCOPY(a, b) i = 0; do :: i <= BIDMAX -> a.held[i] = b.held[i]; i++ :: else -> break od; \
    i = 0; do :: i < N -> a.del[i] = b.del[i]; i++ :: else -> break od
/* mqc_log_commit: pending changes become a commit, fsynced unless NEVER. */
inline pcommit() { PCOPY(ps_d, ps_v); if :: SYNC != 2 -> PCOPY(ps_f, ps_d) :: else fi }
inline scommit() { SCOPY(ss_d, ss_v); if :: SYNC != 2 -> SCOPY(ss_f, ss_d) :: else fi }
#define PV(x) x
#else
#define PV(x) skip
inline pcommit() { skip }
inline scommit() { skip }
#endif

inline deliver(m) {
    printf("@S deliver %d\n", m);
#if QOS == 2
    assert(delivered[m] == 0);  /* QoS 2: never twice to the application */
#endif
    if :: delivered[m] == 0 -> ndistinct++ :: else fi;
    delivered[m]++;
#if CRASHES
    ss_v.del[m] = delivered[m];   /* the app's effect, in the session's next commit */
#endif
}

inline report(m, o) {
    printf("@P done %d %d\n", m, o);
    if :: outcome[m] == 0 -> ndone++ :: else fi;
    outcome[m] = o + 1;
}

/* mqcs_alloc_id (ids.c): a counter that skips ids in the window, wraps to 1. */
inline alloc_id(res) {
    res = 0; k = 0;
    do
    :: k < IDMAX ->
        res = next_id;
        next_id = (res == IDMAX -> 1 : res + 1);
        j = 0;
        do
        :: j < nwin && w_id[j] != res -> j++
        :: else -> break
        od;
        if :: j == nwin -> break :: else -> res = 0; k++ fi
    :: else -> break
    od
}

/* mqcs_admit (outbound.c): queue head into the window while it has room. */
inline admit() {
    do
    :: pup && qhd < acc && nwin < WIN ->
        alloc_id(id);
        assert(id != 0);
        assert(!brel[id]);      /* not in flight at the broker either: never reused */
        w_m[nwin] = qhd; w_id[nwin] = id; w_st[nwin] = 0; nwin++;
        PV(ps_v.rec[qhd] = 2; ps_v.id[qhd] = id);   /* set_id: the record's id patched */
        qhd++
    :: else -> break
    od
}

/* mqcs_finish (outbound.c): the entry leaves the window, its record the store. */
inline finish(i, o) {
    report(w_m[i], o);
    PV(ps_v.rec[w_m[i]] = 0);
    j = i;
    do
    :: j + 1 < nwin -> w_m[j] = w_m[j + 1]; w_id[j] = w_id[j + 1]; w_st[j] = w_st[j + 1]; j++
    :: else -> break
    od;
    nwin--
}

/* mqc_session_publish (outbound.c): refused (QUEUE_FULL) when the queue is
 * full, unless the message can enter the window at once. */
inline publish() {
    if
    :: acc - qhd < MAXQ + (pup && acc == qhd && nwin < WIN) ->
        printf("@P pub %d\n", acc);
        PV(ps_v.rec[acc] = 1; ps_v.note = acc + 1);
        acc++;
#if CRASHES
        if :: SYNC == 1 -> pcommit() :: else fi;   /* MQC_STORE_SYNC_ACCEPT: ALWAYS only */
#endif
        admit()
    :: else -> printf("@P full %d\n", acc)   /* reported to the caller, nothing kept */
    fi
}

/* fill -> mqcs_fill_window (output.c, outbound.c): every sendable entry in
 * window order, admitting from the queue; one batch per mqc_session_send. */
inline pub_fill() {
    i = 0;
    do
    :: i < nwin ->
        if
        :: !(w_st[i] & M_SENT) ->
            /* send_msg: after PUBREC only PUBREL, else the PUBLISH (DUP if sent before) */
            if
            :: w_st[i] & M_REL ->
                printf("@P out PUBREL %d\n", w_id[i]);
                SEND(p2b, PUBREL, w_id[i], 0, 0)
            :: else ->
                printf("@P out PUBLISH %d %d %d\n", w_id[i], w_m[i], (w_st[i] & M_DUP) != 0);
                SEND(p2b, PUBLISH, w_id[i], w_m[i], (w_st[i] & M_DUP) != 0);
                w_st[i] = w_st[i] | M_DUP
            fi;
            w_st[i] = w_st[i] | M_SENT
        :: else
        fi;
        i++
    :: else ->
        l = nwin; admit();
        if :: nwin == l -> break :: else fi
    od;
    pcommit();                  /* mqcs_store_sync(OUTPUT): before the bytes leave
                                 * (the batch is atomic: no one sees them sooner) */
    printf("@P fill\n")
}

#define PUB_SENDABLE (pup && (qhd < acc && nwin < WIN || \
    (nwin > 0 && !(w_st[0] & M_SENT)) || (nwin > 1 && !(w_st[1] & M_SENT)) || \
    (nwin > 2 && !(w_st[2] & M_SENT))))

/* mqcs_on_ack (outbound.c) */
inline pub_on_ack(t, id) {
    printf("@P in %e %d\n", t, id);
    i = 0;
    do
    :: i < nwin && w_id[i] != id -> i++
    :: else -> break
    od;
    if
    :: i == nwin -> skip        /* unknown id: a late ack, ignored */
    :: else ->
        if
        :: t == PUBREC && QOS == 2 && !(w_st[i] & M_REL) ->
            PV(ps_v.rec[w_m[i]] = 3);   /* REC_PHASE patched before any PUBREL */
            w_st[i] = M_REL
        :: t == PUBCOMP && (w_st[i] & M_REL) -> finish(i, ACKED)
        :: t == PUBACK && QOS == 1 -> finish(i, ACKED)
        :: else
        fi
    fi
}

/* accept (session.c): CONNACK with session present sp. */
inline pub_connack(sp) {
    printf("@P conn %d\n", sp);
    if
    :: sp ->
        /* mqcs_resume -> mqcs_again: everything unacknowledged goes again */
        i = 0;
        do
        :: i < nwin ->
#ifdef BUG_PUBLISH_AFTER_PUBREC
            w_st[i] = w_st[i] & ~M_REL;   /* BROKEN: the PUBLISH again, not PUBREL */
#endif
            w_st[i] = w_st[i] & ~M_SENT; i++
        :: else -> break
        od
    :: !sp && p_ever ->
        /* mqcs_lost: PUBREC'd counts as acked; the rest fail (LOST_FAIL)
         * or stay, as new messages with new ids (LOST_RESEND) */
        i = 0; k = nwin;
        do
        :: k > 0 ->
            if
            :: w_st[i] & M_REL -> finish(i, ACKED)
            :: !(w_st[i] & M_REL) && LOST_POLICY == 1 -> finish(i, SESSION_LOST)
            :: else -> w_st[i] = 0; w_id[i] = 0; i++
            fi;
            k--
        :: else -> break
        od;
        l = 0;
        do
        :: l < i -> alloc_id(id); assert(id != 0 && !brel[id]);
            w_id[l] = id; PV(ps_v.id[w_m[l]] = id); l++
        :: else -> break
        od
    :: else
    fi;
    p_ever = 1                  /* admission: in the next fill (mqcs_fill_window) */
}

/* ---- subscriber: mqcs_on_publish, mqcs_on_pubrel, mqcs_fill_acks (inbound.c) ---- */
inline sub_find(id) {
    i = 0;
    do
    :: i < nin && in_id[i] != id -> i++
    :: else -> break
    od
}

inline sub_remove(i) {
    j = i;
    do
    :: j + 1 < nin -> in_id[j] = in_id[j + 1]; in_st[j] = in_st[j + 1]; in_q[j] = in_q[j + 1]; j++
    :: else -> break
    od;
    nin--
}

/* An id awaiting PUBREL (IN_REL) is in the set of relset.c, not in the
 * entries: when its PUBLISH or PUBREL comes, mqcs_on_publish/mqcs_on_pubrel
 * take it out of the set (mqcs_rel_take) and add a new entry at the end, so
 * its ack goes after those already waiting. Entry i is IN_REL. */
inline sub_reopen(st_new) {
    k = in_id[i];
    sub_remove(i);
    in_id[nin] = k; in_q[nin] = 2; in_st[nin] = st_new; nin++
}

inline sub_on_publish(id, m, d) {
    printf("@S in PUBLISH %d %d %d %d\n", QOS, id, m, d);
    sub_find(id);
    if
    :: i < nin && (in_q[i] == 2 || QOS == 2 || d) ->
        /* the same message again (QoS 2 until PUBREL, QoS 1 a DUP resend):
         * answer, do not deliver. (A QoS 1 DUP 0 used to be taken for one
         * too: a message whose id the server reused was lost. Found here,
         * fixed in mqcs_on_publish.) */
        if :: in_st[i] == IN_REL -> sub_reopen(IN_ACK) :: else fi
    :: else ->
        assert(nin < INMAX);    /* mqcs_in_add: grows; the bound is the model's */
        i = nin;
        in_id[nin] = id; in_q[nin] = QOS; in_st[nin] = IN_APP; nin++;
        deliver(m);
        /* accepted(): the app returned 0; a QoS 2 id is held in the store */
        in_st[i] = IN_ACK;
        PV(if :: QOS == 2 -> ss_v.held[id] = 1 :: else fi)
    fi
}

inline sub_on_pubrel(id) {
    printf("@S in PUBREL %d\n", id);
    sub_find(id);
    if
    :: i == nin ->              /* unknown: PUBCOMP all the same (5.0: 0x92) */
        assert(nin < INMAX);
        in_id[nin] = id; in_q[nin] = 2; in_st[nin] = IN_COMP; nin++
    :: else ->
        assert(in_st[i] != IN_APP);   /* PUBREL before our PUBREC: protocol error */
        if :: in_st[i] == IN_REL -> sub_reopen(IN_COMP) :: else -> in_st[i] = IN_COMP fi;
        PV(ss_v.held[id] = 0)     /* mqcs_store_inbound(id, 0) */
    fi
}

inline sub_fill() {
    i = 0;
    do
    :: i < nin && in_st[i] == IN_COMP ->
        printf("@S out PUBCOMP %d\n", in_id[i]);
        SEND(s2b, PUBCOMP, in_id[i], 0, 0);
        sub_remove(i)
    :: i < nin && in_st[i] == IN_ACK && in_q[i] == 1 ->
        printf("@S out PUBACK %d\n", in_id[i]);
        SEND(s2b, PUBACK, in_id[i], 0, 0);
        sub_remove(i)
    :: i < nin && in_st[i] == IN_ACK && in_q[i] == 2 ->
        printf("@S out PUBREC %d\n", in_id[i]);
        SEND(s2b, PUBREC, in_id[i], 0, 0);
#ifdef BUG_RELEASE_AT_PUBLISH
        sub_remove(i)           /* BROKEN: the id forgotten before PUBREL */
#else
        in_st[i] = IN_REL; i++  /* the id stays until PUBREL */
#endif
    :: i < nin && in_st[i] != IN_COMP && in_st[i] != IN_ACK -> i++
    :: else -> break
    od;
    scommit();                  /* mqcs_store_sync(OUTPUT) */
    printf("@S fill\n")
}

#define SUB_SENDABLE (sup && (nin > 0 && (in_st[0] == IN_COMP || in_st[0] == IN_ACK) || \
    nin > 1 && (in_st[1] == IN_COMP || in_st[1] == IN_ACK) || \
    nin > 2 && (in_st[2] == IN_COMP || in_st[2] == IN_ACK) || \
    nin > 3 && (in_st[3] == IN_COMP || in_st[3] == IN_ACK)))

inline sub_connack(sp) {
    printf("@S conn %d\n", sp);
    if
    :: !sp && s_ever ->         /* mqcs_lost: the awaiting-PUBREL set is void */
        nin = 0;
        PV(i = 0; do :: i <= BIDMAX -> ss_v.held[i] = 0; i++ :: else -> break od)
    :: else                     /* resumed: the ids stay (mqcs_in_reset_count) */
    fi;
    s_ever = 1
}

/* ---- the broker (ideal, 3.1.1): forwards a QoS 2 message at its first PUBLISH ---- */
inline b_forward(m) {
    assert(bql < BQMAX);
    bq[(bqh + bql) % BQMAX] = m; bql++
}

inline b_admit() {
    do
    :: bql > 0 && nbw < BWIN ->
        /* an id not in use towards the subscriber */
        do
        :: bnext = (bnext == BIDMAX -> 1 : bnext + 1);
           j = 0;
           do :: j < nbw && bw_id[j] != bnext -> j++ :: else -> break od;
           if :: j == nbw -> break :: else fi
        od;
        bw_m[nbw] = bq[bqh]; bw_id[nbw] = bnext; bw_st[nbw] = 0; nbw++;
        bqh = (bqh + 1) % BQMAX; bql--
    :: else -> break
    od
}

proctype Publisher() {
    byte i, j, k, l, id; mtype t; byte m; bit d, sp;
end:
    do
#ifdef LIVE
    /* An app that retries a refused message forever is a cycle of its own. */
    :: atomic { acc < N && acc - qhd < MAXQ + (pup && acc == qhd && nwin < WIN) -> publish() }
#else
    :: atomic { acc < N -> publish() }
#endif
    :: atomic { !pup ->
        sp = bp_has;            /* clean 0: the broker has our session once we had one */
#if SESSION_LOSS
        if :: sp -> if :: skip :: sp = 0 fi :: else fi;
        if :: !sp -> i = 0; do :: i <= IDMAX -> brel[i] = 0; i++ :: else -> break od :: else fi;
#endif
        bp_has = 1;
        pub_connack(sp); pup = 1 }
    :: atomic { PUB_SENDABLE -> pub_fill() }
    :: atomic { b2p?t, id, m, d -> pub_on_ack(t, id) }
#if CRASHES
    :: atomic { pcommit() }     /* mqc_session_sync at a loop's end */
#endif
    od
}

proctype Subscriber() {
    byte i, j, k, id; mtype t; byte m; bit d, sp;
end:
    do
    :: atomic { !sup ->
        sp = bs_has;
#if SESSION_LOSS
        if :: sp -> if :: skip :: sp = 0 fi :: else fi;
        if :: !sp -> bql = 0; nbw = 0 :: else fi;  /* the broker's queue for us is gone */
#endif
        bs_has = 1;
        sub_connack(sp);
        /* the broker resumes too: everything unacknowledged goes again */
        i = 0; do :: i < nbw -> bw_st[i] = bw_st[i] & ~M_SENT; i++ :: else -> break od;
        sup = 1 }
    :: atomic { SUB_SENDABLE -> sub_fill() }
    :: atomic { b2s?t, id, m, d ->
        if :: t == PUBLISH -> sub_on_publish(id, m, d) :: else -> sub_on_pubrel(id) fi }
#if CRASHES
    :: atomic { scommit() }
#endif
    od
}

proctype Broker() {
    byte i, j, id, m; mtype t; bit d;
end:
    do
    :: atomic { p2b?t, id, m, d ->
        if
        :: t == PUBLISH && QOS == 1 -> b_forward(m); SEND(b2p, PUBACK, id, 0, 0)
        :: t == PUBLISH && QOS == 2 ->
            if
            :: brel[id] ->
                /* the same id while in use must be the same message, or the
                 * broker takes a new one for a resend: packet ids reused */
                assert(brel_m[id] == m)
            :: else -> brel[id] = 1; brel_m[id] = m; b_forward(m)
            fi;
            SEND(b2p, PUBREC, id, 0, 0)
        :: t == PUBREL -> brel[id] = 0; SEND(b2p, PUBCOMP, id, 0, 0)
        fi }
    /* towards the subscriber, one packet at a time, in window order */
    :: atomic { sup && (bql > 0 && nbw < BWIN || nbw > 0 && !(bw_st[0] & M_SENT)
                        || nbw > 1 && !(bw_st[1] & M_SENT)) ->
        b_admit();
        i = 0;
        do :: i < nbw && (bw_st[i] & M_SENT) -> i++ :: else -> break od;
        if
        :: i < nbw && (bw_st[i] & M_REL) -> SEND(b2s, PUBREL, bw_id[i], 0, 0)
        :: i < nbw && !(bw_st[i] & M_REL) ->
            SEND(b2s, PUBLISH, bw_id[i], bw_m[i], (bw_st[i] & M_DUP) != 0);
            bw_st[i] = bw_st[i] | M_DUP
        :: else
        fi;
        if :: i < nbw -> bw_st[i] = bw_st[i] | M_SENT :: else fi }
    :: atomic { s2b?t, id, m, d ->
        i = 0;
        do :: i < nbw && bw_id[i] != id -> i++ :: else -> break od;
        if
        :: i < nbw && t == PUBREC && !(bw_st[i] & M_REL) -> bw_st[i] = M_REL
        :: i < nbw && (t == PUBCOMP && (bw_st[i] & M_REL) || t == PUBACK) ->
            j = i;
            do
            :: j + 1 < nbw -> bw_m[j] = bw_m[j + 1]; bw_id[j] = bw_id[j + 1]; bw_st[j] = bw_st[j + 1]; j++
            :: else -> break
            od;
            nbw--
        :: else
        fi }
    od
}

#define FLUSH(c) do :: c?_, _, _, _ :: empty(c) -> break od

/* The network (and, with CRASHES, the clients' machine). */
proctype Net() {
    byte i, j, k, id;
end:
    do
    /* mqc_session_connection_lost; the trace says whether output was due */
    :: atomic { pup && losses < LOSSES -> losses++;
                printf("@P drop %d\n", PUB_SENDABLE); pup = 0; FLUSH(p2b); FLUSH(b2p) }
    :: atomic { sup && losses < LOSSES -> losses++;
                printf("@S drop %d\n", SUB_SENDABLE); sup = 0; FLUSH(b2s); FLUSH(s2b) }
#if CRASHES
#if CRASH_PUB
    /* The publisher process dies and starts again from its store
     * (mqcs_recover / load_message, durable.c). */
    :: atomic { crashes < CRASHES -> crashes++; pup = 0; FLUSH(p2b); FLUSH(b2p);
        printf("@P crash\n");
        if :: POWER -> PCOPY(ps_v, ps_f) :: else -> PCOPY(ps_v, ps_d) fi;
        PCOPY(ps_d, ps_v); PCOPY(ps_f, ps_v);
        acc = ps_v.note;          /* the app offers again from its note */
        nwin = 0; qhd = acc; p_ever = 0;
        i = 0;
        do
        :: i < N ->
            if
            :: ps_v.rec[i] >= 2 ->   /* in flight: DUP with its id, or PUBREL once PUBREC came */
                w_m[nwin] = i; w_id[nwin] = ps_v.id[i];
                w_st[nwin] = (ps_v.rec[i] == 3 -> M_REL : M_DUP); nwin++;
                next_id = (ps_v.id[i] == IDMAX -> 1 : ps_v.id[i] + 1); p_ever = 1
            :: ps_v.rec[i] == 1 -> if :: i < qhd -> qhd = i :: else fi; p_ever = 1
            :: else
            fi;
            i++
        :: else -> break
        od }
#endif
#if CRASH_SUB
    :: atomic { crashes < CRASHES -> crashes++; sup = 0; FLUSH(b2s); FLUSH(s2b);
        printf("@S crash\n");
        if :: POWER -> SCOPY(ss_v, ss_f) :: else -> SCOPY(ss_v, ss_d) fi;
        SCOPY(ss_d, ss_v); SCOPY(ss_f, ss_v);
        nin = 0; s_ever = 0; ndistinct = 0;
        i = 0;
        do
        :: i < N ->
#if SUB_NOTE
            delivered[i] = ss_v.del[i];   /* the app's uncommitted effect is gone too */
#endif
            if :: delivered[i] -> ndistinct++ :: else fi; i++
        :: else -> break
        od;
        i = 1;
        do
        :: i <= BIDMAX ->
            if :: ss_v.held[i] -> in_id[nin] = i; in_q[nin] = 2; in_st[nin] = IN_REL; nin++; s_ever = 1
            :: else fi; i++
        :: else -> break
        od }
#endif
#if POWER && SYNC == 2
    /* NEVER: the OS writes its cache back when it likes (a prefix of the commits). */
    :: atomic { PCOPY(ps_f, ps_d); SCOPY(ss_f, ss_d) }
#endif
#endif
    od
}

/* Nothing can move: everything must be finished (else: a deadlock). */
active proctype Final() {
    timeout ->
#if SESSION_LOSS || CRASHES
    assert(empty(p2b) && empty(b2p) && empty(b2s) && empty(s2b));
#endif
#if SESSION_LOSS && !CRASHES
    assert(ndone == N)          /* every message has an outcome */
#elif CRASHES && !SESSION_LOSS
    assert(FIN)
#elif !SESSION_LOSS
    assert(FIN && nwin == 0 && nbw == 0 && bql == 0 && nin == 0)
#endif
    ;
    printf("@E\n")
}

#ifdef LIVE
ltl live { <> FIN }
#endif

init {
    printf("@C %d %d %d %d %d\n", QOS, WIN, MAXQ, LOST_POLICY, IDMAX);
    atomic { run Publisher(); run Subscriber(); run Broker(); run Net() }
}
