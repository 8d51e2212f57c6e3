#include "localstore.h"
#include "testapp.h"
#include "testdata.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QTemporaryDir>

namespace {

struct Fixture {
    QTemporaryDir dir;
    LocalStore store{QDir(dir.path()).filePath(QStringLiteral("floorwalk.sqlite"))};
    Fixture()
    {
        QString error;
        REQUIRE(store.open(&error));
        REQUIRE(TestData::seed(store));
    }
};

}  // namespace

TEST_CASE("the manager sees his newest unsent change over the server's copy")
{
    Fixture f;
    QString error;
    const QDateTime day = QDateTime::currentDateTimeUtc().addDays(-5);
    PullPage page;
    page.cursor = QStringLiteral("c");
    page.observations = {
        TestData::serverObservation(QStringLiteral("a"), QStringLiteral("e1"), day, {{QStringLiteral("welcome"), 1}},
                                    QStringLiteral("u-alice")),
        TestData::serverObservation(QStringLiteral("b"), QStringLiteral("e1"), day.addDays(1),
                                    {{QStringLiteral("advice"), 4}}),
    };
    REQUIRE(f.store.cache().applyPullPage(page, &error));
    ObservationRecord edited = *f.store.records().observation(QStringLiteral("a"));
    edited.ratings = {{QStringLiteral("welcome"), 3}};
    REQUIRE(f.store.outbox().saveObservation(edited, &error));

    const QList<ObservationRecord> history = f.store.records().observationsOf(QStringLiteral("e1"));
    REQUIRE(history.size() == 2);
    CHECK(history.at(0).id == QStringLiteral("b"));  // newest first
    CHECK(history.at(0).localState == LocalState::Synced);
    CHECK(history.at(1).id == QStringLiteral("a"));
    CHECK(history.at(1).levelFor(QStringLiteral("welcome")) == 3);
    CHECK(history.at(1).revision == 2);
    CHECK(history.at(1).localState == LocalState::Pending);
    CHECK(f.store.records().currentObservations().size() == 2);
}

TEST_CASE("a pending deletion hides the record everywhere")
{
    Fixture f;
    QString error;
    PullPage page;
    page.cursor = QStringLiteral("c");
    page.observations = {TestData::serverObservation(QStringLiteral("a"), QStringLiteral("e1"),
                                                     QDateTime::currentDateTimeUtc(), {{QStringLiteral("welcome"), 1}},
                                                     QStringLiteral("u-alice"))};
    REQUIRE(f.store.cache().applyPullPage(page, &error));
    REQUIRE(f.store.outbox().deleteObservation(QStringLiteral("a"), &error));
    CHECK_FALSE(f.store.records().observation(QStringLiteral("a")));
    CHECK(f.store.records().observationsOf(QStringLiteral("e1")).isEmpty());
    CHECK(f.store.records().currentObservations().isEmpty());
}

TEST_CASE("activities follow the same layering")
{
    Fixture f;
    QString error;
    ActivityRecord a;
    a.id = QStringLiteral("act-1");
    a.kind = ActivityKind::TeamBriefing;
    a.occurredAt = QDateTime::currentDateTimeUtc();
    a.participantIds = {QStringLiteral("e1"), QStringLiteral("e2")};
    a.note = QStringLiteral("Monday briefing");
    REQUIRE(f.store.outbox().saveActivity(a, &error));
    auto current = f.store.records().activity(QStringLiteral("act-1"));
    REQUIRE(current);
    CHECK(current->participantIds == a.participantIds);
    CHECK(current->localState == LocalState::Pending);
    CHECK(current->managerId == QStringLiteral("u-alice"));
    REQUIRE(f.store.records().currentActivities().size() == 1);
    REQUIRE(f.store.outbox().deleteActivity(QStringLiteral("act-1"), &error));
    CHECK(f.store.records().currentActivities().isEmpty());
}
