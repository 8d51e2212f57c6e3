#include "http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <stdexcept>

namespace floorwalk::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct HttpClient::Impl {
    std::string host;
    unsigned short port;
    asio::io_context io;
    beast::tcp_stream stream{io};
    beast::flat_buffer buffer;

    void connect() {
        asio::ip::tcp::resolver resolver(io);
        beast::error_code ec;
        stream.socket().close(ec);
        buffer.clear();
        stream.connect(resolver.resolve(host, std::to_string(port)));
        stream.socket().set_option(asio::ip::tcp::no_delay(true));
    }

    HttpReply exchange(const http::request<http::string_body>& request) {
        http::write(stream, request);
        http::response_parser<http::string_body> parser;
        parser.body_limit(256 * 1024 * 1024);
        http::read(stream, buffer, parser);
        auto response = parser.release();
        HttpReply reply;
        reply.status = static_cast<int>(response.result_int());
        reply.content_type = std::string(response[http::field::content_type]);
        reply.body = std::move(response.body());
        if (!response.keep_alive()) connect();
        return reply;
    }
};

HttpClient::HttpClient(const std::string& host, unsigned short port) : impl_(std::make_unique<Impl>()) {
    impl_->host = host;
    impl_->port = port;
    try {
        impl_->connect();
    } catch (const std::exception& error) {
        throw std::runtime_error("cannot connect to " + host + ":" + std::to_string(port) + ": " + error.what());
    }
}

HttpClient::~HttpClient() = default;

HttpReply HttpClient::request(const std::string& method, const std::string& target,
                              const std::vector<std::pair<std::string, std::string>>& headers,
                              const std::string& body) {
    http::request<http::string_body> request{http::string_to_verb(method), target, 11};
    request.set(http::field::host, impl_->host);
    request.keep_alive(true);
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = body;
    request.prepare_payload();
    try {
        return impl_->exchange(request);
    } catch (const beast::system_error&) {
        // The server closed an idle kept-alive connection: one fresh attempt.
        impl_->connect();
        return impl_->exchange(request);
    }
}

std::string url_encode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

}  // namespace floorwalk::bench
