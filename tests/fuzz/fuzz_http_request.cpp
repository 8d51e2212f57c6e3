// The HTTP request path up to the handler, without a socket: raw bytes go through Beast's request parser under the
// limits a session reads with (server/http/session.cpp, Session::exchange: header limit, body limit, the read
// buffer's bound, the Transfer-Encoding rule, fields taken before a chunked body's trailer), then the transport's
// conversion (to_request), then the real Api with every route, the indicators' included, against the demo
// organisation (support/fuzz_world.h), and the answer is converted back and serialised as the session writes it.
// Up to max_requests pipelined requests are read from one input while the connection stays open.
//
// "Authorization: Bearer @admin" (@hq, @director.north, @manager) stands for a valid token of that demo account.
//
// Rules checked: no answer is a 500 (every input here is a client's, and a client's mistake is a 4xx); every
// error answer in JSON is the API's {"error": {"code", "message", "details"}} with a code.
#include "http/server_internals.h"
#include "floorwalk/wire.h"
#include "support/fuzz_check.h"
#include "support/fuzz_world.h"

#include <boost/asio/error.hpp>
#include <google/protobuf/stubs/logging.h>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <string_view>

namespace {

using namespace floorwalk;
using namespace floorwalk::server;
using namespace floorwalk::server::http_detail;

constexpr int max_requests = 4;
// As session.cpp: the read buffer holds the header and, past it, at most this much of a chunk line or a trailer.
constexpr std::size_t read_slack_bytes = 16 * 1024;

// A SyncReadStream over the input's bytes, then end of stream: what a client that sent them and closed looks like.
class InputStream {
public:
    explicit InputStream(std::string_view bytes) : bytes_(bytes) {}

    template <class MutableBufferSequence>
    std::size_t read_some(const MutableBufferSequence& buffers, beast::error_code& ec) {
        ec = {};
        if (bytes_.empty()) {
            ec = net::error::eof;
            return 0;
        }
        std::size_t copied = 0;
        for (auto it = net::buffer_sequence_begin(buffers); it != net::buffer_sequence_end(buffers); ++it) {
            const net::mutable_buffer buffer = *it;
            const auto n = std::min(buffer.size(), bytes_.size());
            std::memcpy(buffer.data(), bytes_.data(), n);
            bytes_.remove_prefix(n);
            copied += n;
            if (bytes_.empty()) break;
        }
        return copied;
    }

    template <class MutableBufferSequence>
    std::size_t read_some(const MutableBufferSequence& buffers) {
        beast::error_code ec;
        const auto n = read_some(buffers, ec);
        if (ec) throw beast::system_error(ec);
        return n;
    }

private:
    std::string_view bytes_;
};

bool is_chunked_only(std::string_view value) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    return beast::iequals(value, "chunked");
}

// What a client receives: the Beast response, serialised.
void deliver(const Response& response, const Delivery& delivery) {
    if (response.status >= 400 && response.content_type == "application/json") {
        wire::pb::ErrorResponse error;
        std::string problem;
        fuzz::check(wire::from_json(response.body, &error, &problem),
                    "a JSON error answer is the API's {\"error\": {...}}", problem + " in " + response.body);
        fuzz::check(!error.error().code().empty(), "an error answer has a code", response.body);
    }
    std::ostringstream wire_bytes;
    wire_bytes << to_beast(response, delivery);
}

// As session.cpp: errors that mean the bytes were not HTTP, as opposed to the end of the input.
bool is_protocol_error(const beast::error_code& ec) {
    return ec.category() == http::make_error_code(http::error::bad_target).category() &&
           ec != http::error::end_of_stream && ec != http::error::partial_message && ec != http::error::need_more &&
           ec != http::error::need_buffer;
}

// FLOORWALK_FUZZ_TRACE=1 prints each exchange: to see what a seed or a reproducer reaches.
bool tracing() {
    static const bool trace = std::getenv("FLOORWALK_FUZZ_TRACE") != nullptr;
    return trace;
}

