#include "languagecontroller.h"

#include "database.h"
#include "metakeys.h"

#include <QCoreApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <QQmlEngine>

Q_LOGGING_CATEGORY(lcLanguage, "floorwalk.language")

LanguageController::LanguageController(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
}

QString LanguageController::systemLanguage()
{
    for (const QString &tag : QLocale::system().uiLanguages()) {
        if (tag.startsWith(QLatin1String("fr")))
            return QStringLiteral("fr");
        if (tag.startsWith(QLatin1String("en")))
            return QStringLiteral("en");
    }
    return QStringLiteral("en");
}

void LanguageController::apply()
{
    const QString stored = m_db.meta(MetaKey::language);
    m_language = (stored == QLatin1String("fr") || stored == QLatin1String("en")) ? stored : QString();
    install(m_language.isEmpty() ? systemLanguage() : m_language);
}

QString LanguageController::localeName() const
{
    return m_effective == QLatin1String("fr") ? QStringLiteral("fr_FR") : QStringLiteral("en_GB");
}

bool LanguageController::install(const QString &language)
{
    QCoreApplication::removeTranslator(&m_translator);
    const bool loaded = m_translator.load(QStringLiteral(":/i18n/floorwalk_%1.qm").arg(language));
    if (loaded)
        QCoreApplication::installTranslator(&m_translator);
    else
        qCWarning(lcLanguage) << "no translation for" << language;
    m_effective = language;
    // Dates and numbers follow the chosen language too.
    QLocale::setDefault(QLocale(localeName()));
    return loaded;
}

void LanguageController::setLanguage(const QString &language)
{
    const QString normalized =
        (language == QLatin1String("fr") || language == QLatin1String("en")) ? language : QString();
    if (normalized == m_language)
        return;
    m_language = normalized;
    if (normalized.isEmpty())
        m_db.removeMeta(MetaKey::language);
    else
        m_db.setMeta(MetaKey::language, normalized);
    install(normalized.isEmpty() ? systemLanguage() : normalized);
    if (m_engine)
        m_engine->retranslate();
    Q_EMIT languageChanged();
}

void LanguageController::overrideForThisRun(const QString &language)
{
    m_language = language == QLatin1String("fr") || language == QLatin1String("en") ? language : QString();
    install(m_language.isEmpty() ? systemLanguage() : m_language);
    if (m_engine)
        m_engine->retranslate();
    Q_EMIT languageChanged();
}
