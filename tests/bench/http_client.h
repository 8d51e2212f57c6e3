// A minimal blocking HTTP/1.1 client over one kept-alive TCP connection, for the benchmark's load generators.
// Beast stays inside http_client.cpp.
//
// Threading: one object per thread.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace floorwalk::bench {

struct HttpReply {
    int status = 0;
    std::string content_type;
    std::string body;
};

class HttpClient {
public:
    // Connects to host:port at once; throws std::runtime_error when it cannot.
    HttpClient(const std::string& host, unsigned short port);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Sends one request and reads the whole answer; reconnects once if the server closed the connection.
    // `target` is the path with its query string. Headers are (name, value) pairs.
    HttpReply request(const std::string& method, const std::string& target,
                      const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body = {});

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Percent-encodes a query parameter value.
[[nodiscard]] std::string url_encode(const std::string& text);

}  // namespace floorwalk::bench