// The transport's own refusal, as Session::refuse sends it.
void refuse(int status, std::string_view code, std::string_view message, bool head) {
    if (tracing())
        std::fprintf(stderr, "(transport) -> %d %.*s\n", status, static_cast<int>(message.size()), message.data());
    deliver(transport_error(status, code, message), {.keep_alive = false, .head = head});
}

// One exchange as Session::exchange runs it; false when the connection would close.
bool exchange(InputStream& stream, beast::flat_buffer& buffer, const HttpConfig& config) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(config.header_limit));
    parser.body_limit(config.body_limit);
    beast::error_code ec;
    http::read_header(stream, buffer, parser, ec);
    const bool head = parser.get().method() == http::verb::head;
    if (ec) {
        if (tracing()) std::fprintf(stderr, "(header) %s\n", ec.message().c_str());
        if (ec == http::error::header_limit)
            refuse(431, "header_too_large", "The request's header is too large.", head);
        else if (ec == http::error::body_limit)
            refuse(413, "body_too_large", "The request body is too large.", head);
        else if (is_protocol_error(ec))
            refuse(400, "bad_request", "The request is not valid HTTP/1.1 (" + ec.message() + ").", head);
        return false;
    }
    const auto& header = parser.get();
    if (const auto coding = header[http::field::transfer_encoding];
        !coding.empty() && !is_chunked_only(std::string_view(coding.data(), coding.size()))) {
        refuse(501, "unsupported_transfer_encoding",
               "Transfer-Encoding '" + std::string(coding) +
                   "' is not supported: send the body with Content-Length or 'chunked' alone.",
               head);
        return false;
    }
    // The fields before the body: a chunked body's trailer must not reach the handler.
    auto fields_before_body = header.base();
    http::read(stream, buffer, parser, ec);
    if (ec) {
        if (tracing()) std::fprintf(stderr, "(body) %s\n", ec.message().c_str());
        if (ec == http::error::body_limit)
            refuse(413, "body_too_large", "The request body is too large.", head);
        else if (ec == http::error::buffer_overflow || is_protocol_error(ec))
            refuse(400, "bad_request", "The request body is not valid HTTP/1.1 (" + ec.message() + ").", head);
        return false;
    }

    http::request<http::string_body> message(std::move(fields_before_body), std::move(parser.get().body()));
    const auto version = message.version();
    const bool keep_alive = message.keep_alive();
    std::string problem;
    auto request = to_request(std::move(message), "192.0.2.10", &problem);
    if (!request) {
        fuzz::check(!problem.empty(), "an undecodable target is refused with a reason");
        if (tracing()) std::fprintf(stderr, "(transport) -> 400 %s\n", problem.c_str());
        deliver(transport_error(400, "bad_request", problem), {.version = version, .head = head});
        return false;
    }
    auto& world = fuzz::FuzzWorld::get();
    request->authorization = world.resolve_authorization(request->authorization);
    RequestLog log;
    Response response;
    try {
        response = world.api().handle(*request, log);
    } catch (const std::exception& error) {
        fuzz::fail("Api::handle turns every failure into a response", error.what());
    }
    fuzz::check(response.status != 500, "a client's request is never answered 500",
                request->method + " " + request->path + " -> " + response.body);
    fuzz::check(response.status >= 100 && response.status <= 599, "the status is an HTTP status");
    if (tracing())
        std::fprintf(stderr, "%s %s -> %d %.300s\n", request->method.c_str(), request->path.c_str(), response.status,
                     response.body.c_str());
    deliver(response, {.version = version, .keep_alive = keep_alive, .head = head});
    if (request->method != "GET" && request->method != "HEAD") world.restore_accounts();
    return keep_alive;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // Protobuf logs a line for every string that is not UTF-8; at thousands of inputs a second that is only noise.
    google::protobuf::SetLogHandler(nullptr);
    (void)fuzz::FuzzWorld::get();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const HttpConfig config;
    InputStream stream(std::string_view(reinterpret_cast<const char*>(data), size));
    beast::flat_buffer buffer(config.header_limit + read_slack_bytes);
    for (int i = 0; i < max_requests; ++i)
        if (!exchange(stream, buffer, config)) break;
    fuzz::FuzzWorld::input_done();
    return 0;
}
