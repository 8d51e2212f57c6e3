#include "activitydraft.h"
#include "localstore.h"
#include "testdata.h"

#include <catch2/catch.hpp>

#include <QAbstractItemModelTester>
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

TEST_CASE("a coaching activity names its kind and participants and goes to the outbox")
{
    Fixture f;
    ActivityDraft draft;
    draft.setStore(&f.store);
    QAbstractItemModelTester tester(draft.participants(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    CHECK(draft.participants()->rowCount() == 6);  // active employees only
    CHECK(draft.kind() == ActivityDraft::OneToOne);
    CHECK_FALSE(draft.canSave());
    CHECK_FALSE(draft.save());
    CHECK(draft.errorText() == QStringLiteral("Choose at least one participant."));

    draft.setKind(ActivityDraft::TeamBriefing);
    draft.participants()->selectTeam(QStringLiteral("Lille Centre"), true);
    CHECK(draft.participants()->selectedCount() == 5);
    draft.participants()->toggle(0);
    CHECK(draft.participants()->selectedCount() == 4);
    draft.setNote(QStringLiteral("Monday: the new closing script"));
    const QStringList participants = draft.participants()->selectedIds();
    REQUIRE(draft.save());

    const QList<ActivityRecord> activities = f.store.records().currentActivities();
    REQUIRE(activities.size() == 1);
    CHECK(activities.constFirst().kind == ActivityKind::TeamBriefing);
    CHECK(activities.constFirst().participantIds == participants);
    CHECK(activities.constFirst().note == QStringLiteral("Monday: the new closing script"));
    CHECK(activities.constFirst().localState == LocalState::Pending);
    CHECK(draft.participants()->selectedCount() == 0);  // ready for the next one
}

TEST_CASE("an activity started from an employee's page has him ticked, and can be edited")
{
    Fixture f;
    ActivityDraft draft;
    draft.setStore(&f.store);
    draft.preselect(QStringLiteral("e4"));
    CHECK(draft.participants()->selectedIds() == QStringList{QStringLiteral("e4")});
    REQUIRE(draft.save());
    const QString id = f.store.records().currentActivities().constFirst().id;

    ActivityDraft edit;
    edit.setStore(&f.store);
    edit.setActivityId(id);
    REQUIRE(edit.isEdit());
    CHECK(edit.participants()->selectedIds() == QStringList{QStringLiteral("e4")});
    edit.setKind(ActivityDraft::Challenge);
    REQUIRE(edit.save());
    CHECK(f.store.records().activity(id)->kind == ActivityKind::Challenge);
    REQUIRE(edit.remove());
    CHECK(f.store.records().currentActivities().isEmpty());
}
