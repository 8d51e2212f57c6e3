// The long-lived services the composition root creates, exposed to QML as C++-owned singletons (Store, Session,
// Sync, Language). Declarative registration through QML_FOREIGN: the objects stay owned by C++, and the engine
// is handed the existing instance instead of creating one.
#pragma once

#include "languagecontroller.h"
#include "localstore.h"
#include "sessioncontroller.h"
#include "syncengine.h"

#include <QJSEngine>
#include <QQmlEngine>
#include <QtQmlIntegration>

namespace QmlSingletons {

// The composition root calls this before loading any QML.
void setInstances(LocalStore *store, SessionController *session, SyncEngine *sync, LanguageController *language);

template<typename T>
T *provide(T *instance, QJSEngine *engine)
{
    // Without an instance QML would silently get null and fail far from here.
    Q_ASSERT_X(instance, "QmlSingletons", "QmlSingletons::setInstances was not called before loading QML");
    Q_ASSERT(!instance || engine->thread() == instance->thread());
    if (instance)
        QJSEngine::setObjectOwnership(instance, QJSEngine::CppOwnership);
    return instance;
}

}  // namespace QmlSingletons

struct StoreSingleton {
    Q_GADGET
    QML_FOREIGN(LocalStore)
    QML_NAMED_ELEMENT(Store)
    QML_SINGLETON
public:
    inline static LocalStore *instance = nullptr;
    static LocalStore *create(QQmlEngine *, QJSEngine *engine) { return QmlSingletons::provide(instance, engine); }
};

struct SessionSingleton {
    Q_GADGET
    QML_FOREIGN(SessionController)
    QML_NAMED_ELEMENT(Session)
    QML_SINGLETON
public:
    inline static SessionController *instance = nullptr;
    static SessionController *create(QQmlEngine *, QJSEngine *engine)
    {
        return QmlSingletons::provide(instance, engine);
    }
};

struct SyncSingleton {
    Q_GADGET
    QML_FOREIGN(SyncEngine)
    QML_NAMED_ELEMENT(Sync)
    QML_SINGLETON
public:
    inline static SyncEngine *instance = nullptr;
    static SyncEngine *create(QQmlEngine *, QJSEngine *engine) { return QmlSingletons::provide(instance, engine); }
};

struct LanguageSingleton {
    Q_GADGET
    QML_FOREIGN(LanguageController)
    QML_NAMED_ELEMENT(Language)
    QML_SINGLETON
public:
    inline static LanguageController *instance = nullptr;
    static LanguageController *create(QQmlEngine *, QJSEngine *engine)
    {
        return QmlSingletons::provide(instance, engine);
    }
};
