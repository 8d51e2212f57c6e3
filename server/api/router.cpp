#include "api/router.h"

#include <algorithm>
#include <stdexcept>

namespace floorwalk::server {
namespace {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> segments;
    if (path.empty() || path.front() != '/') return segments;
    path.remove_prefix(1);
    while (true) {
        const auto slash = path.find('/');
        segments.emplace_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return segments;
}

bool is_parameter(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const Route& route, const std::vector<std::string>& segments, RouteParams* params) {
    if (route.segments.size() != segments.size()) return false;
    RouteParams found;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const auto& expected = route.segments[i];
        if (is_parameter(expected)) {
            if (segments[i].empty()) return false;
            found.emplace(expected.substr(1, expected.size() - 2), segments[i]);
        } else if (expected != segments[i]) {
            return false;
        }
    }
    *params = std::move(found);
    return true;
}

}  // namespace

const std::string& RouteContext::param(std::string_view name) const {
    const auto it = params.find(name);
    if (it == params.end()) throw std::logic_error("route has no parameter " + std::string(name));
    return it->second;
}

void Router::add(std::string method, std::string pattern, Access access, RouteHandler handler) {
    auto segments = split_path(pattern);
    if (segments.empty()) throw std::logic_error("route pattern must start with '/': " + pattern);
    routes_.push_back(Route{std::move(method), std::move(pattern), access, std::move(handler), std::move(segments)});
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
    RouteMatch result;
    const auto segments = split_path(path);
    if (segments.empty()) return result;
    const auto allow = [&result](std::string_view name) {
        if (std::ranges::find(result.allowed, name) == result.allowed.end()) result.allowed.emplace_back(name);
    };
    for (const auto& route : routes_) {
        RouteParams params;
        if (!matches(route, segments, &params)) continue;
        if (result.pattern.empty()) result.pattern = route.pattern;
        const bool serves = route.method == method || (method == "HEAD" && route.method == "GET");
        if (serves && result.route == nullptr) {
            result.route = &route;
            result.pattern = route.pattern;
            result.params = std::move(params);
        }
        allow(route.method);
        if (route.method == "GET") allow("HEAD");
    }
    return result;
}

}  // namespace floorwalk::server
