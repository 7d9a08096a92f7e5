// GET /v1/models and GET /v1/models/{id}.
#pragma once

#include <string>
#include <string_view>

namespace mock {

// Appends `{"object":"list","data":[...]}` with the mock's fixed model ids.
void append_models_list(std::string& out);

// Appends one model object; every id exists for the mock.
void append_model(std::string& out, std::string_view id);

}  // namespace mock
