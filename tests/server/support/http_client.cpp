// The tests' one translation unit with Beast, Asio and OpenSSL: the HTTP(S) client, raw connections and the
// self-signed certificate.
#include "support/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <functional>
#include <stdexcept>

namespace floorwalk::server::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

tcp::endpoint loopback(unsigned short port) { return {net::ip::make_address("127.0.0.1"), port}; }

}  // namespace

std::string HttpReply::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (iequals(key, name)) return value;
    return {};
}

struct HttpClient::Impl {
    net::io_context io;
    unsigned short port = 0;
    std::optional<TlsOptions> tls;
    std::unique_ptr<ssl::context> context;
    std::chrono::milliseconds timeout{};
    std::unique_ptr<beast::tcp_stream> plain;
    std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> secure;
    beast::flat_buffer buffer;
    bool open = false;
    std::string error;

    beast::tcp_stream& lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

    // Starts one asynchronous operation and runs the loop until it completes (the stream's deadline bounds it).
    template <class Initiate>
    beast::error_code run(Initiate&& initiate) {
        beast::error_code result;
        initiate([&result](beast::error_code ec, auto&&...) { result = ec; });
        io.restart();
        io.run();
        return result;
    }

    bool connect() {
        buffer.clear();
        open = false;
        plain.reset();
        secure.reset();
        beast::error_code ec;
        if (!tls) {
            plain = std::make_unique<beast::tcp_stream>(io);
            plain->expires_after(timeout);
            ec = run([&](auto handler) { plain->async_connect(loopback(port), std::move(handler)); });
        } else {
            secure = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(io, *context);
            lowest().expires_after(timeout);
            ec = run([&](auto handler) { lowest().async_connect(loopback(port), std::move(handler)); });
            if (!ec) {
                X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(secure->native_handle()), "127.0.0.1");
                lowest().expires_after(timeout);
                ec = run([&](auto handler) { secure->async_handshake(ssl::stream_base::client, std::move(handler)); });
            }
        }
        if (ec) {
            error = ec.message();
            return false;
        }
        open = true;
        return true;
    }

    template <class Message>
    beast::error_code write(Message& message) {
        lowest().expires_after(timeout);
        if (secure) return run([&](auto handler) { http::async_write(*secure, message, std::move(handler)); });
        return run([&](auto handler) { http::async_write(*plain, message, std::move(handler)); });
    }

    beast::error_code read(http::response_parser<http::string_body>& parser) {
        lowest().expires_after(timeout);
        if (secure) return run([&](auto handler) { http::async_read(*secure, buffer, parser, std::move(handler)); });
        return run([&](auto handler) { http::async_read(*plain, buffer, parser, std::move(handler)); });
    }
};

HttpClient::HttpClient(unsigned short port, std::optional<TlsOptions> tls, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
    impl_->port = port;
    impl_->tls = std::move(tls);
    impl_->timeout = timeout;
    if (impl_->tls) {
        impl_->context = std::make_unique<ssl::context>(ssl::context::tls_client);
        auto* native = impl_->context->native_handle();
        if (impl_->tls->lower_security_level) SSL_CTX_set_security_level(native, 0);
        if (impl_->tls->min_version != 0) SSL_CTX_set_min_proto_version(native, impl_->tls->min_version);
        if (impl_->tls->max_version != 0) SSL_CTX_set_max_proto_version(native, impl_->tls->max_version);
        impl_->context->load_verify_file(impl_->tls->ca_file.string());
        impl_->context->set_verify_mode(ssl::verify_peer);
    }
    impl_->connect();
}

HttpClient::~HttpClient() = default;

bool HttpClient::connected() const { return impl_->open; }

std::string HttpClient::connect_error() const { return impl_->error; }

