// The HTTP request and response as the API handlers see them: plain values, no Beast, so that handlers are pure
// functions tested without a network.
#pragma once

#include <chrono>
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

// What the application reports about one exchange, for the access log and the metrics.
struct RequestLog {
    std::string route;         // the matched route pattern, e.g. "/api/v1/admin/devices/{deviceId}/revoke"
    std::string user;          // the caller's username; empty when anonymous
    std::string organization;  // the caller's organisation id; empty when anonymous
};

// The application behind the HTTP transport.
//
// Threading: both methods are called on connection strands, concurrently for different connections; they may
// block (database work) but should not for long, since they hold a thread of the pool.
class RequestHandler {
public:
    virtual ~RequestHandler() = default;
    // Answers one request. Expected to turn every failure into a response; an escaping exception becomes a 500.
    [[nodiscard]] virtual Response handle(const Request& request, RequestLog& log) = 0;
    // Called once per answered request after the response is written, including the answers the transport gives
    // by itself (413, 431, 503...), with the time from the end of the request's header to the end of the write.
    virtual void completed(std::string_view method, const RequestLog& log, int status,
                           std::chrono::microseconds elapsed) = 0;
};

}  // namespace floorwalk::server
