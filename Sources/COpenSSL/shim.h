// SHA-256 from the system's libcrypto (Debian: libssl-dev), through OpenSSL's EVP digest API,
// for the file hashes of run.json. Only this part of OpenSSL is used.
#ifndef DISCOURSE_COPENSSL_SHIM_H
#define DISCOURSE_COPENSSL_SHIM_H

#include <openssl/evp.h>

/// A new SHA-256 context, or NULL when libcrypto cannot make one.
static inline EVP_MD_CTX *copenssl_sha256_new(void) {
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    if (context != NULL && EVP_DigestInit_ex(context, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(context);
        return NULL;
    }
    return context;
}

static inline int copenssl_sha256_update(EVP_MD_CTX *context, const void *bytes, size_t count) {
    return EVP_DigestUpdate(context, bytes, count);
}

/// Writes the 32-byte digest to `out`.
static inline int copenssl_sha256_final(EVP_MD_CTX *context, unsigned char *out) {
    unsigned int length = 0;
    return EVP_DigestFinal_ex(context, out, &length) == 1 && length == 32;
}

static inline void copenssl_sha256_free(EVP_MD_CTX *context) { EVP_MD_CTX_free(context); }

#endif
