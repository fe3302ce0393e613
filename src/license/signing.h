// SPDX-License-Identifier: MulanPSL-2.0
// The signature algorithms of the e-licence and e-seals: SM2 with SM3, the
// national algorithms (GB/T 32918.2-2016 SM2 signatures over GB/T 32905-2016
// SM3 digests, through OpenSSL 3), which every new key uses; and Ed25519
// (libsodium), which signed the documents issued before, and which stays
// verifiable for as long as those documents are in use. No I/O.
//
// Key bytes, as stored and published:
//   SM2      public: DER SubjectPublicKeyInfo (id-ecPublicKey on the SM2
//            curve, 1.2.156.10197.1.301); secret: DER PKCS#8 PrivateKeyInfo.
//            A signature is the DER SEQUENCE {r, s} of GM/T 0009-2012, made
//            with the default distinguishing identifier 1234567812345678
//            (GM/T 0009-2012 §10), so any SM2 implementation can check it.
//   Ed25519  public: the raw 32 bytes; secret: libsodium's 64 bytes; a
//            signature is 64 bytes.
// The algorithm of a public key is recognised from its bytes.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace amr::license {

enum class SignatureAlgorithm { kSm2Sm3, kEd25519 };

// The document's "alg": "SM3withSM2" (the name of OID 1.2.156.10197.1.501,
// GM/T 0006-2012) or "Ed25519".
std::string_view AlgorithmName(SignatureAlgorithm algorithm);
std::optional<SignatureAlgorithm> ParseAlgorithmName(std::string_view name);

// The algorithm new keys use.
inline constexpr SignatureAlgorithm kCurrentAlgorithm = SignatureAlgorithm::kSm2Sm3;

// A signing key pair (bytes as described above).
struct KeyPair {
  std::string key_id;
  SignatureAlgorithm algorithm = kCurrentAlgorithm;
  std::string public_key;
  std::string secret_key;
};

// Initialises libsodium (idempotent; every function here calls it).
void InitCrypto();

// A fresh key pair; its id is KeyIdOf(public_key).
KeyPair GenerateKeyPair(SignatureAlgorithm algorithm = kCurrentAlgorithm);
// "k" + the first 16 hex digits of BLAKE2b-256 of the public key's bytes.
std::string KeyIdOf(std::string_view public_key);

// The algorithm of a public key's bytes; nullopt for anything that is
// neither 32 bytes nor an SM2 SubjectPublicKeyInfo.
std::optional<SignatureAlgorithm> AlgorithmOfPublicKey(std::string_view public_key);
// Rebuilds a key pair from stored bytes. Internal if they do not form a key
// of one algorithm.
StatusOr<KeyPair> KeyPairFromBytes(std::string key_id, std::string public_key,
                                   std::string secret_key);

// The signature of `bytes` with `key` (raw signature bytes, see above).
std::string SignBytes(std::string_view bytes, const KeyPair& key);
// Whether `signature` is `public_key`'s signature of `bytes` under
// `algorithm`; false for a key of another algorithm.
bool VerifyBytes(SignatureAlgorithm algorithm, std::string_view public_key, std::string_view bytes,
                 std::string_view signature);

}  // namespace amr::license
