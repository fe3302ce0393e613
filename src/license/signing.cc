// SPDX-License-Identifier: MulanPSL-2.0
#include "license/signing.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <sodium.h>

#include <cstdlib>
#include <memory>

namespace amr::license {
namespace {

// GM/T 0009-2012 §10: the default distinguishing identifier (ID_A) when the
// parties agree on no other.
constexpr char kSm2DefaultId[] = "1234567812345678";

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct Pkcs8Free {
  void operator()(PKCS8_PRIV_KEY_INFO* p) const { PKCS8_PRIV_KEY_INFO_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// A public key from DER SubjectPublicKeyInfo, only if it is on the SM2 curve.
Pkey Sm2PublicKey(std::string_view der) {
  const unsigned char* p = Bytes(der);
  Pkey key(d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())));
  if (!key || p != Bytes(der) + der.size() || !EVP_PKEY_is_a(key.get(), "SM2")) return nullptr;
  return key;
}

Pkey Sm2SecretKey(std::string_view der) {
  const unsigned char* p = Bytes(der);
  std::unique_ptr<PKCS8_PRIV_KEY_INFO, Pkcs8Free> info(
      d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, static_cast<long>(der.size())));
  if (!info) return nullptr;
  Pkey key(EVP_PKCS82PKEY(info.get()));
  if (!key || !EVP_PKEY_is_a(key.get(), "SM2")) return nullptr;
  return key;
}

// An SM2 signing or verifying context with SM3 and the default identifier
// (set on the key's context after the digest is initialised: OpenSSL 3.0
// refuses it as an initialisation parameter).
MdCtx Sm2Context(EVP_PKEY* key, bool sign) {
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx) return nullptr;
  EVP_PKEY_CTX* pctx = nullptr;
  const int ok =
      sign ? EVP_DigestSignInit_ex(ctx.get(), &pctx, "SM3", nullptr, nullptr, key, nullptr)
           : EVP_DigestVerifyInit_ex(ctx.get(), &pctx, "SM3", nullptr, nullptr, key, nullptr);
  if (ok != 1 || EVP_PKEY_CTX_set1_id(pctx, kSm2DefaultId, sizeof kSm2DefaultId - 1) != 1) {
    return nullptr;
  }
  return ctx;
}

template <typename F>
std::string Der(F encode) {
  unsigned char* out = nullptr;
  const int len = encode(&out);
  if (len <= 0) std::abort();  // out of memory: OpenSSL cannot encode a key it made
  std::string bytes(reinterpret_cast<char*>(out), static_cast<size_t>(len));
  OPENSSL_free(out);
  return bytes;
}

KeyPair GenerateSm2() {
  Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
  if (!key) std::abort();  // OpenSSL without SM2: the platform cannot sign
  KeyPair pair;
  pair.algorithm = SignatureAlgorithm::kSm2Sm3;
  pair.public_key = Der([&](unsigned char** out) { return i2d_PUBKEY(key.get(), out); });
  std::unique_ptr<PKCS8_PRIV_KEY_INFO, Pkcs8Free> info(EVP_PKEY2PKCS8(key.get()));
  if (!info) std::abort();
  pair.secret_key =
      Der([&](unsigned char** out) { return i2d_PKCS8_PRIV_KEY_INFO(info.get(), out); });
  return pair;
}

KeyPair GenerateEd25519() {
  InitCrypto();
  KeyPair pair;
  pair.algorithm = SignatureAlgorithm::kEd25519;
  pair.public_key.resize(crypto_sign_PUBLICKEYBYTES);
  pair.secret_key.resize(crypto_sign_SECRETKEYBYTES);
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(pair.public_key.data()),
                      reinterpret_cast<unsigned char*>(pair.secret_key.data()));
  return pair;
}

}  // namespace

std::string_view AlgorithmName(SignatureAlgorithm algorithm) {
  switch (algorithm) {
    case SignatureAlgorithm::kSm2Sm3:
      return "SM3withSM2";
    case SignatureAlgorithm::kEd25519:
      return "Ed25519";
  }
  return "SM3withSM2";
}

