/* Help texts: every flag of mqc pub, mqc sub and mqc rr. */
#include "cli.h"

static const char common_opts[] =
    "Connection:\n"
    "  -h, --host HOST        broker host name or address (default localhost; IPv4 or IPv6),\n"
    "                         HOST:PORT or [IPv6]:PORT. Several -h (and -L) make a broker\n"
    "                         list: on a failed connect or a lost connection the next one\n"
    "                         is tried (a cluster's nodes); 5.0 redirects (Server Reference)\n"
    "                         are followed\n"
    "  -p, --port PORT        broker port (default 1883, 8883 with TLS; WebSocket: 80, 443\n"
    "                         with TLS)\n"
    "  -L, --url URL          mqtt://[user[:password]@]host[:port]/topic, or mqtts://\n"
    "                         for TLS (with the system's trusted CAs unless --cafile), or\n"
    "                         MQTT over WebSocket: ws[s]://[user[:password]@]host[:port][/path]\n"
    "                         (the topic with -t; path default /mqtt); several -L add\n"
    "                         brokers to the list (the same topic in each)\n"
    "  --ws-path PATH         MQTT over WebSocket to -h/-p at PATH (TLS options make it wss)\n"
    "  --unix PATH            connect to the broker's Unix domain socket PATH instead of\n"
    "                         -h/-p (Mosquitto: listener 0 PATH)\n"
    "  -A ADDRESS             bind the outgoing socket to this local address or name\n"
    "  -V, --protocol-version VERSION\n"
    "                         protocol: mqttv31 (31), mqttv311 (311, default; rr: 5 only)\n"
    "                         or mqttv5 (5)\n"
    "  -i, --id ID            client id (default mqc_pub_PID / mqc_sub_PID / mqc_rr_PID)\n"
    "  -I, --id-prefix PREFIX client id is PREFIX followed by the process id\n"
    "  -k, --keepalive SECS   keep alive interval (default 60, 0 = off); no PINGRESP within\n"
    "                         SECS/2 means a dead connection: reconnect\n"
    "  -c, --disable-clean-session\n"
    "                         persistent session: clean session 0 (3.1.1) / clean start 0 and\n"
    "                         session expiry 'never' unless -x (5.0); needs -i or -I\n"
    "  -x, --session-expiry-interval SECS\n"
    "                         5.0 session expiry interval (0-4294967295, -1 = never)\n"
    "  -u, --username USER    user name\n"
    "  -P, --pw PASSWORD      password\n"
    "  -q, --qos QOS          quality of service 0, 1 or 2 (default 0)\n"
    "  -M, --max-inflight N   QoS 1/2 messages in flight at once (default 20; 5.0: at most\n"
    "                         the broker's Receive Maximum)\n"
    "  -D, --property CMD ID VALUE\n"
    "                         5.0 property. CMD: connect, publish, subscribe, unsubscribe,\n"
    "                         will, disconnect (session-expiry-interval only).\n"
    "                         ID: user-property KEY VALUE,\n"
    "                         session-expiry-interval, message-expiry-interval, content-type,\n"
    "                         response-topic, correlation-data, payload-format-indicator,\n"
    "                         receive-maximum, maximum-packet-size, will-delay-interval,\n"
    "                         request-problem-information, request-response-information,\n"
    "                         subscription-identifier\n"
    "  --will-topic TOPIC     will message topic (sent by the broker if we vanish)\n"
    "  --will-payload TEXT    will payload (default empty)\n"
    "  --will-qos QOS         will QoS\n"
    "  --will-retain          retain the will\n"
    "  --nodelay              accepted for compatibility (TCP_NODELAY is always on)\n"
    "  -o FILE                read default options from FILE instead of the default options\n"
    "                         file: $XDG_CONFIG_HOME/mqc_pub (mqc_sub, mqc_rr), else\n"
    "                         ~/.config/mqc_pub ...: one '-option value' per line, # comments;\n"
    "                         the command line overrides them (-t, -T, -U add to them)\n"
    "TLS (on with --cafile, --capath, --tls-use-os-certs, --cert, --psk or mqtts://):\n"
    "  --cafile FILE          trusted CA certificates (PEM)\n"
    "  --capath DIR           directory of trusted CA certificates (hashed, c_rehash)\n"
    "  --tls-use-os-certs     trust the system's CAs (also with --cafile/--capath)\n"
    "  --cert FILE            client certificate (PEM) for brokers that require one\n"
    "  --key FILE             its private key (PEM)\n"
    "  --key-password PASS    password of an encrypted --key (mqc's own flag)\n"
    "  --keyform pem          key format (pem only: no TLS engines)\n"
    "  --insecure             do not check the server's name against its certificate\n"
    "                         (the certificate chain is still checked)\n"
    "  --tls-version VERSION  minimum TLS version: tlsv1.2 (default) or tlsv1.3\n"
    "  --tls-alpn PROTOCOL    ALPN protocol(s) to offer, comma-separated\n"
    "  --psk HEX              pre-shared key instead of certificates (TLS-PSK)\n"
    "  --psk-identity ID      its identity (needed with --psk)\n"
    "  A certificate that fails verification (unknown CA, expired, wrong name) ends\n"
    "  the run at once with the reason (exit 1), never a retry loop.\n"
    "Reliability:\n"
    "  --reconnect-min SECS   first reconnect delay (default 1); doubles with jitter up to\n"
    "  --reconnect-max SECS   (default 30)\n"
    "  --connect-timeout SECS TCP connect + TLS handshake + CONNACK limit per address\n"
    "                         (default 10)\n"
    "  --retry-interval SECS  3.1.1: resend unacknowledged messages on a live connection\n"
    "                         after SECS, doubling; 5.0 (no live resends): reconnect and\n"
    "                         resend when an ack is SECS late (default off)\n"
    "  --max-retries N        fail a message after N resends (default unlimited)\n"
    "  --max-packet BYTES     largest incoming packet accepted (default 16777216)\n"
    "  --store DIR            keep the session in DIR (a crash-consistent log; needs -i,\n"
    "                         implies -c): a run started again after a crash or kill -9\n"
    "                         resumes it (and retries a failed first connection). pub\n"
    "                         skips the input it had already published; sub refuses\n"
    "                         QoS 2 messages it had already delivered\n"
    "  --sync POLICY          when the store reaches the disk: batch (default: one fsync\n"
    "                         per loop iteration, before dependent packets go out),\n"
    "                         always (every change), never (kill -9 safe, not power loss)\n"
    "  --store-repair         go on from a damaged store's last good commit (a damaged\n"
    "                         store is refused otherwise; going on, duplicates are possible)\n"
    "Not supported (mosquitto's; in mqc a usage error, exit 1; -S SRV lookups are\n"
    "unknown to both, as in Debian's mosquitto):\n"
    "  --ciphers LIST         TLS uses its library's cipher defaults\n"
    "  --proxy URL            no SOCKS proxy\n"
    "  --tls-engine ENGINE    no TLS engines (nor --keyform engine)\n"
    "  --tls-engine-kpass-sha1 SHA1\n"
    "Output:\n"
    "  -d, --debug            trace every packet sent and received to stderr\n"
    "  --quiet                no error messages\n"
    "  --help                 this text (exit 1, as mosquitto)\n"
    "  --version              the version (exit 1, as mosquitto)\n";

