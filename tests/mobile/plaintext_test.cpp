// Text that comes from the server or from other people (names, comments, coaching actions, the model, the
// server's messages) is shown as plain text: a comment `<img src="http://...">` must show those characters, never
// make every manager's phone fetch that address. The real Main.qml is walked screen by screen with markup in every
// field the server fills, and every text item on the way is checked.
#include "metakeys.h"
#include "qmlsingletons.h"
#include "recordid.h"
#include "screentour.h"
#include "testapp.h"
#include "testdata.h"

#include <catch2/catch.hpp>

#include <QEventLoop>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSet>
#include <QTcpServer>
#include <QTimer>

Q_IMPORT_QML_PLUGIN(FloorwalkPlugin)

namespace {

// Stands for the tracker a malicious comment would point at: rich text fetches the image it names.
class ImageHost : public QTcpServer
{
public:
    ImageHost() { listen(QHostAddress::LocalHost, 0); }
    int connections = 0;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        ++connections;
        QTcpSocket socket;
        socket.setSocketDescriptor(descriptor);
        socket.abort();
    }
};

// The markup planted in one field; `field` names it, so a failure says which text leaked.
QString markup(quint16 port, const QString &field)
{
    return QStringLiteral("<img src=\"http://127.0.0.1:%1/%2.png\"><b>%2</b>").arg(port).arg(field);
}

// The fixture organisation with markup in every text the server or another person writes.
void seed(TestApp &app, quint16 port, QString *ownObservationId, QString *otherObservationId, QString *activityId)
{
    auto m = [port](const QString &field) { return markup(port, field); };
    PullPage page = TestData::organizationPage();
    for (UnitRecord &unit : page.units)
        unit.name = m(QStringLiteral("unit"));
    for (EmployeeRecord &employee : page.employees) {
        employee.displayName = m(QStringLiteral("employee"));
        employee.jobTitle = m(QStringLiteral("jobTitle"));
    }
    page.model->name = m(QStringLiteral("model"));
    for (ScaleLevel &level : page.model->levels)
        level.label = m(QStringLiteral("level"));
    for (DimensionInfo &dimension : page.model->dimensions) {
        dimension.name = m(QStringLiteral("dimension"));
        dimension.description = m(QStringLiteral("description"));
        dimension.behaviours = {m(QStringLiteral("behaviour"))};
    }
    page.user->displayName = m(QStringLiteral("displayName"));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    ObservationRecord other = TestData::serverObservation(RecordId::create(), QStringLiteral("e1"), now.addDays(-2),
                                                          {{QStringLiteral("welcome"), 3}});
    other.comment = m(QStringLiteral("comment"));
    other.coachingAction = m(QStringLiteral("coachingAction"));
    ObservationRecord own = TestData::serverObservation(RecordId::create(), QStringLiteral("e1"), now.addDays(-1),
                                                        {{QStringLiteral("advice"), 2}}, QStringLiteral("u-alice"));
    own.comment = m(QStringLiteral("ownComment"));
    own.coachingAction = m(QStringLiteral("ownCoachingAction"));
    page.observations = {other, own};
    ActivityRecord activity;
    activity.id = RecordId::create();
    activity.managerId = QStringLiteral("u-alice");
    activity.kind = ActivityKind::OneToOne;
    activity.occurredAt = now.addDays(-1);
    activity.participantIds = {QStringLiteral("e1"), QStringLiteral("e2")};
    activity.note = m(QStringLiteral("note"));
    page.activities = {activity};
    QString error;
    REQUIRE(app.store->cache().applyPullPage(page, &error));
    app.store->database().setMeta(MetaKey::organizationName, m(QStringLiteral("organization")));

    // The server's verdicts, with its own words: one refusal, one conflict.
    ObservationRecord refused = makeObservation(QStringLiteral("e3"), 2, 0, m(QStringLiteral("pendingComment")));
    ObservationRecord crossed = makeObservation(QStringLiteral("e4"), 3, 0);
    REQUIRE(app.store->outbox().saveObservation(refused, &error));
    REQUIRE(app.store->outbox().saveObservation(crossed, &error));
    const QList<OutboxEntry> batch = app.store->outbox().takeBatch(10);
    REQUIRE(batch.size() == 2);
    REQUIRE(app.store->outbox().applyResults(
        batch,
        {{refused.id, PushStatus::Rejected, QStringLiteral("refused"), m(QStringLiteral("rejection")), 0},
         {crossed.id, PushStatus::Conflict, QStringLiteral("conflict"), m(QStringLiteral("conflict")), 2}},
        &error));
    *ownObservationId = own.id;
    *otherObservationId = other.id;
    *activityId = activity.id;
}

// Every object under `root` through the item tree and the object tree, popups included (closed dialogs and
// tooltips are not in the item tree).
void collect(QObject *object, QSet<QObject *> &seen, QList<QObject *> &out)
{
    if (!object || seen.contains(object))
        return;
    seen.insert(object);
    out.append(object);
    for (QObject *child : object->children())
        collect(child, seen, out);
    if (auto *item = qobject_cast<QQuickItem *>(object)) {
        for (QQuickItem *child : item->childItems())
            collect(child, seen, out);
    }
    if (object->inherits("QQuickPopup")) {
        for (const char *part : {"contentItem", "background", "header", "footer"})
            collect(object->property(part).value<QObject *>(), seen, out);
    }
}

