#include "transportpolicy.h"

#include <catch2/catch.hpp>

using TransportPolicy::Verdict;

TEST_CASE("https goes anywhere, plain http only to this device unless allowed")
{
    auto check = [](const char *url, bool allow) {
        return TransportPolicy::check(QUrl(QString::fromLatin1(url)), allow);
    };
    CHECK(check("https://floorwalk.example.com", false) == Verdict::Secure);
    CHECK(check("HTTPS://floorwalk.example.com:8443/prefix", false) == Verdict::Secure);
    CHECK(check("http://floorwalk.example.com", false) == Verdict::InsecureRefused);
    CHECK(check("http://192.168.1.20:8080", false) == Verdict::InsecureRefused);
    CHECK(check("http://10.0.0.5", false) == Verdict::InsecureRefused);
    CHECK(check("http://floorwalk.example.com", true) == Verdict::InsecureAllowed);
    CHECK(check("ftp://floorwalk.example.com", true) == Verdict::Unsupported);
    CHECK(check("http://", false) == Verdict::Unsupported);
    CHECK(TransportPolicy::allows(QUrl(QStringLiteral("http://127.0.0.1:8080")), false));
    CHECK_FALSE(TransportPolicy::allows(QUrl(QStringLiteral("http://floorwalk.example.com")), false));
    CHECK(TransportPolicy::allows(QUrl(QStringLiteral("http://floorwalk.example.com")), true));
}

TEST_CASE("loopback is 127.0.0.0/8, ::1 and localhost, nothing that only looks like them")
{
    for (const char *url : {"http://127.0.0.1:8080", "http://127.12.0.3", "http://[::1]:8080", "http://localhost:8080",
                            "http://LOCALHOST", "http://localhost./api", "http://[::ffff:127.0.0.1]:8080"}) {
        INFO(url);
        CHECK(TransportPolicy::check(QUrl(QString::fromLatin1(url)), false) == Verdict::Loopback);
    }
    for (const char *url : {"http://localhost.example.com", "http://127.0.0.1.example.com", "http://128.0.0.1",
                            "http://[::2]", "http://0.0.0.0", "http://my-localhost"}) {
        INFO(url);
        CHECK(TransportPolicy::check(QUrl(QString::fromLatin1(url)), false) == Verdict::InsecureRefused);
    }
}