static const char pub_text[] =
    "Usage: mqc pub {-t topic | -L URL} {-m message | -f file | -l | -s | -n} [options]\n"
    "Publishes, and exits once every message is acknowledged (QoS 1/2), reconnecting\n"
    "as often as needed. With -c -i ID an interrupted run resumes its session.\n\n"
    "Message:\n"
    "  -t, --topic TOPIC      topic to publish to\n"
    "  -m, --message TEXT     the payload\n"
    "  -f, --file FILE        the contents of FILE as the payload\n"
    "  -l, --stdin-line       one message per line of stdin (without the newline), in order\n"
    "  -s, --stdin-file       all of stdin as one payload\n"
    "  -n, --null-message     a zero-length payload\n"
    "  -r, --retain           retain the message\n"
    "  --repeat N             publish the -m/-f/-s/-n message N times\n"
    "  --repeat-delay SECS    wait between repeats\n";

static const char fmt_text[] =
    "  -F, --format FORMAT    print with FORMAT (mosquitto_sub 2.0's sequences and layout):\n"
    "                         %t topic, %p payload, %q QoS, %r retain, %m message id,\n"
    "                         %l payload length, %x/%X payload in hex, %P user properties\n"
    "                         (key:value ...), %C content type, %D correlation data,\n"
    "                         %E message expiry, %F payload format, %R response topic,\n"
    "                         %S subscription id, %A topic alias, %I ISO-8601 time,\n"
    "                         %U Unix time with nanoseconds, %j JSON of the message,\n"
    "                         %J the same with the payload as JSON (it must be JSON), %%;\n"
    "                         flags [-][0][width][.max] after %; @X strftime's %X, @N\n"
    "                         nanoseconds, @@; \\n \\t \\r \\a \\v \\e \\0 \\\\ escapes\n"
    "  --pretty               indent %j/%J output\n"
    "  -v, --verbose          print 'topic payload'\n"
    "  -N                     no newline after each message\n"
    "  -R, --no-retained      do not print retained (stale) messages\n"
    "  -W, --timeout SECS     exit (status 27) after SECS seconds\n";