std::optional<SignatureAlgorithm> ParseAlgorithmName(std::string_view name) {
  for (SignatureAlgorithm a : {SignatureAlgorithm::kSm2Sm3, SignatureAlgorithm::kEd25519}) {
    if (AlgorithmName(a) == name) return a;
  }
  return std::nullopt;
}

void InitCrypto() {
  static const bool ready = [] {
    if (sodium_init() < 0) std::abort();
    return true;
  }();
  (void)ready;
}

KeyPair GenerateKeyPair(SignatureAlgorithm algorithm) {
  KeyPair pair = algorithm == SignatureAlgorithm::kSm2Sm3 ? GenerateSm2() : GenerateEd25519();
  pair.key_id = KeyIdOf(pair.public_key);
  return pair;
}

std::string KeyIdOf(std::string_view public_key) {
  InitCrypto();
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, Bytes(public_key), public_key.size(), nullptr, 0);
  std::string id = "k";
  for (int i = 0; i < 8; ++i) id += fmt::format("{:02x}", hash[i]);
  return id;
}

std::optional<SignatureAlgorithm> AlgorithmOfPublicKey(std::string_view public_key) {
  if (public_key.size() == crypto_sign_PUBLICKEYBYTES) return SignatureAlgorithm::kEd25519;
  if (Sm2PublicKey(public_key)) return SignatureAlgorithm::kSm2Sm3;
  return std::nullopt;
}

StatusOr<KeyPair> KeyPairFromBytes(std::string key_id, std::string public_key,
                                   std::string secret_key) {
  std::optional<SignatureAlgorithm> algorithm = AlgorithmOfPublicKey(public_key);
  const bool secret_ok =
      algorithm == SignatureAlgorithm::kEd25519
          ? secret_key.size() == crypto_sign_SECRETKEYBYTES
          : algorithm == SignatureAlgorithm::kSm2Sm3 && Sm2SecretKey(secret_key) != nullptr;
  if (!secret_ok) return InternalError(fmt::format("签名密钥 {} 的密钥数据无法识别", key_id));
  return KeyPair{std::move(key_id), *algorithm, std::move(public_key), std::move(secret_key)};
}

std::string SignBytes(std::string_view bytes, const KeyPair& key) {
  if (key.algorithm == SignatureAlgorithm::kEd25519) {
    InitCrypto();
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, Bytes(bytes), bytes.size(), Bytes(key.secret_key));
    return std::string(reinterpret_cast<const char*>(sig), sizeof sig);
  }
  Pkey secret = Sm2SecretKey(key.secret_key);
  MdCtx ctx = secret ? Sm2Context(secret.get(), /*sign=*/true) : nullptr;
  size_t len = 0;
  // A key that KeyPairFromBytes or GenerateKeyPair accepted always signs.
  if (!ctx || EVP_DigestSign(ctx.get(), nullptr, &len, Bytes(bytes), bytes.size()) != 1) {
    std::abort();
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, Bytes(bytes),
                     bytes.size()) != 1) {
    std::abort();
  }
  sig.resize(len);
  return sig;
}

bool VerifyBytes(SignatureAlgorithm algorithm, std::string_view public_key, std::string_view bytes,
                 std::string_view signature) {
  if (AlgorithmOfPublicKey(public_key) != algorithm) return false;
  if (algorithm == SignatureAlgorithm::kEd25519) {
    InitCrypto();
    return signature.size() == crypto_sign_BYTES &&
           crypto_sign_verify_detached(Bytes(signature), Bytes(bytes), bytes.size(),
                                       Bytes(public_key)) == 0;
  }
  Pkey key = Sm2PublicKey(public_key);
  MdCtx ctx = key ? Sm2Context(key.get(), /*sign=*/false) : nullptr;
  return ctx && EVP_DigestVerify(ctx.get(), Bytes(signature), signature.size(), Bytes(bytes),
                                 bytes.size()) == 1;
}

}  // namespace amr::license
