// Name search as people type it: case- and accent-insensitive ("hel" finds "Hélène"), every word must match.
#pragma once

#include <QString>
#include <QStringList>

namespace SearchText {

// Lower case, accents removed, spaces collapsed.
[[nodiscard]] QString normalize(const QString &text);
// True when every word of `normalizedQuery` occurs in `normalizedText` (both from normalize()).
[[nodiscard]] bool matches(const QString &normalizedText, const QStringList &normalizedQueryWords);
[[nodiscard]] QStringList words(const QString &normalizedQuery);
// Alphabetical order as people expect it whatever the device's collation: "Éric" between "Dan" and "Fanny".
[[nodiscard]] int compare(const QString &a, const QString &b);

}  // namespace SearchText
