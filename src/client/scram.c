/*
 * SCRAM-SHA-256 client (RFC 5802, RFC 7677) for 5.0 enhanced
 * authentication, on OpenSSL's primitives (PBKDF2, HMAC, SHA-256, base64,
 * random bytes): no hand-written crypto. Channel binding is not used
 * ("n,,"); the password is used as given (no SASLprep: pass it normalized).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "mqc.h"

/* A hostile server could ask for any count: past this it is refused. */
#define SCRAM_MAX_ITERATIONS 1000000

struct mqc_scram {
    char *password;
    char *first;                 /* "n,," + client-first-message-bare */
    size_t first_len;
    size_t nonce_off, nonce_len; /* our nonce, inside first */
    char *final;                 /* client-final-message */
    size_t final_len;
    unsigned char server_sig[SHA256_DIGEST_LENGTH];
    int have_sig;
};

static char *b64(const unsigned char *in, size_t n, size_t *len)
{
    char *out = malloc(4 * ((n + 2) / 3) + 1);

    if (out)
        *len = (size_t)EVP_EncodeBlock((unsigned char *)out, in, (int)n);
    return out;
}

/* Decodes base64 (padded); NULL when it is not. */
static unsigned char *unb64(const char *in, size_t n, size_t *len)
{
    unsigned char *out;
    int got;

    if (!n || n % 4 || n > INT_MAX / 2)
        return NULL;
    out = malloc(n / 4 * 3 + 1);
    if (!out)
        return NULL;
    got = EVP_DecodeBlock(out, (const unsigned char *)in, (int)n);
    if (got < 0) {
        free(out);
        return NULL;
    }
    *len = (size_t)got - (in[n - 1] == '=') - (in[n - 2] == '=');
    return out;
}

int mqc_scram_new(mqc_scram **out, const char *user, const char *password, const char *nonce)
{
    unsigned char raw[18];
    char *gen = NULL, *p;
    size_t n, ul = 0, i, glen;
    mqc_scram *sc;

    if (!out || !user || !password)
        return MQC_ERR_INVAL;
    *out = NULL;
    for (i = 0; user[i]; i++)
        ul += user[i] == ',' || user[i] == '=' ? 3 : 1;
    if (!nonce) {
        if (RAND_bytes(raw, sizeof(raw)) != 1)
            return MQC_ERR_AUTH;
        gen = b64(raw, sizeof(raw), &glen);
        if (!gen)
            return MQC_ERR_NOMEM;
        nonce = gen;
    }
    for (i = 0; nonce[i]; i++)
        if (nonce[i] < 0x21 || nonce[i] > 0x7e || nonce[i] == ',')
            break;
    if (!i || nonce[i]) {
        free(gen);
        return MQC_ERR_INVAL; /* printable, no comma (RFC 5802 §7) */
    }
    sc = calloc(1, sizeof(*sc));
    n = 3 + 2 + ul + 3 + i;
    if (sc) {
        sc->password = strdup(password);
        sc->first = malloc(n + 1);
    }
    if (!sc || !sc->password || !sc->first) {
        free(gen);
        mqc_scram_del(sc);
        return MQC_ERR_NOMEM;
    }
    p = sc->first;
    memcpy(p, "n,,n=", 5);
    p += 5;
    for (i = 0; user[i]; i++) {
        if (user[i] == ',' || user[i] == '=') {
            memcpy(p, user[i] == ',' ? "=2C" : "=3D", 3);
            p += 3;
        } else {
            *p++ = user[i];
        }
    }
    memcpy(p, ",r=", 3);
    p += 3;
    sc->nonce_off = (size_t)(p - sc->first);
    sc->nonce_len = strlen(nonce);
    memcpy(p, nonce, sc->nonce_len);
    sc->first_len = n;
    sc->first[n] = 0;
    free(gen);
    *out = sc;
    return 0;
}

mqc_bytes mqc_scram_first(const mqc_scram *sc)
{
    mqc_bytes b = {NULL, 0};

    if (sc) {
        b.ptr = (const uint8_t *)sc->first;
        b.len = sc->first_len;
    }
    return b;
}

/* Finds attribute a ("r", "s", "i") in a comma list; its value and length. */
static const char *attr(const char *m, size_t n, char a, size_t *len)
{
    size_t i = 0, j;

    while (i + 1 < n) {
        for (j = i; j < n && m[j] != ','; j++)
            ;
        if (m[i] == a && m[i + 1] == '=') {
            *len = j - i - 2;
            return m + i + 2;
        }
        i = j + 1;
    }
    return NULL;
}

static int hmac(const unsigned char *key, const void *d, size_t n, unsigned char *out)
{
    unsigned int len = SHA256_DIGEST_LENGTH;

    return HMAC(EVP_sha256(), key, SHA256_DIGEST_LENGTH, d, n, out, &len) ? 0 : MQC_ERR_AUTH;
}

