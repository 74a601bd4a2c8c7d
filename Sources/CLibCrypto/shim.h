#ifndef GRASSROOTS_CLIBCRYPTO_SHIM_H
#define GRASSROOTS_CLIBCRYPTO_SHIM_H
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

// Control codes of EVP_CIPHER_CTX_ctrl are macros defined through other macros, which the
// Swift importer does not follow; re-export the two AES-GCM needs.
static const int CLibCryptoGCMGetTag = EVP_CTRL_GCM_GET_TAG;
static const int CLibCryptoGCMSetTag = EVP_CTRL_GCM_SET_TAG;
#endif
