#include "export/client_assertion.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace tenantreach::exporter {
namespace {

template <typename T, void (*Free)(T*)>
struct OpenSslDeleter {
  void operator()(T* pointer) const { Free(pointer); }
};
using Bio = std::unique_ptr<BIO, OpenSslDeleter<BIO, BIO_free_all>>;
using Key = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509, X509_free>>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

Bio memory_bio(const std::string& text) {
  return Bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

Key read_key(const std::string& pem) {
  Bio bio = memory_bio(pem);
  return Key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

}  // namespace

std::string base64url(const std::string& bytes) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += {alphabet[v >> 18], alphabet[(v >> 12) & 63], alphabet[(v >> 6) & 63], alphabet[v & 63]};
  }
  if (i + 1 == bytes.size()) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += {alphabet[v >> 18], alphabet[(v >> 12) & 63]};
  } else if (i + 2 == bytes.size()) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += {alphabet[v >> 18], alphabet[(v >> 12) & 63], alphabet[(v >> 6) & 63]};
  }
  return out;
}

Certificate load_certificate(const std::string& pem_file) {
  std::ifstream in(pem_file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the certificate file " + pem_file);
  std::stringstream text;
  text << in.rdbuf();
  const std::string pem = text.str();
  if (!read_key(pem)) throw std::runtime_error(pem_file + " holds no unencrypted PEM private key");
  Bio bio = memory_bio(pem);
  X509Ptr certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!certificate) throw std::runtime_error(pem_file + " holds no PEM certificate beside the private key");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(certificate.get(), EVP_sha1(), digest, &length) != 1)
    throw std::runtime_error("cannot compute the thumbprint of the certificate in " + pem_file);
  return {pem, std::string(reinterpret_cast<const char*>(digest), length)};
}

std::string make_client_assertion(const Certificate& certificate, const std::string& client_id,
                                  const std::string& audience, std::chrono::system_clock::time_point now) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  unsigned char nonce[16];
  if (RAND_bytes(nonce, sizeof nonce) != 1) throw std::runtime_error("OpenSSL could not produce random bytes");
  const nlohmann::ordered_json header = {{"alg", "RS256"}, {"typ", "JWT"},
                                         {"x5t", base64url(certificate.thumbprint_sha1)}};
  const nlohmann::ordered_json payload = {
      {"aud", audience}, {"iss", client_id}, {"sub", client_id},
      {"jti", base64url(std::string(reinterpret_cast<const char*>(nonce), sizeof nonce))},
      {"nbf", seconds}, {"iat", seconds}, {"exp", seconds + 600}};
  const std::string signing_input = base64url(header.dump()) + '.' + base64url(payload.dump());

  const Key key = read_key(certificate.private_key_pem);
  DigestContext context(EVP_MD_CTX_new());
  std::size_t length = 0;
  if (!key || !context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &length,
                     reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) != 1)
    throw std::runtime_error("OpenSSL could not sign the client assertion");
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) != 1)
    throw std::runtime_error("OpenSSL could not sign the client assertion");
  signature.resize(length);
  return signing_input + '.' + base64url(signature);
}

}  // namespace tenantreach::exporter