int mqc_scram_final(mqc_scram *sc, mqc_bytes server_first, mqc_bytes *client_final)
{
    const char *sf = (const char *)server_first.ptr, *r, *s, *it;
    size_t rl = 0, sl = 0, il = 0, saltl = 0, am_len, wl, pl, i;
    unsigned char salted[SHA256_DIGEST_LENGTH], ckey[SHA256_DIGEST_LENGTH];
    unsigned char stored[SHA256_DIGEST_LENGTH], csig[SHA256_DIGEST_LENGTH];
    unsigned char skey[SHA256_DIGEST_LENGTH], *salt = NULL;
    char *am = NULL, *proof = NULL, num[16];
    long iter;
    int rc = MQC_ERR_AUTH;

    if (!sc || !client_final || (!sf && server_first.len))
        return MQC_ERR_INVAL;
    /* "m=" (a mandatory extension we do not know) first is refused too. */
    r = attr(sf, server_first.len, 'r', &rl);
    s = attr(sf, server_first.len, 's', &sl);
    it = attr(sf, server_first.len, 'i', &il);
    if (!server_first.len || sf[0] != 'r' || !r || !s || !it || il == 0 || il >= sizeof(num)
        || rl <= sc->nonce_len || memcmp(r, sc->first + sc->nonce_off, sc->nonce_len))
        return MQC_ERR_AUTH; /* our nonce must begin the server's */
    memcpy(num, it, il);
    num[il] = 0;
    for (i = 0; i < il; i++)
        if (num[i] < '0' || num[i] > '9')
            return MQC_ERR_AUTH;
    iter = strtol(num, NULL, 10);
    if (iter < 1 || iter > SCRAM_MAX_ITERATIONS)
        return MQC_ERR_AUTH;
    salt = unb64(s, sl, &saltl);
    if (!salt)
        return MQC_ERR_AUTH;
    /* client-final-message-without-proof, then AuthMessage. */
    wl = 9 + rl;
    free(sc->final);
    sc->final = malloc(wl + 3 + 45 + 1);
    am_len = (sc->first_len - 3) + 1 + server_first.len + 1 + wl;
    am = malloc(am_len);
    if (!sc->final || !am) {
        rc = MQC_ERR_NOMEM;
        goto out;
    }
    memcpy(sc->final, "c=biws,r=", 9);
    memcpy(sc->final + 9, r, rl);
    memcpy(am, sc->first + 3, sc->first_len - 3);
    am[sc->first_len - 3] = ',';
    memcpy(am + sc->first_len - 2, sf, server_first.len);
    am[sc->first_len - 2 + server_first.len] = ',';
    memcpy(am + sc->first_len - 1 + server_first.len, sc->final, wl);
    if (PKCS5_PBKDF2_HMAC(sc->password, (int)strlen(sc->password), salt, (int)saltl, (int)iter,
                          EVP_sha256(), SHA256_DIGEST_LENGTH, salted) != 1)
        goto out;
    /* ClientKey, StoredKey = H(ClientKey), proof = ClientKey ^ HMAC(StoredKey, AM). */
    if (hmac(salted, "Client Key", 10, ckey) || !SHA256(ckey, sizeof(ckey), stored))
        goto out;
    HMAC(EVP_sha256(), stored, sizeof(stored), (const unsigned char *)am, am_len, csig, NULL);
    for (i = 0; i < sizeof(ckey); i++)
        ckey[i] ^= csig[i];
    if (hmac(salted, "Server Key", 10, skey))
        goto out;
    HMAC(EVP_sha256(), skey, sizeof(skey), (const unsigned char *)am, am_len, sc->server_sig, NULL);
    sc->have_sig = 1;
    proof = b64(ckey, sizeof(ckey), &pl);
    if (!proof) {
        rc = MQC_ERR_NOMEM;
        goto out;
    }
    memcpy(sc->final + wl, ",p=", 3);
    memcpy(sc->final + wl + 3, proof, pl);
    sc->final_len = wl + 3 + pl;
    sc->final[sc->final_len] = 0;
    client_final->ptr = (const uint8_t *)sc->final;
    client_final->len = sc->final_len;
    rc = 0;
out:
    OPENSSL_cleanse(salted, sizeof(salted));
    OPENSSL_cleanse(ckey, sizeof(ckey));
    free(salt);
    free(am);
    free(proof);
    return rc;
}

int mqc_scram_verify(const mqc_scram *sc, mqc_bytes server_final)
{
    const char *v = (const char *)server_final.ptr;
    unsigned char *sig;
    size_t n;
    int ok;

    if (!sc || (!v && server_final.len))
        return MQC_ERR_INVAL;
    if (!sc->have_sig || server_final.len < 3 || memcmp(v, "v=", 2))
        return MQC_ERR_AUTH; /* "e=..." is the server's refusal */
    sig = unb64(v + 2, server_final.len - 2, &n);
    if (!sig)
        return MQC_ERR_AUTH;
    ok = n == sizeof(sc->server_sig) && !CRYPTO_memcmp(sig, sc->server_sig, n);
    free(sig);
    return ok ? 0 : MQC_ERR_AUTH;
}

void mqc_scram_del(mqc_scram *sc)
{
    if (!sc)
        return;
    if (sc->password) {
        OPENSSL_cleanse(sc->password, strlen(sc->password));
        free(sc->password);
    }
    free(sc->first);
    free(sc->final);
    free(sc);
}
