#include "api/handlers.h"

#include <algorithm>
#include <cctype>

namespace floorwalk::server {

std::string role_name(Role role) {
    std::string name(to_string(role));
    std::ranges::transform(name, name.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return name;
}

std::optional<Response> require_role(const RouteContext& route, std::initializer_list<Role> roles) {
    if (std::ranges::find(roles, route.caller->role) != roles.end()) return std::nullopt;
    std::string allowed;
    for (auto role : roles) {
        if (!allowed.empty()) allowed += role == *(roles.end() - 1) ? " or " : ", ";
        allowed += role_name(role);
    }
    return error_response(route.request, 403, "forbidden",
                          "This endpoint needs the role " + allowed + "; you are signed in as " +
                              role_name(route.caller->role) + ".");
}

Response import_response(const Request& request, const ImportOutcome& outcome) {
    using Status = ImportOutcome::Status;
    switch (outcome.status) {
        case Status::applied: {
            ::floorwalk::v1::ImportResponse body;
            body.set_applied(outcome.applied);
            return message_response(request, body);
        }
        case Status::invalid_rows: {
            std::vector<::floorwalk::v1::FieldError> details;
            for (const auto& error : outcome.errors) {
                auto& detail = details.emplace_back();
                detail.set_row(error.row);
                detail.set_field(error.field);
                detail.set_message(error.message);
            }
            const auto count = std::to_string(outcome.errors.size());
            return error_response(request, 400, "invalid_rows",
                                  "Nothing was imported: " + count +
                                      (outcome.errors.size() == 1 ? " problem" : " problems") +
                                      " to fix, listed in details (row 0 is about the file as a whole).",
                                  std::move(details));
        }
        case Status::malformed: return error_response(request, 400, "malformed_body", outcome.message);
        case Status::unsupported_media_type:
            return error_response(request, 415, "unsupported_media_type", outcome.message);
    }
    return error_response(request, 400, "malformed_body", outcome.message);
}

}  // namespace floorwalk::server
