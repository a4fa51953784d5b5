// The JWT client assertion of the certificate credential flow (RFC 7523, as Entra ID expects it): RS256-signed
// with the certificate's private key, x5t naming the certificate by its SHA-1 thumbprint.
#pragma once

#include <chrono>
#include <string>

namespace tenantreach::exporter {

struct Certificate {
  std::string private_key_pem;
  std::string thumbprint_sha1;  // raw 20 bytes of the DER certificate's SHA-1
};

// Reads a PEM file that holds the private key and the certificate (in either order). Throws
// std::runtime_error naming the file (never its contents) when either is missing or unreadable.
Certificate load_certificate(const std::string& pem_file);

// A signed assertion for `client_id` at the token endpoint `audience`, valid for ten minutes from `now`.
std::string make_client_assertion(const Certificate& certificate, const std::string& client_id,
                                  const std::string& audience, std::chrono::system_clock::time_point now);

std::string base64url(const std::string& bytes);

}  // namespace tenantreach::exporter
