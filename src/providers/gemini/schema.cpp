#include "providers/gemini/schema.h"

#include <simdjson.h>

#include <array>

#include "core/json_writer.h"

namespace sluice::providers::gemini {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Nesting deeper than this (or a $ref cycle) is cut: the schema is far past what Gemini takes.
constexpr int kMaxDepth = 32;

// Keywords Gemini's Schema object has, copied as they are (after conversion of sub-schemas).
constexpr std::array<std::string_view, 14> kScalarKeys{
    "format",   "description",   "nullable",      "title",           "minItems",
    "maxItems", "minimum",       "maximum",       "minLength",       "maxLength",
    "pattern",  "minProperties", "maxProperties", "propertyOrdering"};

bool is_scalar_key(std::string_view key) {
  for (std::string_view k : kScalarKeys) {
    if (k == key) return true;
  }
  return false;
}

class Converter {
 public:
  Converter(element root, JsonWriter& json) : root_(root), json_(json) {}

  void schema(element node, int depth) {
    simdjson::dom::object object;
    if (depth > kMaxDepth || node.get_object().get(object)) {
      json_.begin_object().end_object();
      return;
    }
    std::string_view ref;
    if (!object["$ref"].get_string().get(ref)) {
      element target;
      if (resolve(ref, target)) {
        schema(target, depth + 1);
        return;
      }
    }
    json_.begin_object();
    bool nullable_written = false;
    for (auto [key, value] : object) {
      if (key == "type") {
        nullable_written = type(value, nullable_written) || nullable_written;
      } else if (key == "const") {
        json_.key("enum").begin_array().raw(simdjson::minify(value)).end_array();
      } else if (key == "enum" || key == "required") {
        json_.key(key).raw(simdjson::minify(value));
      } else if (key == "properties") {
        properties(value, depth);
      } else if (key == "items") {
        json_.key("items");
        schema(value, depth + 1);
      } else if (key == "anyOf" || key == "oneOf") {
        any_of(value, depth);
      } else if (key == "nullable") {
        if (!nullable_written) json_.key(key).raw(simdjson::minify(value));
        nullable_written = true;
      } else if (is_scalar_key(key)) {
        json_.key(key).raw(simdjson::minify(value));
      }
    }
    json_.end_object();
  }

 private:
  // "#/$defs/Name" or "#/definitions/Name" in the root schema.
  bool resolve(std::string_view ref, element& target) {
    for (std::string_view prefix : {"#/$defs/", "#/definitions/"}) {
      if (!ref.starts_with(prefix)) continue;
      const std::string_view section = prefix.substr(2, prefix.size() - 3);
      return !root_[section][ref.substr(prefix.size())].get(target);
    }
    return false;
  }

  // A type name, or a list of names with "null" (-> nullable). Returns true if nullable written.
  bool type(element value, bool nullable_written) {
    std::string_view name;
    if (!value.get_string().get(name)) {
      json_.field("type", name);
      return false;
    }
    simdjson::dom::array names;
    if (value.get_array().get(names)) return false;
    std::string_view chosen;
    bool nullable = false;
    for (element item : names) {
      std::string_view text;
      if (item.get_string().get(text)) continue;
      if (text == "null") {
        nullable = true;
      } else if (chosen.empty()) {
        chosen = text;
      }
    }
    if (!chosen.empty()) json_.field("type", chosen);
    if (nullable && !nullable_written) json_.key("nullable").boolean(true);
    return nullable;
  }

  void properties(element value, int depth) {
    simdjson::dom::object props;
    if (value.get_object().get(props)) return;
    json_.key("properties").begin_object();
    for (auto [name, sub] : props) {
      json_.key(name);
      schema(sub, depth + 1);
    }
    json_.end_object();
  }

  void any_of(element value, int depth) {
    simdjson::dom::array options;
    if (value.get_array().get(options)) return;
    json_.key("anyOf").begin_array();
    for (element option : options) schema(option, depth + 1);
    json_.end_array();
  }

  element root_;
  JsonWriter& json_;
};

}  // namespace

Result<std::string> to_gemini_schema(std::string_view json_schema, const std::string& param) {
  simdjson::dom::parser parser;
  element root;
  const simdjson::padded_string padded(json_schema);
  if (parser.parse(padded).get(root) || root.type() != element_type::OBJECT) {
    return GatewayError{ErrorClass::bad_request, "'" + param + "' must be a JSON Schema object.",
                        param};
  }
  std::string out;
  JsonWriter json(out);
  Converter(root, json).schema(root, 0);
  return out;
}

}  // namespace sluice::providers::gemini
