// A small HTTP(S) client for the integration tests (Beast stays inside http_client.cpp), raw TCP connections for
// malformed or slow clients, and a self-signed certificate generated with OpenSSL.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace floorwalk::server::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpReply {
    int status = 0;  // 0 when no response arrived (closed, reset or timed out)
    std::string body;
    Headers headers;
    // Case-insensitive; empty when absent.
    [[nodiscard]] std::string header(std::string_view name) const;
};

struct TlsOptions {
    std::filesystem::path ca_file;  // the certificate the server must present (verified, with its IP address)
    int min_version = 0;            // OpenSSL's TLS1_2_VERSION...; 0 keeps the library's default
    int max_version = 0;
    bool lower_security_level = false;  // lets the client offer protocols the system policy forbids
};

// One keep-alive HTTP/1.1 connection to 127.0.0.1:port, plain or TLS. Every operation is bounded by `timeout`.
class HttpClient {
public:
    explicit HttpClient(unsigned short port, std::optional<TlsOptions> tls = std::nullopt,
                        std::chrono::milliseconds timeout = std::chrono::seconds(30));
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // False when the TCP connection or the TLS handshake failed.
    [[nodiscard]] bool connected() const;
    [[nodiscard]] std::string connect_error() const;
    // Reconnects when the server closed the previous connection.
    HttpReply request(const std::string& method, const std::string& target, const std::string& body = {},
                      const Headers& headers = {});

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// One request on a fresh connection.
HttpReply http_request(unsigned short port, const std::string& method, const std::string& target,
                       const std::string& body = {}, const Headers& headers = {},
                       std::optional<TlsOptions> tls = std::nullopt);

// Plain TCP bytes, for requests no well-behaved client would send.
class RawConnection {
public:
    explicit RawConnection(unsigned short port);
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // Writes every byte within `limit`; false when the server closed, reset or stopped reading.
    bool send(std::string_view bytes, std::chrono::milliseconds limit = std::chrono::seconds(10));
    struct Received {
        std::string data;
        bool closed = false;  // the server closed the connection (rather than `limit` passing)
    };
    // Reads until the server closes the connection or `limit` passes.
    Received receive_until_close(std::chrono::milliseconds limit);
    // Reads until the bytes received so far contain `marker`, the server closes, or `limit` passes.
    Received receive_until(std::string_view marker, std::chrono::milliseconds limit);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The status code of the first response in raw bytes ("HTTP/1.1 413 ..." -> 413), or 0.
[[nodiscard]] int status_of(std::string_view raw);

struct Certificate {
    std::filesystem::path certificate;  // PEM, self-signed for IP 127.0.0.1
    std::filesystem::path private_key;  // PEM
};
[[nodiscard]] Certificate make_self_signed_certificate(const std::filesystem::path& folder);

}  // namespace floorwalk::server::test
