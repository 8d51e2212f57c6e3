// docs/api.md against the router: every route the server serves is documented, every documented route is served,
// and each has a curl example. The API is built as `floorwalk-server serve` builds it (TestServer: the Api with the
// indicator service's routes). docs/api.md names each route in a heading line "### METHOD /path/{param}".
#include "support/test_server.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#ifndef FLOORWALK_API_DOC
#error "FLOORWALK_API_DOC must name docs/api.md"
#endif

namespace floorwalk::server::test {
namespace {

struct DocumentedRoute {
    std::string route;    // "GET /api/v1/sync/pull"
    std::string section;  // the text under the heading, up to the next heading of level 1 to 3
};

struct ApiDoc {
    std::vector<DocumentedRoute> routes;
    std::vector<std::string> malformed;  // headings that start like a route but do not follow the format
};

bool is_fence(const std::string& line) { return line.rfind("```", 0) == 0; }

bool is_section_heading(const std::string& line) {
    return line.rfind("# ", 0) == 0 || line.rfind("## ", 0) == 0 || line.rfind("### ", 0) == 0;
}

ApiDoc read_api_doc() {
    std::ifstream file(FLOORWALK_API_DOC);
    if (!file) FAIL("cannot read " FLOORWALK_API_DOC);
    static const std::regex route_heading(R"(### (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (/[^\s]*))");
    static const std::regex looks_like_route(R"(###\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b.*)",
                                             std::regex::icase);
    ApiDoc doc;
    DocumentedRoute* current = nullptr;
    bool in_code = false;
    std::string line;
    while (std::getline(file, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (is_fence(line)) in_code = !in_code;
        if (!in_code && is_section_heading(line)) {
            current = nullptr;
            std::smatch match;
            if (std::regex_match(line, match, route_heading)) {
                doc.routes.push_back({match[1].str() + " " + match[2].str(), {}});
                current = &doc.routes.back();
                continue;
            }
            if (std::regex_match(line, looks_like_route)) doc.malformed.push_back(line);
        }
        if (current != nullptr) current->section += line + "\n";
    }
    return doc;
}

// "GET /api/v1/me" for each route of the API as the server builds it, in registration order.
std::vector<std::string> served_routes() {
    TempDir dir;
    TestServer server(dir.path());
    std::vector<std::string> routes;
    for (const auto& route : server.api().router().routes()) routes.push_back(route.method + " " + route.pattern);
    return routes;
}

}  // namespace

TEST_CASE("every route the server serves is documented in docs/api.md", "[contract]") {
    const auto doc = read_api_doc();
    std::set<std::string> documented;
    for (const auto& route : doc.routes) documented.insert(route.route);

    const auto served = served_routes();
    REQUIRE(served.size() > 20);  // the real API, indicator routes included
    std::vector<std::string> undocumented;
    for (const auto& route : served)
        if (!documented.contains(route)) undocumented.push_back(route);
    INFO("add a heading '### METHOD /path' with its parameters, statuses and a curl example to docs/api.md");
    CHECK(undocumented == std::vector<std::string>{});
}

TEST_CASE("every route docs/api.md documents is served", "[contract]") {
    const auto doc = read_api_doc();
    const auto served_list = served_routes();
    const std::set<std::string> served(served_list.begin(), served_list.end());

    std::vector<std::string> not_served;
    for (const auto& [route, section] : doc.routes) {
        // HEAD is answered wherever GET is, so a HEAD heading names a GET route.
        const bool head_of_get = route.rfind("HEAD ", 0) == 0 && served.contains("GET " + route.substr(5));
        if (!served.contains(route) && !head_of_get) not_served.push_back(route);
    }
    {
        INFO("a documented route that the router does not serve: remove it from docs/api.md or register it");
        CHECK(not_served == std::vector<std::string>{});
    }
    {
        INFO("route headings read exactly '### METHOD /path' (upper-case method, one space, the router's pattern)");
        CHECK(doc.malformed == std::vector<std::string>{});
    }
}

TEST_CASE("docs/api.md documents each route once, with a curl example", "[contract]") {
    const auto doc = read_api_doc();
    REQUIRE_FALSE(doc.routes.empty());
    std::map<std::string, int> headings;
    std::vector<std::string> without_example;
    for (const auto& [route, section] : doc.routes) {
        ++headings[route];
        if (section.find("curl ") == std::string::npos) without_example.push_back(route);
    }
    std::vector<std::string> repeated;
    for (const auto& [route, count] : headings)
        if (count > 1) repeated.push_back(route);
    CHECK(repeated == std::vector<std::string>{});
    CHECK(without_example == std::vector<std::string>{});
}

}  // namespace floorwalk::server::test
