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
    }
};

}  // namespace

TEST_CASE("a pull page lands in one go with its cursor")
{
    Fixture f;
    PullPage page = TestData::organizationPage();
    page.hasMore = true;
    QString error;
    REQUIRE(f.store.cache().applyPullPage(page, &error));
    CHECK(f.store.cache().cursor() == QStringLiteral("fixture-cursor"));
    CHECK_FALSE(f.store.cache().hasPulledOnce());
    CHECK(f.store.cache().model() == *page.model);
    CHECK(f.store.cache().units().size() == 4);
    CHECK(f.store.cache().employees().size() == 7);
    CHECK(f.store.cache().employee(QStringLiteral("e1"))->displayName == QStringLiteral("Hélène Dubois"));
    CHECK(f.store.cache().settings() == OrgSettings{3, 30});
    CHECK(f.store.user().id == QStringLiteral("u-alice"));

    PullPage last;
    last.cursor = QStringLiteral("end");
    REQUIRE(f.store.cache().applyPullPage(last, &error));
    CHECK(f.store.cache().hasPulledOnce());
    // A page without a model keeps the model held.
    CHECK(f.store.cache().model() == *page.model);
}

TEST_CASE("a server revision never replaces a newer one, and deleted ids disappear")
{
    Fixture f;
    QString error;
    REQUIRE(TestData::seed(f.store));
    const QDateTime at = QDateTime::currentDateTimeUtc().addDays(-1);
    ObservationRecord v2 = TestData::serverObservation(QStringLiteral("o1"), QStringLiteral("e1"), at,
                                                       {{QStringLiteral("welcome"), 3}});
    v2.revision = 2;
    ObservationRecord v1 = v2;
    v1.revision = 1;
    v1.ratings = {{QStringLiteral("welcome"), 1}};
    PullPage page;
    page.cursor = QStringLiteral("c1");
    page.observations = {v2};
    REQUIRE(f.store.cache().applyPullPage(page, &error));
    page.observations = {v1};
    REQUIRE(f.store.cache().applyPullPage(page, &error));
    CHECK(f.store.records().observation(QStringLiteral("o1"))->revision == 2);
    CHECK(f.store.records().observation(QStringLiteral("o1"))->levelFor(QStringLiteral("welcome")) == 3);

    page.observations.clear();
    page.deletedIds = {QStringLiteral("o1")};
    REQUIRE(f.store.cache().applyPullPage(page, &error));
    CHECK_FALSE(f.store.records().observation(QStringLiteral("o1")));
}

TEST_CASE("a reset forgets pulled data and the cursor but never an unsent change")
{
    Fixture f;
    QString error;
    REQUIRE(TestData::seed(f.store));
    PullPage page;
    page.cursor = QStringLiteral("c9");
    page.observations = {TestData::serverObservation(QStringLiteral("pulled"), QStringLiteral("e1"),
                                                     QDateTime::currentDateTimeUtc().addDays(-3),
                                                     {{QStringLiteral("advice"), 2}})};
    REQUIRE(f.store.cache().applyPullPage(page, &error));

    const ObservationRecord pending = makeObservation(QStringLiteral("e2"), 3, 0);
    const ObservationRecord rejected = makeObservation(QStringLiteral("e3"), 2, 0);
    REQUIRE(f.store.outbox().saveObservation(pending, &error));
    REQUIRE(f.store.outbox().saveObservation(rejected, &error));
    QList<OutboxEntry> batch = f.store.outbox().takeBatch(10);
    QList<PushResultItem> results;
    for (const OutboxEntry &e : batch)
        results.append({e.recordId, e.recordId == rejected.id ? PushStatus::Rejected : PushStatus::Unspecified,
                        QStringLiteral("no"), QStringLiteral("no"), 0});
    REQUIRE(f.store.outbox().applyResults(batch, results, &error));

    REQUIRE(f.store.cache().resetServerData(&error));
    CHECK(f.store.cache().cursor().isEmpty());
    CHECK_FALSE(f.store.cache().hasPulledOnce());
    CHECK(f.store.cache().employees().isEmpty());
    CHECK_FALSE(f.store.cache().model().isValid());
    CHECK_FALSE(f.store.records().observation(QStringLiteral("pulled")));
    // Both unsent changes are still there, and still visible.
    CHECK(f.store.outbox().unsentCount() == 2);
    CHECK(f.store.records().observation(pending.id));
    CHECK(f.store.records().observation(rejected.id));
}

TEST_CASE("clearing for a sign-out forgets the identity's data")
{
    Fixture f;
    QString error;
    REQUIRE(TestData::seed(f.store));
    REQUIRE(f.store.cache().clear(&error));
    CHECK(f.store.user().id.isEmpty());
    CHECK(f.store.cache().units().isEmpty());
    CHECK(f.store.cache().settings() == OrgSettings{});
}
