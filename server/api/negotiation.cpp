#include "api/negotiation.h"

#include "floorwalk/validation.h"
#include "floorwalk/wire.h"

#include <algorithm>
#include <cctype>

namespace floorwalk::server {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

bool wants_protobuf(const Request& request) {
    // Clients that accept both get JSON unless protobuf is named; the phone names only protobuf.
    const auto accept = lower(request.accept);
    return accept.find(protobuf_media_type) != std::string::npos &&
           accept.find(json_media_type) == std::string::npos;
}

Response message_response(const Request& request, const google::protobuf::Message& message, int status) {
    Response response;
    response.status = status;
    if (wants_protobuf(request)) {
        response.content_type = std::string(protobuf_media_type);
        response.body = message.SerializeAsString();
    } else {
        response.content_type = std::string(json_media_type);
        response.body = wire::to_json(message);
    }
    return response;
}

Response error_response(const Request& request, int status, std::string code, std::string message,
                        std::vector<::floorwalk::v1::FieldError> details) {
    // Messages repeat what the client sent (a path, an id, protobuf's quote of a malformed body), which can be any
    // bytes. Protobuf strings and JSON must be valid UTF-8, or the error could not be encoded, or read by the phone.
    auto body = wire::make_error(sanitize_utf8(code), sanitize_utf8(message));
    for (auto& detail : details) {
        detail.set_field(sanitize_utf8(detail.field()));
        detail.set_message(sanitize_utf8(detail.message()));
        *body.mutable_error()->add_details() = std::move(detail);
    }
    return message_response(request, body, status);
}

std::optional<Response> parse_body(const Request& request, google::protobuf::Message* message) {
    if (request.content_type == protobuf_media_type) {
        if (!wire::from_binary(request.body, message))
            return error_response(request, 400, "malformed_body",
                                  "The body is not a valid " + message->GetTypeName() + " protobuf message.");
        return std::nullopt;
    }
    if (request.content_type == json_media_type || request.content_type.empty()) {
        std::string error;
        if (!wire::from_json(request.body.empty() ? std::string_view("{}") : request.body, message, &error))
            return error_response(request, 400, "malformed_body", "The JSON body could not be read: " + error);
        return std::nullopt;
    }
    return error_response(request, 415, "unsupported_media_type",
                          "Content-Type '" + request.content_type +
                              "' is not supported: send application/json or application/x-protobuf.");
}

}  // namespace floorwalk::server
