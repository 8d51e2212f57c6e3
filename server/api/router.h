// Routes a request by method and path pattern ("/api/v1/admin/devices/{deviceId}/revoke") to its handler, and
// tells 404 (no such path) from 405 (path known, method not: the Allow header lists what is). HEAD is served by a
// path's GET route (the transport sends the GET answer's fields without its body), and allowed wherever GET is.
//
// Threading: build it once, then match from any thread (matching is read-only).
#pragma once

#include "api/http_types.h"
#include "storage/store.h"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace floorwalk::server {

enum class Access { anonymous, authenticated };

using RouteParams = std::map<std::string, std::string, std::less<>>;

// What a handler receives: the request, the caller when the route needs one, and the path's parameters.
struct RouteContext {
    const Request& request;
    const Caller* caller = nullptr;  // non-null on Access::authenticated routes
    const RouteParams& params;

    [[nodiscard]] const std::string& param(std::string_view name) const;
};

using RouteHandler = std::function<Response(const RouteContext&)>;

struct Route {
    std::string method;
    std::string pattern;
    Access access = Access::authenticated;
    RouteHandler handler;
    std::vector<std::string> segments;  // pattern split on '/'; "{name}" segments match any one segment
};

struct RouteMatch {
    const Route* route = nullptr;      // set when method and path match
    std::string pattern;               // the pattern the path matched (also on 405), empty on 404
    RouteParams params;
    std::vector<std::string> allowed;  // methods the path accepts, for 405's Allow header
};

class Router {
public:
    void add(std::string method, std::string pattern, Access access, RouteHandler handler);
    [[nodiscard]] RouteMatch match(std::string_view method, std::string_view path) const;
    // Every route in registration order (HEAD is implied by each GET route, not listed), for docs/api.md's test.
    [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

}  // namespace floorwalk::server
