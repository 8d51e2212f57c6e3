// The dashboard's files from the web root, with their security headers, and nothing outside it.
#include "api/handlers.h"
#include "support/api_fixture.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace floorwalk::server;
using namespace floorwalk::server::test;

namespace fs = std::filesystem;

namespace {

constexpr auto expected_csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

std::string header(const Response& response, std::string_view name) {
    for (const auto& [key, value] : response.headers)
        if (key == name) return value;
    return {};
}

void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

struct WebRoot {
    TempDir dir;
    fs::path root = dir.path() / "web";
    WebRoot() {
        write(root / "index.html", "<!doctype html><title>Floorwalk</title>");
        write(root / "app.js", "export const x = 1;");
        write(root / "assets" / "chart.mjs", "export default 2;");
        write(root / "style.css", "body{}");
        write(root / "logo.svg", "<svg/>");
        write(root / "font.woff2", std::string("wOF2\0\0", 6));
        write(root / "app.js.map", "{}");
        write(root / "strings.json", "{}");
        write(dir.path() / "secret.txt", "top secret");
        fs::create_symlink(dir.path() / "secret.txt", root / "leak.txt");
    }
    Response get(const std::string& path) {
        Request request;
        request.method = "GET";
        request.path = path;
        return serve_static(root, request);
    }
};

}  // namespace

TEST_CASE("'/' serves index.html, revalidated on every load, with the strict security headers") {
    WebRoot web;
    const auto response = web.get("/");
    REQUIRE(response.status == 200);
    CHECK(response.body == "<!doctype html><title>Floorwalk</title>");
    CHECK(response.content_type == "text/html; charset=utf-8");
    CHECK(header(response, "Cache-Control") == "no-cache");
    CHECK(header(response, "Content-Security-Policy") == expected_csp);
    CHECK(header(response, "X-Content-Type-Options") == "nosniff");
    CHECK(header(response, "Referrer-Policy") == "no-referrer");
    CHECK(web.get("/index.html").body == response.body);
}

TEST_CASE("assets get their content type and a long cache lifetime") {
    WebRoot web;
    const std::vector<std::pair<std::string, std::string>> expected{
        {"/app.js", "text/javascript; charset=utf-8"}, {"/assets/chart.mjs", "text/javascript; charset=utf-8"},
        {"/style.css", "text/css; charset=utf-8"},     {"/logo.svg", "image/svg+xml"},
        {"/font.woff2", "font/woff2"},                 {"/app.js.map", "application/json"},
        {"/strings.json", "application/json"}};
    for (const auto& [path, type] : expected) {
        const auto response = web.get(path);
        INFO(path);
        REQUIRE(response.status == 200);
        CHECK(response.content_type == type);
        CHECK(header(response, "Cache-Control") == "public, max-age=31536000");
        CHECK(header(response, "Content-Security-Policy") == expected_csp);
    }
    CHECK(web.get("/font.woff2").body.size() == 6);
}

TEST_CASE("nothing outside the web root is served") {
    WebRoot web;
    for (const auto* path : {"/../secret.txt", "/assets/../../secret.txt", "/leak.txt", "/assets", "/assets/",
                             "//etc/passwd", "/./index.html", "/missing.js", "/a\\..\\secret.txt"}) {
        const auto response = web.get(path);
        INFO(path);
        CHECK(response.status == 404);
        CHECK(header(response, "Content-Security-Policy") == expected_csp);
        CHECK(response.body.find("top secret") == std::string::npos);
    }
}

TEST_CASE("without a web root the dashboard answers a 404 that says why") {
    Request request;
    request.method = "GET";
    request.path = "/";
    const auto response = serve_static("/nonexistent/floorwalk-web", request);
    CHECK(response.status == 404);
    CHECK(response.body.find("not installed") != std::string::npos);
}

TEST_CASE("the API routes non-API GETs and HEADs to the web root, other methods to 405") {
    WebRoot web;
    ApiConfig config;
    config.web_root = web.root;
    ApiFixture fixture(config);
    auto response = fixture.call("GET", "/app.js");
    CHECK(response.status == 200);
    CHECK(fixture.last_log.route == "(static)");
    const auto head = fixture.call("HEAD", "/app.js");
    CHECK(head.status == 200);
    CHECK(head.body == response.body);  // the transport sends only its length
    CHECK(head.content_type == response.content_type);
    response = fixture.call("POST", "/");
    CHECK(response.status == 405);
    CHECK(header(response, "Allow") == "GET, HEAD");
    // API paths never fall through to files.
    CHECK(fixture.call("GET", "/api/v1/app.js").status == 404);
}
