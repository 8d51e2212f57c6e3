#include "searchtext.h"

#include <catch2/catch.hpp>

namespace {

bool finds(const QString &name, const QString &query)
{
    return SearchText::matches(SearchText::normalize(name), SearchText::words(SearchText::normalize(query)));
}

}  // namespace

TEST_CASE("name search ignores case and accents, and every word must match")
{
    CHECK(finds(QStringLiteral("Hélène Dubois"), QStringLiteral("hel")));
    CHECK(finds(QStringLiteral("Hélène Dubois"), QStringLiteral("HELENE")));
    CHECK(finds(QStringLiteral("Éric Martin"), QStringLiteral("eric mar")));
    CHECK(finds(QStringLiteral("Éric Martin"), QStringLiteral("  martin   éric ")));
    CHECK_FALSE(finds(QStringLiteral("Éric Martin"), QStringLiteral("eric dubois")));
    CHECK(finds(QStringLiteral("Zoë"), QString()));  // an empty query matches everyone
    CHECK(SearchText::normalize(QStringLiteral("  Ça  VA ")) == QStringLiteral("ca va"));
}
