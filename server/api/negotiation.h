// Content negotiation between protobuf (application/x-protobuf) and protobuf's JSON mapping (application/json),
// and the uniform error body. Every handler answers through these.
#pragma once

#include "api/http_types.h"
#include "floorwalk/v1/floorwalk.pb.h"

#include <google/protobuf/message.h>

#include <optional>
#include <string>
#include <vector>

namespace floorwalk::server {

inline constexpr std::string_view protobuf_media_type = "application/x-protobuf";
inline constexpr std::string_view json_media_type = "application/json";

// True when the client asked for binary protobuf in Accept (otherwise JSON).
[[nodiscard]] bool wants_protobuf(const Request& request);

// The message, encoded as the request's Accept asks.
[[nodiscard]] Response message_response(const Request& request, const google::protobuf::Message& message,
                                        int status = 200);

// {"error": {"code", "message", "details"}} with the given status, encoded as Accept asks.
[[nodiscard]] Response error_response(const Request& request, int status, std::string code, std::string message,
                                      std::vector<::floorwalk::v1::FieldError> details = {});

// Decodes the body into `message` according to Content-Type. Returns the error response to send when the body
// is malformed (400) or of an unsupported media type (415); nullopt on success.
[[nodiscard]] std::optional<Response> parse_body(const Request& request, google::protobuf::Message* message);

}  // namespace floorwalk::server
