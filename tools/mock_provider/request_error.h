// A client error found while reading a request: becomes a 400 with OpenAI's error JSON.
#pragma once

#include <string>

namespace mock {

// What OpenAI puts in error.message / error.param / error.code for an invalid request.
struct RequestError {
  std::string message;
  std::string param;  // empty: null
  std::string code;   // empty: null
};

}  // namespace mock