static const char pub_exit[] =
    "Exit status (mosquitto_pub's where it has the case): 0 every message acknowledged;\n"
    "1 error, bad usage, --help, --version, cannot connect (refused, lookup failed,\n"
    "TLS failed);\n"
    "1-5 (3.1/3.1.1) or 128-162 (5.0) the broker refused the connection: the CONNACK\n"
    "code (5 or 135: not authorized); mqc's own: 40 interrupted (SIGINT/SIGTERM)\n"
    "before every message was published and acknowledged, 41 a message failed\n"
    "(rejected, out of retries, too large), 42 the --store failed.\n";

static const char sub_text[] =
    "Usage: mqc sub {-t filter ... | -L URL} [options]\n"
    "Subscribes and prints each message once, in arrival order, flushing each one.\n"
    "Reconnects and resumes; SIGINT/SIGTERM disconnect cleanly (exit 0).\n\n"
    "Subscription and output:\n"
    "  -t, --topic FILTER     topic filter to subscribe to (repeatable)\n"
    "  -U, --unsubscribe FILTER  unsubscribe from FILTER after connecting (repeatable)\n"
    "  -T, --filter-out FILTER   do not print messages whose topic matches (repeatable)\n"
    "  -C, --count N          exit after printing N messages\n"
    "  -E                     exit once the subscriptions are acknowledged\n"
    "  --retained-only        print only retained messages; exit (0) at the first fresh one\n"
    "  --remove-retained      clear each retained message received (an empty retained\n"
    "                         publish to its topic), except those -T filters out; also\n"
    "                         with -R\n"
    "  --random-filter PCT    print only about PCT percent (0.1-100) of the messages\n"
    "  --retain-as-published, --rap\n"
    "                         5.0 subscription option Retain As Published\n"
    "  --no-local, --nl       5.0 subscription option No Local (mqc's own)\n"
    "  --retain-handling N    5.0 Retain Handling: 0 send retained (default), 1 only for a\n"
    "                         new subscription, 2 never (mqc's own)\n"
    "  --output FILE          write messages to FILE instead of stdout (needs --store):\n"
    "                         each message once, in order, through any number of crashes\n";

static const char rr_text[] =
    "Usage: mqc rr {-t topic | -L URL} -e response-topic {-m message | -f file | -s | -n}\n"
    "              [options]\n"
    "Request/response (MQTT 5, as mosquitto_rr): subscribes to the response topic,\n"
    "publishes the request with that Response Topic (and -D publish correlation-data\n"
    "when given), prints the first answer and exits 0. Waits for ever unless -W.\n"
    "An answer with other Correlation Data than the request's is skipped\n"
    "(mosquitto_rr takes any). -q is the QoS of the request and the subscription.\n\n"
    "Request and answer:\n"
    "  -t, --topic TOPIC      topic to send the request to\n"
    "  -e TOPIC               response topic: subscribed to, and sent in the request\n"
    "  -m, --message TEXT     the request payload\n"
    "  -f, --file FILE        the contents of FILE as the request\n"
    "  -s, --stdin-file       all of stdin as the request\n"
    "  -n, --null-message     an empty request\n";