QString declaredIn(const QObject *object)
{
    const QQmlContext *context = qmlContext(object);
    return context ? context->baseUrl().toString() : QString();
}

bool isTextItem(const QObject *object)
{
    return object->inherits("QQuickText") || object->inherits("QQuickTextEdit");
}

struct Walk {
    QStringList failures;
    QSet<QString> fieldsShown;  // the planted fields some text item showed
    int ourTextItems = 0;
};

// Checks every text item now in the window: each one our QML declares is plain text, and so is any item
// (ours or a Qt control's) showing planted markup.
void check(QQuickWindow *window, const QString &screen, quint16 port, Walk &walk)
{
    QSet<QObject *> seen;
    QList<QObject *> objects;
    collect(window, seen, objects);
    collect(window->contentItem(), seen, objects);
    const QString marker = QStringLiteral("<img src=\"http://127.0.0.1:%1/").arg(port);
    for (QObject *object : std::as_const(objects)) {
        if (!isTextItem(object))
            continue;
        const QString where = declaredIn(object);
        const bool ours = where.startsWith(QLatin1String("qrc:/Floorwalk/"));
        const QString text = object->property("text").toString();
        const qsizetype at = text.indexOf(marker);
        const bool showsMarkup = at >= 0;
        if (ours)
            ++walk.ourTextItems;
        if (showsMarkup) {
            const qsizetype start = at + marker.size();
            walk.fieldsShown.insert(text.mid(start, text.indexOf(QLatin1String(".png"), start) - start));
        }
        const int format = object->property("textFormat").toInt();
        if ((ours || showsMarkup) && format != Qt::PlainText) {
            walk.failures.append(QStringLiteral("%1: a %2 declared in %3 (objectName \"%4\") has textFormat %5, "
                                                "showing \"%6\"")
                                     .arg(screen, QString::fromLatin1(object->metaObject()->className()),
                                          where.isEmpty() ? QStringLiteral("Qt's own controls") : where,
                                          object->objectName())
                                     .arg(format)
                                     .arg(text.left(80)));
        }
    }
}

void settle()
{
    QEventLoop loop;
    QTimer::singleShot(250, &loop, &QEventLoop::quit);
    loop.exec();
}

}  // namespace

TEST_CASE("every text from the server or from another person is shown as plain text, on every screen")
{
    ImageHost host;
    REQUIRE(host.isListening());
    const quint16 port = host.serverPort();
    TestApp app;
    QString ownId, otherId, activityId;
    seed(app, port, &ownId, &otherId, &activityId);

    QQuickStyle::setStyle(QStringLiteral("Material"));
    QmlSingletons::setInstances(app.store.get(), app.session.get(), app.engine.get(), app.language.get());
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.load(QUrl(QStringLiteral("qrc:/Floorwalk/Main.qml")));
    REQUIRE_FALSE(engine.rootObjects().isEmpty());
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    REQUIRE(window);

    Walk walk;
    ScreenTour tour(window);
    for (const QString &screen : ScreenTour::screens()) {
        QString error;
        REQUIRE(tour.show(screen, &error));
        check(window, screen, port, walk);
    }
    // The screens a tour does not open: the picker, and the forms of existing records (their texts in editors).
    auto open = [&](const char *function, const QString &argument) {
        QString error;
        REQUIRE(tour.show(QStringLiteral("home"), &error));
        REQUIRE(QMetaObject::invokeMethod(window, function, Q_ARG(QVariant, argument)));
        settle();
        check(window, QString::fromLatin1(function) + QLatin1Char(' ') + argument, port, walk);
    };
    open("openEmployee", QStringLiteral("e1"));
    open("editObservation", ownId);
    open("editObservation", otherId);
    open("editActivity", activityId);
    open("logActivity", QStringLiteral("e1"));
    {
        QString error;
        REQUIRE(tour.show(QStringLiteral("home"), &error));
        QObject *home = window->findChild<QObject *>(QStringLiteral("homePage"));
        REQUIRE(home);
        REQUIRE(QMetaObject::invokeMethod(home, "newObservationRequested"));
        settle();
        check(window, QStringLiteral("picker"), port, walk);
    }

    INFO(walk.failures.join(QLatin1Char('\n')).toStdString());
    CHECK(walk.failures.isEmpty());
    CHECK(walk.ourTextItems > 100);
    // The walk saw the planted markup in every kind of field (otherwise it proved nothing about it).
    for (const char *field : {"unit", "employee", "jobTitle", "level", "dimension", "description", "behaviour",
                              "displayName", "organization", "comment", "coachingAction", "ownComment",
                              "ownCoachingAction", "note", "rejection", "conflict"}) {
        INFO(field);
        CHECK(walk.fieldsShown.contains(QString::fromLatin1(field)));
    }
    // Nothing fetched the planted image.
    settle();
    CHECK(host.connections == 0);
}
