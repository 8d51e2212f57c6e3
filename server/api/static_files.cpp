// The dashboard's static files under the web root: "/" is index.html, other files by path. Everything answered
// from here carries a strict Content-Security-Policy, since the dashboard handles tokens.
#include "api/handlers.h"

#include <array>
#include <fstream>
#include <system_error>

namespace floorwalk::server {
namespace {

namespace fs = std::filesystem;

constexpr auto max_file_bytes = std::uintmax_t{64} * 1024 * 1024;
constexpr auto content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

struct MediaType {
    std::string_view extension;
    std::string_view type;
};
constexpr std::array<MediaType, 12> media_types{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".json", "application/json"},
    {".woff2", "font/woff2"},
    {".map", "application/json"},
    {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"},
    {".csv", "text/csv; charset=utf-8"},
}};

std::string media_type(const fs::path& file) {
    const auto extension = file.extension().string();
    for (const auto& [known, type] : media_types)
        if (extension == known) return std::string(type);
    return "application/octet-stream";
}

void add_security_headers(Response* response) {
    response->headers.emplace_back("Content-Security-Policy", content_security_policy);
    response->headers.emplace_back("X-Content-Type-Options", "nosniff");
    response->headers.emplace_back("Referrer-Policy", "no-referrer");
}

Response not_found(const Request& request, const std::string& message) {
    auto response = error_response(request, 404, "not_found", message);
    add_security_headers(&response);
    return response;
}

// The file's path relative to the web root, or nullopt when the request path could leave the root or names
// something no dashboard file is called (empty, "." or ".." segments, backslashes, NUL).
std::optional<fs::path> relative_path(std::string_view path) {
    if (path == "/") return fs::path("index.html");
    if (path.empty() || path.front() != '/') return std::nullopt;
    path.remove_prefix(1);
    fs::path relative;
    while (true) {
        const auto slash = path.find('/');
        const auto segment = path.substr(0, slash);
        if (segment.empty() || segment == "." || segment == ".." ||
            segment.find_first_of(std::string_view("\\\0", 2)) != std::string_view::npos)
            return std::nullopt;
        relative /= std::string(segment);
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return relative;
}

bool is_within(const fs::path& path, const fs::path& root) {
    auto [root_end, path_it] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
    return root_end == root.end();
}

}  // namespace

Response serve_static(const fs::path& web_root, const Request& request) {
    std::error_code ec;
    if (web_root.empty() || !fs::is_directory(web_root, ec))
        return not_found(request, "No page at " + request.path +
                                      ": the dashboard is not installed on this server (no web root).");
    const auto relative = relative_path(request.path);
    if (!relative) return not_found(request, "No page at " + request.path + ".");

    // Resolve symbolic links too: a link inside the root must not serve a file from outside it.
    const auto root = fs::canonical(web_root, ec);
    const auto file = fs::weakly_canonical(root / *relative, ec);
    if (ec || !is_within(file, root) || !fs::is_regular_file(file, ec))
        return not_found(request, "No page at " + request.path + ".");
    const auto size = fs::file_size(file, ec);
    if (ec || size > max_file_bytes) return not_found(request, "No page at " + request.path + ".");

    std::ifstream in(file, std::ios::binary);
    Response response;
    response.body.resize(static_cast<std::size_t>(size));
    if (!in.read(response.body.data(), static_cast<std::streamsize>(size)))
        return not_found(request, "No page at " + request.path + ".");
    response.content_type = media_type(file);
    // index.html names the other assets: it must be revalidated so a new release shows at once.
    const bool is_entry_page = file.filename() == "index.html";
    response.headers.emplace_back("Cache-Control", is_entry_page ? "no-cache" : "public, max-age=31536000");
    add_security_headers(&response);
    return response;
}

}  // namespace floorwalk::server
