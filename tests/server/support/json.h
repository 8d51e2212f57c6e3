// Protobuf's JSON mapping in test assertions: read a reply into its message, write a request from one.
#pragma once

#include "floorwalk/wire.h"

#include <stdexcept>
#include <string>

namespace floorwalk::server::test {

namespace pb = ::floorwalk::v1;

template <class Message>
[[nodiscard]] Message from_json(const std::string& json) {
    Message message;
    std::string error;
    if (!wire::from_json(json, &message, &error))
        throw std::runtime_error("not a " + message.GetTypeName() + ": " + error + " in " + json);
    return message;
}

[[nodiscard]] inline std::string to_json(const google::protobuf::Message& message) { return wire::to_json(message); }

// The error code of an error body ("" when the body is not one).
[[nodiscard]] inline std::string error_code(const std::string& json) {
    pb::ErrorResponse response;
    std::string error;
    if (!wire::from_json(json, &response, &error)) return "";
    return response.error().code();
}

}  // namespace floorwalk::server::test
