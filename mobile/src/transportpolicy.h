// Which server addresses the app may send a password, a session token and the teams' data to: https anywhere;
// plain http only to this device itself (loopback: 127.0.0.0/8, ::1, localhost), where nothing crosses a network,
// unless the person started the app with --allow-insecure-http (a test server on another machine).
#pragma once

#include <QString>
#include <QUrl>

namespace TransportPolicy {

enum class Verdict {
    Secure,           // https
    Loopback,         // http to this device
    InsecureAllowed,  // http to another machine, allowed by --allow-insecure-http
    InsecureRefused,  // http to another machine
    Unsupported       // another scheme, or no host
};

[[nodiscard]] Verdict check(const QUrl &server, bool allowInsecureHttp);
[[nodiscard]] inline bool allows(const QUrl &server, bool allowInsecureHttp)
{
    const Verdict verdict = check(server, allowInsecureHttp);
    return verdict == Verdict::Secure || verdict == Verdict::Loopback || verdict == Verdict::InsecureAllowed;
}
// localhost, or an address of 127.0.0.0/8 or ::1 (also IPv4-mapped).
[[nodiscard]] bool isLoopbackHost(const QString &host);

}  // namespace TransportPolicy
