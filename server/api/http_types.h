// The HTTP request and response as the API handlers see them: plain values, no Beast, so that handlers are pure
// functions tested without a network.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace floorwalk::server {

struct Request {
    std::string method;  // "GET", "POST"...
    std::string path;    // decoded path without the query, e.g. "/api/v1/sync/pull"
    std::multimap<std::string, std::string> query;  // decoded query parameters
    std::string content_type;                        // media type only, lower case, without parameters
    std::string accept;                              // raw Accept header
    std::string authorization;                       // raw Authorization header
    std::string body;
    std::string remote_address;

    // The first value of a query parameter, or nullopt.
    [[nodiscard]] std::optional<std::string> param(std::string_view name) const {
        auto it = query.find(std::string(name));
        if (it == query.end()) return std::nullopt;
        return it->second;
    }
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Cache-Control, Location...)
};

}  // namespace floorwalk::server
