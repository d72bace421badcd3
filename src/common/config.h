/* Build-time knobs for the core. Each can be set with -D on the command line. */
#ifndef MQC_COMMON_CONFIG_H
#define MQC_COMMON_CONFIG_H

/* 0 builds a 3.1.1-only core: 5.0 properties and reason codes compile away,
 * and MQC_V5 is refused with MQC_ERR_INVAL. */
#ifndef MQC_ENABLE_V5
#define MQC_ENABLE_V5 1
#endif

/* 0 builds a 5.0 core without Topic Aliases (5.0 §3.3.2.3.4): CONNECT
 * announces no Topic Alias Maximum, so a server may send none (one that
 * does is disconnected with 0x94), and every PUBLISH carries its topic.
 * mqc_session_opts.topic_alias_max and topic_alias_out are ignored. For a
 * firmware whose topics are few and short they save little on the wire;
 * the code costs about 0.8 KB on Cortex-M (docs/footprint.md). */
#ifndef MQC_ENABLE_TOPIC_ALIAS
#define MQC_ENABLE_TOPIC_ALIAS MQC_ENABLE_V5
#endif

/* 0 builds a 5.0 core without enhanced authentication (5.0 §4.12, AUTH):
 * connecting with an Authentication Method in connect_props fails with
 * MQC_ERR_INVAL, mqc_session_auth() with MQC_ERR_STATE, and an AUTH from
 * the server is a protocol error (DISCONNECT 0x82), as for a session that
 * asked for none. User name and password work as always. About 0.3 KB. */
#ifndef MQC_ENABLE_AUTH
#define MQC_ENABLE_AUTH MQC_ENABLE_V5
#endif

/* 0 builds a core that does not remember subscriptions: when the server
 * has no session for us (CONNACK session present 0 on a reconnect, as
 * mqc_connack_info tells on_connack; every reconnect of a clean session)
 * the application subscribes again itself, and a durable store keeps no
 * subscriptions. Saves about 1.1 KB (3.1.1) to 1.4 KB (5.0) on Cortex-M,
 * and a subscriber the table of them it makes at its first SUBSCRIBE. */
#ifndef MQC_ENABLE_RENEWAL
#define MQC_ENABLE_RENEWAL 1
#endif

/* Topic aliases and AUTH are 5.0 features. */
#if !MQC_ENABLE_V5
#undef MQC_ENABLE_TOPIC_ALIAS
#define MQC_ENABLE_TOPIC_ALIAS 0
#undef MQC_ENABLE_AUTH
#define MQC_ENABLE_AUTH 0
#endif

/* 0 builds a client-only codec: no decoding of CONNECT, SUBSCRIBE and
 * UNSUBSCRIBE (they are refused as MQC_ERR_MALFORMED_TYPE, a type the
 * client never receives) and no encoders for CONNACK, SUBACK, UNSUBACK
 * (MQC_ERR_INVAL). The library default keeps both directions. */
#ifndef MQC_CODEC_SERVER
#define MQC_CODEC_SERVER 1
#endif

/* 0 builds a core without durable-store support: the session then keeps
 * nothing beyond message records in its store and never recovers from one
 * (a firmware without persistent storage saves about 1.4 KB on Cortex-M).
 * A version 2 store's load/inbound/set/sync are ignored. */
#ifndef MQC_ENABLE_DURABLE
#define MQC_ENABLE_DURABLE 1
#endif

/* 0 drops the error strings of mqc_strerror() (about 1.5 KB on Cortex-M). */
#ifndef MQC_ENABLE_ERROR_TEXT
#define MQC_ENABLE_ERROR_TEXT 1
#endif

/* Keeps a helper out of line where -Os would inline it at a cost in code
 * size (measured with scripts/size.sh); a no-op for other compilers. */
#if defined(__GNUC__)
#define MQC_NOINLINE __attribute__((noinline))
#else
#define MQC_NOINLINE
#endif

#endif
