#include "config/service_account.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <simdjson.h>

#include <memory>

#include "config/upstream_url.h"

namespace sluice::config {
namespace {

// True when `pem` holds an RSA private key OpenSSL can load (PKCS#8 or PKCS#1, unencrypted).
bool loads_as_rsa_private_key(std::string_view pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  if (!bio) return false;
  // An empty passphrase callback: an encrypted key fails here instead of prompting on a tty.
  auto no_passphrase = [](char*, int, int, void*) { return 0; };
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr), &EVP_PKEY_free);
  ERR_clear_error();
  return key && EVP_PKEY_get_base_id(key.get()) == EVP_PKEY_RSA;
}

// Reads the string field `name` into `out`; returns what is wrong, or "" when it is fine.
std::string read_string(simdjson::dom::object& root, std::string_view name, bool required,
                        std::string& out) {
  simdjson::dom::element value;
  if (root[name].get(value) != simdjson::SUCCESS) {
    return required ? "has no \"" + std::string(name) + "\"" : "";
  }
  std::string_view text;
  if (value.get(text) != simdjson::SUCCESS) {
    return "\"" + std::string(name) + "\" is not a string";
  }
  if (required && text.empty()) return "\"" + std::string(name) + "\" is empty";
  out.assign(text);
  return "";
}

}  // namespace

std::variant<ServiceAccount, std::string> parse_service_account(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element document;
  if (parser.parse(json.data(), json.size()).get(document) != simdjson::SUCCESS) {
    return std::string("is not valid JSON");
  }
  simdjson::dom::object root;
  if (document.get(root) != simdjson::SUCCESS) return std::string("is not a JSON object");
  std::string type;
  if (auto error = read_string(root, "type", false, type); !error.empty()) return error;
  if (!type.empty() && type != "service_account") {
    return "has \"type\" '" + type + "', expected 'service_account'";
  }
  ServiceAccount out;
  for (auto [name, field] :
       {std::pair{"client_email", &out.client_email}, std::pair{"private_key", &out.private_key},
        std::pair{"token_uri", &out.token_uri}}) {
    if (auto error = read_string(root, name, true, *field); !error.empty()) return error;
  }
  if (auto error = read_string(root, "private_key_id", false, out.private_key_id); !error.empty()) {
    return error;
  }
  if (!loads_as_rsa_private_key(out.private_key)) {
    return std::string("\"private_key\" is not an unencrypted PEM RSA private key");
  }
  auto url = parse_upstream_url(out.token_uri);
  if (auto* error = std::get_if<UrlError>(&url)) return "\"token_uri\": " + error->message;
  out.token_url = std::get<UpstreamUrl>(url);
  return out;
}

}  // namespace sluice::config
