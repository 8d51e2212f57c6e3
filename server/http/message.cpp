// Conversion between Beast's messages and the handlers' plain Request and Response.
#include "http/server_internals.h"

#include "floorwalk/validation.h"

#include <boost/beast/http/field.hpp>

#include <algorithm>
#include <cctype>

namespace floorwalk::server::http_detail {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// RFC 3986 percent-decoding; in a query, '+' also stands for a space. nullopt on a broken escape or a NUL.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            const int high = hex_value(text[i + 1]);
            const int low = hex_value(text[i + 2]);
            if (high < 0 || low < 0 || (high == 0 && low == 0)) return std::nullopt;
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string lower_trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string json_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out += c;
    }
    return out;
}

}  // namespace

std::optional<Request> to_request(http::request<http::string_body>&& in, std::string remote_address,
                                  std::string* problem) {
    const std::string_view target(in.target().data(), in.target().size());
    if (target.empty() || target.front() != '/') {
        *problem = "The request target must be a path starting with '/'.";
        return std::nullopt;
    }
    const auto question = target.find('?');
    Request request;
    auto path = percent_decode(target.substr(0, question), false);
    if (!path) {
        *problem = "The request path has a broken percent-escape.";
        return std::nullopt;
    }
    request.path = std::move(*path);
    if (question != std::string_view::npos) {
        auto query = target.substr(question + 1);
        while (!query.empty()) {
            const auto amp = query.find('&');
            const auto pair = query.substr(0, amp);
            if (!pair.empty()) {
                const auto equals = pair.find('=');
                auto name = percent_decode(pair.substr(0, equals), true);
                auto value = percent_decode(equals == std::string_view::npos ? "" : pair.substr(equals + 1), true);
                if (!name || !value) {
                    *problem = "The query string has a broken percent-escape.";
                    return std::nullopt;
                }
                request.query.emplace(std::move(*name), std::move(*value));
            }
            if (amp == std::string_view::npos) break;
            query.remove_prefix(amp + 1);
        }
    }
    request.method = std::string(in.method_string());
    const auto content_type = in[http::field::content_type];
    request.content_type = lower_trimmed(std::string_view(content_type.data(), content_type.size()).substr(
        0, std::string_view(content_type.data(), content_type.size()).find(';')));
    request.accept = std::string(in[http::field::accept]);
    request.authorization = std::string(in[http::field::authorization]);
    request.body = std::move(in.body());
    request.remote_address = std::move(remote_address);
    return request;
}

http::response<http::string_body> to_beast(const Response& in, const Delivery& delivery) {
    http::response<http::string_body> out{static_cast<http::status>(in.status), delivery.version};
    out.set(http::field::server, "floorwalk");
    if (!in.content_type.empty()) out.set(http::field::content_type, in.content_type);
    for (const auto& [name, value] : in.headers) out.insert(name, value);
    if (!delivery.strict_transport_security.empty())
        out.set(http::field::strict_transport_security, delivery.strict_transport_security);
    out.keep_alive(delivery.keep_alive);
    // 1xx, 204 and 304 carry no body and, per RFC 9110, no Content-Length either.
    const bool bodiless = in.status < 200 || in.status == 204 || in.status == 304;
    if (bodiless) return out;
    if (delivery.head) {
        // RFC 9110 9.3.2: the size the GET body would have, and not one byte of it, or the client would read those
        // bytes as the start of the next response on a kept-alive connection.
        out.content_length(in.body.size());
    } else {
        out.body() = in.body;
        out.prepare_payload();
    }
    return out;
}

Response transport_error(int status, std::string_view code, std::string_view message) {
    Response response;
    response.status = status;
    // Messages may quote what the client sent (a Transfer-Encoding value), and a field value may hold any byte
    // above 0x7F: JSON is UTF-8, so those show as U+FFFD, as in the API's own errors (negotiation.cpp).
    response.body = R"({"error":{"code":")" + json_escape(sanitize_utf8(code)) + R"(","message":")" +
                    json_escape(sanitize_utf8(message)) + R"(","details":[]}})";
    return response;
}

}  // namespace floorwalk::server::http_detail
