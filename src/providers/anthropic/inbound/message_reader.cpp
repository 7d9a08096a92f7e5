#include "providers/anthropic/inbound/message_reader.h"

#include <algorithm>
#include <array>

namespace sluice::providers::anthropic::inbound {
namespace {

using json::od::value;

// Blocks that hold provider-side state (signed thinking, Anthropic's own server tools): another
// provider can neither read nor replay them, so they are left out of the conversation.
constexpr std::array<std::string_view, 10> kDroppedBlocks{"thinking",
                                                          "redacted_thinking",
                                                          "server_tool_use",
                                                          "mcp_tool_use",
                                                          "mcp_tool_result",
                                                          "web_search_tool_result",
                                                          "container_upload",
                                                          "web_fetch_tool_result",
                                                          "code_execution_tool_result",
                                                          "bash_code_execution_tool_result"};

bool dropped(std::string_view type) {
  for (auto name : kDroppedBlocks) {
    if (name == type) return true;
  }
  return false;
}

// One content block, gathered before acting on its type (keys come in any order).
struct Block {
  std::string type;
  bool has_text = false;
  ContentPart part;                  // text, image
  ToolCall call;                     // tool_use
  std::string tool_use_id;           // tool_result
  std::vector<ContentPart> content;  // tool_result
  bool is_error = false;
};

FieldError read_blocks(value v, const std::string& path, std::vector<Block>& blocks);

// source: {"type":"base64","media_type","data"} -> a data: URL; {"type":"url","url"} -> the URL.
FieldError read_image_source(value v, const std::string& path, std::string& url) {
  std::string type, media_type, data, link;
  auto error = for_each_field(v, path, [&](std::string_view key, value item) -> FieldError {
    if (key == "type") return read_string_field(item, path + ".type", type);
    if (key == "media_type") return read_string_field(item, path + ".media_type", media_type);
    if (key == "data") return read_string_field(item, path + ".data", data);
    if (key == "url") return read_string_field(item, path + ".url", link);
    return std::nullopt;
  });
  if (error) return error;
  if (type == "base64") {
    if (media_type.empty()) return invalid(path + ".media_type", "Field required");
    if (data.empty()) return invalid(path + ".data", "Field required");
    url = "data:" + media_type + ";base64," + data;
  } else if (type == "url") {
    if (link.empty()) return invalid(path + ".url", "Field required");
    url = std::move(link);
  } else {
    return invalid(path + ".type", "Input should be 'base64' or 'url'");
  }
  return std::nullopt;
}

// tool_result content: a string, or text and image blocks.
FieldError read_result_content(value v, const std::string& path, std::vector<ContentPart>& out) {
  std::string text;
  if (read_string(v, text)) {
    out.push_back(ContentPart{ContentPart::Kind::text, std::move(text)});
    return std::nullopt;
  }
  std::vector<Block> blocks;
  if (auto error = read_blocks(v, path, blocks)) return error;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].type != "text" && blocks[i].type != "image") {
      return invalid(path + "." + std::to_string(i) + ".type",
                     "Input should be 'text' or 'image' inside a tool_result");
    }
    out.push_back(std::move(blocks[i].part));
  }
  return std::nullopt;
}

FieldError read_block_field(std::string_view key, value item, const std::string& path,
                            Block& block) {
  if (key == "type") return read_string_field(item, path + ".type", block.type);
  if (key == "text") {
    block.has_text = true;
    if (!read_string(item, block.part.text))
      return invalid(path + ".text", "Input should be a valid string");
  } else if (key == "source") {
    return read_image_source(item, path + ".source", block.part.image_url);
  } else if (key == "id") {
    return read_string_field(item, path + ".id", block.call.id);
  } else if (key == "name") {
    return read_string_field(item, path + ".name", block.call.name);
  } else if (key == "input" && !json::is_null(item)) {
    return read_raw_field(item, path + ".input", block.call.arguments);
  } else if (key == "tool_use_id") {
    return read_string_field(item, path + ".tool_use_id", block.tool_use_id);
  } else if (key == "content" && !json::is_null(item)) {
    return read_result_content(item, path + ".content", block.content);
  } else if (key == "is_error") {
    return read_bool_field(item, path + ".is_error", block.is_error);
  } else if (key == "cache_control" && !json::is_null(item)) {
    return read_raw_field(item, path + ".cache_control", block.part.cache_control);
  }
  return std::nullopt;  // citations, signature, data and future fields
}

// Checks what each type requires, once all of a block's fields were read.
FieldError settle_block(const std::string& path, Block& block) {
  if (block.type == "text") {
    if (!block.has_text) return invalid(path + ".text", "Field required");
  } else if (block.type == "image") {
    if (block.part.image_url.empty()) return invalid(path + ".source", "Field required");
    block.part.kind = ContentPart::Kind::image;
  } else if (block.type == "tool_use") {
    if (block.call.id.empty()) return invalid(path + ".id", "Field required");
    if (block.call.name.empty()) return invalid(path + ".name", "Field required");
    if (block.call.arguments.empty()) block.call.arguments = "{}";
  } else if (block.type == "tool_result") {
    if (block.tool_use_id.empty()) return invalid(path + ".tool_use_id", "Field required");
  } else if (block.type.empty()) {
    return invalid(path + ".type", "Field required");
  } else if (!dropped(block.type)) {
    return invalid(path + ".type", "'" + block.type +
                                       "' content blocks cannot be translated for the model "
                                       "this request is routed to");
  }
  return std::nullopt;
}