static const char rr_exit[] =
    "Exit status (mosquitto_rr's): 0 an answer was printed; 27 -W timed out; 1 error,\n"
    "bad usage, --help, cannot connect; 1-5 / 128-162 the broker refused the connection\n"
    "(the CONNACK code).\n";

static const char differences[] =
    "Where mqc differs from mosquitto_pub/sub/rr 2.0 on purpose:\n"
    "  pub          exits only once every QoS 1/2 message is acknowledged, reconnecting\n"
    "               as needed (no message lost); its own exit codes 40, 41, 42\n"
    "  sub          reconnects and resumes; a message is acknowledged only after it\n"
    "               was printed\n"
    "  rr           MQTT 5 only (mosquitto_rr also runs 3.1.1 without a response topic);\n"
    "               skips answers with another request's correlation data\n"
    "  3.1.1 flags  -x, -D or --retain-as-published without -V mqttv5: a usage error\n"
    "               (mosquitto ignores them)\n"
    "  %j %J        a payload with a NUL byte is printed whole (\\u0000), not cut\n"
    "  sub -v       an empty payload prints as nothing (mosquitto: '(null)')\n"
    "  sub random   --random-filter PCT prints about PCT percent, as documented\n"
    "               (Debian's 2.0.11 prints about a tenth of that)\n"
    "  QoS 2        printed on PUBLISH (libmosquitto: on PUBREL): a burst mixing QoS 2\n"
    "               with other QoS can print in another order\n"
    "  TLS, proxy   --ciphers, --proxy, --tls-engine*: not supported (a usage error);\n"
    "               --tls-version tlsv1.1 is refused (too old)\n"
    "  defaults     options file ~/.config/mqc_pub (mqc_sub, mqc_rr), not mosquitto's;\n"
    "               -o FILE names another\n";

static const char sub_exit[] =
    "Exit status (mosquitto_sub's where it has the case): 0 success (-C, -E, SIGINT,\n"
    "SIGTERM); 1 error, bad usage, --help, --version, cannot connect (refused, lookup\n"
    "failed, TLS failed), every subscription denied; 1-5 (3.1/3.1.1) or 128-162 (5.0) the broker\n"
    "refused the connection: the CONNACK code (5 or 135: not authorized); 27 -W timed\n"
    "out; mqc's own: 42 the --store failed.\n";

void cli_usage(FILE *f, cli_mode mode)
{
    fputs(mode == CLI_PUB ? pub_text : mode == CLI_SUB ? sub_text : rr_text, f);
    if (mode != CLI_PUB)
        fputs(fmt_text, f);
    fputs(common_opts, f);
    fputs(mode == CLI_PUB ? pub_exit : mode == CLI_SUB ? sub_exit : rr_exit, f);
    fputs(differences, f);
}

void cli_usage_main(FILE *f)
{
    fputs("mqc " MQC_VERSION_STRING ": MQTT 3.1.1 / 5.0 client\n\n"
          "Usage: mqc pub [options]    publish messages\n"
          "       mqc sub [options]    subscribe and print messages\n"
          "       mqc rr [options]     request/response (MQTT 5)\n"
          "       mqc bench pub|sub|conn [options]  load generator (mqc bench --help)\n"
          "       mqc --help | --version   (exit 0)\n\n"
          "mqc pub, sub and rr exit as mosquitto_pub, mosquitto_sub and mosquitto_rr do\n"
          "(see their exit status below); mqc bench has its own (0 done, 1 errors, 2 bad\n"
          "usage).\n\n", f);
    fputs("=== mqc pub ===\n", f);
    fputs(pub_text, f);
    fputs(pub_exit, f);
    fputs("\n=== mqc sub ===\n", f);
    fputs(sub_text, f);
    fputs(fmt_text, f);
    fputs(sub_exit, f);
    fputs("\n=== mqc rr ===\n", f);
    fputs(rr_text, f);
    fputs(fmt_text, f);
    fputs(rr_exit, f);
    fputs("\n=== options of all three ===\n", f);
    fputs(common_opts, f);
    fputs("\n", f);
    fputs(differences, f);
}
