// The app's language: follows the phone (French or English, English otherwise) unless the manager picks one in
// Settings; the choice is kept in the local database and applied at once to every screen.
//
// Threading: GUI thread only.
#pragma once

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QString>
#include <QTranslator>

class Database;

class LanguageController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(QString effectiveLanguage READ effectiveLanguage NOTIFY languageChanged)
    Q_PROPERTY(QString localeName READ localeName NOTIFY languageChanged)

public:
    explicit LanguageController(Database &db, QObject *parent = nullptr);

    // Installs the translator for the stored (or the phone's) language. Call before loading QML.
    void apply();
    // The engine whose bindings are re-evaluated on a switch.
    void setEngine(QQmlEngine *engine) { m_engine = engine; }

    [[nodiscard]] QString language() const { return m_language; }  // "" (follow the phone), "fr" or "en"
    [[nodiscard]] QString effectiveLanguage() const { return m_effective; }
    // The locale dates and numbers follow: "fr_FR" or "en_GB" (24-hour clock, day before month).
    [[nodiscard]] QString localeName() const;
    void setLanguage(const QString &language);
    // A language for this run only, not remembered (screenshots in each language).
    void overrideForThisRun(const QString &language);
    // The language the phone asks for, among those the app has.
    [[nodiscard]] static QString systemLanguage();

Q_SIGNALS:
    void languageChanged();

private:
    bool install(const QString &language);

    Database &m_db;
    QPointer<QQmlEngine> m_engine;
    QTranslator m_translator;
    QString m_language;
    QString m_effective;
};