FieldError read_blocks(value v, const std::string& path, std::vector<Block>& blocks) {
  return for_each_element(v, path, [&](const std::string& item_path, value item) -> FieldError {
    Block block;
    auto error = for_each_field(item, item_path, [&](std::string_view key, value field) {
      return read_block_field(key, field, item_path, block);
    });
    if (!error) error = settle_block(item_path, block);
    if (!error) blocks.push_back(std::move(block));
    return error;
  });
}

// content: a string (one text block) or a list of blocks.
FieldError read_content(value v, const std::string& path, std::vector<Block>& blocks) {
  Block text;
  if (read_string(v, text.part.text)) {
    text.type = "text";
    blocks.push_back(std::move(text));
    return std::nullopt;
  }
  if (!is_array(v)) return invalid(path, "Input should be a valid string or list");
  return read_blocks(v, path, blocks);
}

// A tool_result -> a role "tool" message. is_error has no OpenAI counterpart, so it is said in
// words ("Error: " before the text), which models understand.
Message tool_message(Block& block) {
  Message message{"tool", std::move(block.content)};
  message.tool_call_id = std::move(block.tool_use_id);
  if (!block.part.cache_control.empty() && !message.content.empty()) {
    message.content.back().cache_control = std::move(block.part.cache_control);
  }
  if (block.is_error) {
    auto text =
        std::find_if(message.content.begin(), message.content.end(),
                     [](const ContentPart& p) { return p.kind == ContentPart::Kind::text; });
    if (text != message.content.end()) {
      text->text.insert(0, "Error: ");
    } else {
      message.content.insert(message.content.begin(),
                             ContentPart{ContentPart::Kind::text, "Error"});
    }
  }
  return message;
}

FieldError add_user_turn(std::vector<Block>& blocks, const std::string& path,
                         std::vector<Message>& out) {
  Message user{"user"};
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    Block& block = blocks[i];
    if (block.type == "tool_result") {
      out.push_back(tool_message(block));
    } else if (block.type == "text" || block.type == "image") {
      user.content.push_back(std::move(block.part));
    } else if (block.type == "tool_use") {
      return invalid(path + "." + std::to_string(i) + ".type",
                     "tool_use blocks are only allowed in assistant messages");
    }
  }
  if (!user.content.empty()) out.push_back(std::move(user));
  return std::nullopt;
}

FieldError add_assistant_turn(std::vector<Block>& blocks, const std::string& path,
                              std::vector<Message>& out) {
  Message assistant{"assistant"};
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    Block& block = blocks[i];
    if (block.type == "text") {
      assistant.content.push_back(std::move(block.part));
    } else if (block.type == "tool_use") {
      assistant.tool_calls.push_back(std::move(block.call));
    } else if (block.type == "image" || block.type == "tool_result") {
      return invalid(path + "." + std::to_string(i) + ".type",
                     "'" + block.type + "' blocks are only allowed in user messages");
    }
  }
  // A turn that held only thinking says nothing another provider could use.
  if (!assistant.content.empty() || !assistant.tool_calls.empty()) {
    out.push_back(std::move(assistant));
  }
  return std::nullopt;
}

FieldError add_system_turn(std::vector<Block>& blocks, const std::string& path,
                           std::vector<Message>& out) {
  Message system{"system"};
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].type != "text") {
      return invalid(path + "." + std::to_string(i) + ".type",
                     "Input should be 'text' in a system message");
    }
    system.content.push_back(std::move(blocks[i].part));
  }
  out.push_back(std::move(system));
  return std::nullopt;
}

FieldError read_message(value v, const std::string& path, std::vector<Message>& out) {
  std::string role;
  std::vector<Block> blocks;
  bool has_content = false;
  auto error = for_each_field(v, path, [&](std::string_view key, value item) -> FieldError {
    if (key == "role") return read_string_field(item, path + ".role", role);
    if (key != "content") return std::nullopt;
    has_content = true;
    return read_content(item, path + ".content", blocks);
  });
  if (error) return error;
  if (role.empty()) return invalid(path + ".role", "Field required");
  if (!has_content) return invalid(path + ".content", "Field required");
  const std::string content = path + ".content";
  if (role == "user") return add_user_turn(blocks, content, out);
  if (role == "assistant") return add_assistant_turn(blocks, content, out);
  if (role == "system") return add_system_turn(blocks, content, out);
  return invalid(path + ".role", "Input should be 'user' or 'assistant'");
}

}  // namespace

FieldError read_text_blocks(value v, const std::string& path, std::vector<ContentPart>& parts) {
  std::vector<Block> blocks;
  if (auto error = read_content(v, path, blocks)) return error;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].type != "text") {
      return invalid(path + "." + std::to_string(i) + ".type", "Input should be 'text'");
    }
    parts.push_back(std::move(blocks[i].part));
  }
  return std::nullopt;
}

FieldError read_messages(value v, std::vector<Message>& messages) {
  if (!is_array(v)) return invalid("messages", "Input should be a valid list");
  bool any = false;
  auto error = for_each_element(v, "messages", [&](const std::string& path, value item) {
    any = true;
    return read_message(item, path, messages);
  });
  if (error) return error;
  if (!any) return invalid("messages", "List should have at least 1 item");
  return std::nullopt;
}

}  // namespace sluice::providers::anthropic::inbound
