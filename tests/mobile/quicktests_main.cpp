// The Qt Quick tests (qml/tst_*.qml) drive the real QML of the app against a real server: the same singletons
// main.cpp exposes (Store, Session, Sync, Language), composed for tests, plus TestEnv.
#include "qmlsingletons.h"
#include "testenv.h"

#include <QQmlEngine>
#include <QQmlExtensionPlugin>
#include <QQuickStyle>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(FloorwalkPlugin)

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void applicationAvailable()
    {
        QQuickStyle::setStyle(QStringLiteral("Material"));
        if (!m_env.start())
            qFatal("the test server did not start: %s", qPrintable(m_env.error()));
        TestApp &app = m_env.app();
        QmlSingletons::setInstances(app.store.get(), app.session.get(), app.engine.get(), app.language.get());
        qmlRegisterSingletonInstance("FloorwalkTest", 1, 0, "TestEnv", &m_env);
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/"));
        m_env.app().language->setEngine(engine);
    }

private:
    TestEnv m_env;
};

QUICK_TEST_MAIN_WITH_SETUP(floorwalk_quick, Setup)

#include "quicktests_main.moc"
