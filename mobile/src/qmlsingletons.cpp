#include "qmlsingletons.h"

namespace QmlSingletons {

void setInstances(LocalStore *store, SessionController *session, SyncEngine *sync, LanguageController *language)
{
    StoreSingleton::instance = store;
    SessionSingleton::instance = session;
    SyncSingleton::instance = sync;
    LanguageSingleton::instance = language;
}

}  // namespace QmlSingletons
