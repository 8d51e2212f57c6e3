#include "transportpolicy.h"

#include <QHostAddress>

namespace TransportPolicy {

bool isLoopbackHost(const QString &host)
{
    QString name = host.toLower();
    if (name.endsWith(QLatin1Char('.')))
        name.chop(1);
    // Only the name itself: "localhost.example.com" is somebody else's machine.
    if (name == QLatin1String("localhost"))
        return true;
    QHostAddress address;
    return address.setAddress(name) && address.isLoopback();
}

Verdict check(const QUrl &server, bool allowInsecureHttp)
{
    if (!server.isValid() || server.host().isEmpty())
        return Verdict::Unsupported;
    const QString scheme = server.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return Verdict::Secure;
    if (scheme != QLatin1String("http"))
        return Verdict::Unsupported;
    if (isLoopbackHost(server.host()))
        return Verdict::Loopback;
    return allowInsecureHttp ? Verdict::InsecureAllowed : Verdict::InsecureRefused;
}

}  // namespace TransportPolicy
