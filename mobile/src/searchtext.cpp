#include "searchtext.h"

namespace SearchText {

QString normalize(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_D);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        out.append(c);
    }
    return out.toCaseFolded().simplified();
}

QStringList words(const QString &normalizedQuery)
{
    return normalizedQuery.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

int compare(const QString &a, const QString &b)
{
    const int folded = normalize(a).compare(normalize(b));
    return folded != 0 ? folded : a.compare(b);
}

bool matches(const QString &normalizedText, const QStringList &normalizedQueryWords)
{
    for (const QString &word : normalizedQueryWords) {
        if (!normalizedText.contains(word))
            return false;
    }
    return true;
}

}  // namespace SearchText
