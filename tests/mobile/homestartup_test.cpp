// The home screen at start-up: the window shows before the employee list is read (mobile/README.md, Performance),
// and the list then arrives whole. What must never happen: the list staying empty, or the empty state ("No
// employees...") flashing while the list is being read, or the tours' synchronous access to the list breaking.
#include "employeelistmodel.h"
#include "metakeys.h"
#include "qmlsingletons.h"
#include "screentour.h"
#include "testapp.h"
#include "testdata.h"
#include "testwait.h"

#include <catch2/catch.hpp>

#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>

#include <atomic>

Q_IMPORT_QML_PLUGIN(FloorwalkPlugin)

namespace {

constexpr int employeeCount = 300;

// A phone that pulled `employeeCount` active employees and knows its manager (the home screen is its root).
QString seededPhone(const QString &dataDir)
{
    TestApp app(TestApp::quietOptions(), dataDir);
    PullPage page = TestData::organizationPage();
    page.employees.clear();
    for (int i = 0; i < employeeCount; ++i)
        page.employees.append({QStringLiteral("b%1").arg(i), i % 2 ? QStringLiteral("s1") : QStringLiteral("s2"),
                               QStringLiteral("Employee %1").arg(i), QStringLiteral("Sales advisor"), true});
    QString error;
    REQUIRE(app.store->cache().applyPullPage(page, &error));
    app.store->database().setMeta(MetaKey::serverUrl, QStringLiteral("http://127.0.0.1:9"));
    app.store->database().setMeta(MetaKey::organization, QStringLiteral("acme"));
    app.store->database().setMeta(MetaKey::username, QStringLiteral("alice"));
    return dataDir;
}

// The app started again on that phone, as a manager opens it.
struct Home {
    QTemporaryDir dir;
    TestApp app{TestApp::quietOptions(), seededPhone(dir.path())};
    QQmlApplicationEngine engine;
    QQuickWindow *window = nullptr;
    EmployeeListModel *model = nullptr;
    QObject *list = nullptr;
    QObject *empty = nullptr;
    QObject *busy = nullptr;

    Home()
    {
        static const bool styled = [] {
            QQuickStyle::setStyle(QStringLiteral("Material"));
            return true;
        }();
        (void)styled;
        QmlSingletons::setInstances(app.store.get(), app.session.get(), app.engine.get(), app.language.get());
        engine.addImportPath(QStringLiteral("qrc:/"));
    }

    void load()
    {
        engine.load(QUrl(QStringLiteral("qrc:/Floorwalk/Main.qml")));
        REQUIRE_FALSE(engine.rootObjects().isEmpty());
        window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
        REQUIRE(window);
        REQUIRE(window->findChild<QObject *>(QStringLiteral("homePage")));
        model = window->findChild<EmployeeListModel *>(QStringLiteral("employeeModel"));
        list = window->findChild<QObject *>(QStringLiteral("employeeList"));
        empty = window->findChild<QObject *>(QStringLiteral("employeesEmpty"));
        busy = window->findChild<QObject *>(QStringLiteral("employeesLoading"));
        REQUIRE(model);
        REQUIRE(list);
        REQUIRE(empty);
        REQUIRE(busy);
    }
};

}  // namespace

TEST_CASE("the home screen shows before its list, with a busy indicator and never the empty state")
{
    Home home;
    home.load();
    // Loaded, not yet shown: what the first frame presents.
    CHECK(home.model->loading());
    CHECK(home.busy->property("visible").toBool());
    CHECK_FALSE(home.empty->property("visible").toBool());

    // Frames rendered before the list was read, counted on whichever thread renders them (afterRendering comes
    // before frameSwapped, whose first emission lets the page read the list).
    std::atomic<int> frames{0};
    QObject::connect(home.window, &QQuickWindow::afterRendering, home.window, [&frames] { ++frames; },
                     Qt::DirectConnection);
    int framesWhenLoaded = -1;
    bool emptyShownWhileLoading = false;
    QObject::connect(home.model, &EmployeeListModel::loadingChanged, home.model, [&] {
        if (!home.model->loading())
            framesWhenLoaded = frames;
    });
    auto *emptyItem = qobject_cast<QQuickItem *>(home.empty);
    REQUIRE(emptyItem);
    QObject::connect(emptyItem, &QQuickItem::visibleChanged, emptyItem, [&] {
        emptyShownWhileLoading = emptyShownWhileLoading || (emptyItem->isVisible() && home.model->loading());
    });
    REQUIRE(TestWait::until([&] { return !home.model->loading(); }));
    CHECK(framesWhenLoaded >= 1);
    CHECK_FALSE(emptyShownWhileLoading);

    // Then the whole list, and nothing of the loading state.
    CHECK(home.model->count() == employeeCount);
    REQUIRE(TestWait::until([&] { return home.list->property("count").toInt() == employeeCount; }));
    CHECK_FALSE(home.busy->property("visible").toBool());
    CHECK_FALSE(home.empty->property("visible").toBool());
    REQUIRE(TestWait::until([&] { return home.model->dueCount() == employeeCount; }));
    QObject *due = home.window->findChild<QObject *>(QStringLiteral("dueFilter"));
    REQUIRE(due);
    CHECK(due->property("text").toString().endsWith(QString::number(employeeCount)));

    // The list read after the first frame still follows the search field and the store.
    QObject *search = home.window->findChild<QObject *>(QStringLiteral("searchField"));
    REQUIRE(search);
    search->setProperty("text", QStringLiteral("employee 299"));
    CHECK(home.model->count() == 1);
    search->setProperty("text", QString());
    CHECK(home.model->count() == employeeCount);
}

TEST_CASE("screen tours read the home list at once, without waiting for a frame")
{
    Home home;
    home.load();
    QVariant opened;
    REQUIRE(QMetaObject::invokeMethod(home.window, "openScreen", Q_RETURN_ARG(QVariant, opened),
                                      Q_ARG(QVariant, QStringLiteral("employee"))));
    CHECK(opened.toBool());
    QObject *employeePage = home.window->findChild<QObject *>(QStringLiteral("employeePage"));
    REQUIRE(employeePage);
    CHECK_FALSE(employeePage->property("employeeId").toString().isEmpty());
}

TEST_CASE("created from QML, a deferred list waits whatever the order of its properties")
{
    Home home;
    EmployeeListModel model;
    model.classBegin();
    model.setStore(home.app.store.get());  // before `deferred` is set, as a QML binding order may do
    model.setDeferred(true);
    model.componentComplete();
    CHECK(model.loading());
    CHECK(model.count() == 0);
    model.setDeferred(false);
    CHECK_FALSE(model.loading());
    CHECK(model.count() == employeeCount);
}