HttpReply HttpClient::request(const std::string& method, const std::string& target, const std::string& body,
                              const Headers& headers) {
    HttpReply reply;
    // Reconnect only when the server said it would close: a silent reconnect would hide a server dropping
    // connections it should keep.
    if (!impl_->open && !impl_->connect()) return reply;
    http::request<http::string_body> request;
    request.version(11);
    const auto verb = http::string_to_verb(method);
    if (verb == http::verb::unknown)
        request.method_string(method);
    else
        request.method(verb);
    request.target(target);
    request.set(http::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = body;
    if (!body.empty() || method == "POST" || method == "PUT") request.prepare_payload();

    if (impl_->write(request)) {
        impl_->open = false;
        return reply;
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(256 * 1024 * 1024);
    // The answer to a HEAD announces a Content-Length but has no body: do not wait for one.
    if (method == "HEAD") parser.skip(true);
    if (impl_->read(parser)) {
        impl_->open = false;
        return reply;
    }
    auto response = parser.release();
    reply.status = static_cast<int>(response.result_int());
    reply.body = std::move(response.body());
    for (const auto& field : response) reply.headers.emplace_back(field.name_string(), field.value());
    if (!response.keep_alive()) impl_->open = false;
    return reply;
}

HttpReply http_request(unsigned short port, const std::string& method, const std::string& target,
                       const std::string& body, const Headers& headers, std::optional<TlsOptions> tls) {
    HttpClient client(port, std::move(tls));
    return client.request(method, target, body, headers);
}

struct RawConnection::Impl {
    net::io_context io;
    tcp::socket socket{io};
};

RawConnection::RawConnection(unsigned short port) : impl_(std::make_unique<Impl>()) {
    impl_->socket.connect(loopback(port));
}

RawConnection::~RawConnection() = default;

bool RawConnection::send(std::string_view bytes, std::chrono::milliseconds limit) {
    bool done = false;
    beast::error_code result;
    net::async_write(impl_->socket, net::buffer(bytes.data(), bytes.size()), [&](beast::error_code ec, std::size_t) {
        result = ec;
        done = true;
    });
    impl_->io.restart();
    impl_->io.run_for(limit);
    if (!done) {
        beast::error_code ignored;
        impl_->socket.cancel(ignored);
        impl_->io.restart();
        impl_->io.run();
        return false;
    }
    return !result;
}

RawConnection::Received RawConnection::receive_until_close(std::chrono::milliseconds limit) {
    return receive_until({}, limit);
}

RawConnection::Received RawConnection::receive_until(std::string_view marker, std::chrono::milliseconds limit) {
    Received received;
    std::array<char, 64 * 1024> chunk{};
    bool done = false;
    std::function<void()> read_more = [&] {
        impl_->socket.async_read_some(net::buffer(chunk), [&](beast::error_code ec, std::size_t n) {
            received.data.append(chunk.data(), n);
            if (ec) {
                received.closed = ec == net::error::eof || ec == net::error::connection_reset;
                done = true;
                return;
            }
            if (!marker.empty() && received.data.find(marker) != std::string::npos) {
                done = true;
                return;
            }
            read_more();
        });
    };
    read_more();
    impl_->io.restart();
    impl_->io.run_for(limit);
    if (!done) {
        beast::error_code ignored;
        impl_->socket.cancel(ignored);
        impl_->io.restart();
        impl_->io.run();
        received.closed = false;
    }
    return received;
}

int status_of(std::string_view raw) {
    if (!raw.starts_with("HTTP/1.") || raw.size() < 12) return 0;
    const auto code = raw.substr(9, 3);
    if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) return 0;
    return std::stoi(std::string(code));
}

Certificate make_self_signed_certificate(const std::filesystem::path& folder) {
    auto fail = [](const char* what) { throw std::runtime_error(std::string("certificate generation: ") + what); };
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    if (!key) fail("key");
    std::unique_ptr<X509, decltype(&X509_free)> x509(X509_new(), X509_free);
    X509_set_version(x509.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x509.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(x509.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x509.get()), 30L * 24 * 3600);
    X509_set_pubkey(x509.get(), key.get());
    auto* name = X509_get_subject_name(x509.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1,
                               -1, 0);
    X509_set_issuer_name(x509.get(), name);
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, x509.get(), x509.get(), nullptr, nullptr, 0);
    const std::pair<int, const char*> extensions[] = {{NID_subject_alt_name, "IP:127.0.0.1"},
                                                      {NID_basic_constraints, "critical,CA:TRUE"},
                                                      {NID_key_usage, "critical,digitalSignature,keyCertSign"}};
    for (const auto& [nid, value] : extensions) {
        X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
        if (!extension) fail("extension");
        X509_add_ext(x509.get(), extension, -1);
        X509_EXTENSION_free(extension);
    }
    if (X509_sign(x509.get(), key.get(), EVP_sha256()) == 0) fail("signature");

    Certificate result{folder / "server.crt", folder / "server.key"};
    auto write = [&](const std::filesystem::path& path, auto&& writer) {
        std::FILE* file = std::fopen(path.c_str(), "wb");
        if (!file) fail("cannot write the PEM file");
        const bool ok = writer(file);
        std::fclose(file);
        if (!ok) fail("PEM encoding");
    };
    write(result.private_key, [&](std::FILE* file) {
        return PEM_write_PrivateKey(file, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
    });
    write(result.certificate, [&](std::FILE* file) { return PEM_write_X509(file, x509.get()) == 1; });
    return result;
}

}  // namespace floorwalk::server::test
