#include "providers/bedrock/sign_request.h"

#include <string>

#include "providers/bedrock/sigv4.h"
#include "providers/bedrock/wire.h"

namespace sluice::providers::bedrock {

std::optional<GatewayError> sign_request(EncodedRequest& request, const SigningContext& context) {
  const config::ProviderConfig& provider = context.provider;
  if (provider.aws_access_key_id.empty() && !provider.api_key.empty()) return std::nullopt;
  if (provider.aws_access_key_id.empty() || provider.aws_secret_access_key.empty() ||
      provider.region.empty()) {
    return GatewayError{ErrorClass::internal,
                        "provider '" + provider.name +
                            "' needs aws_access_key_id, aws_secret_access_key and region to sign "
                            "requests"};
  }
  const std::string date = amz_date(context.now);
  const std::string payload_hash = sha256_hex(request.body);
  const std::string path = std::string(context.base_path) + request.path;
  SigV4Request signing{"POST", path, {}, payload_hash};
  signing.headers.emplace_back("host", std::string(context.host));
  signing.headers.emplace_back("x-amz-date", date);
  signing.headers.emplace_back("x-amz-content-sha256", payload_hash);
  if (!provider.aws_session_token.empty()) {
    signing.headers.emplace_back("x-amz-security-token", provider.aws_session_token);
  }
  const SigV4Scope scope{provider.aws_access_key_id, provider.aws_secret_access_key,
                         provider.region, kSigningService, date};
  SigV4Result signature = sigv4_sign(signing, scope);
  for (auto& header : signing.headers) {
    if (header.first != "host") request.headers.push_back(std::move(header));
  }
  request.headers.emplace_back("authorization", std::move(signature.authorization));
  return std::nullopt;
}

}  // namespace sluice::providers::bedrock
