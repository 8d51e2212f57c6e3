#include "syncprotocol.h"

#include <catch2/catch.hpp>

#include "floorwalk/v1/floorwalk.pb.h"

TEST_CASE("a push carries observations then activities, each oldest first, with their revisions")
{
    OutboxEntry activity;
    activity.kind = RecordKind::Activity;
    activity.recordId = QStringLiteral("act");
    activity.activity.id = QStringLiteral("act");
    activity.activity.kind = ActivityKind::Challenge;
    activity.activity.occurredAt = QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC);
    activity.activity.participantIds = {QStringLiteral("e1"), QStringLiteral("e2")};
    OutboxEntry observation;
    observation.kind = RecordKind::Observation;
    observation.recordId = QStringLiteral("obs");
    observation.observation.id = QStringLiteral("obs");
    observation.observation.employeeId = QStringLiteral("e1");
    observation.observation.observedAt = QDateTime::fromMSecsSinceEpoch(1700000000456, Qt::UTC);
    observation.observation.modelVersion = 3;
    observation.observation.ratings = {{QStringLiteral("welcome"), 4}};
    observation.observation.comment = QStringLiteral("très bien");
    observation.observation.revision = 2;
    observation.observation.baseRevision = 1;

    const QDateTime sentAt = QDateTime::fromMSecsSinceEpoch(1700000100789, Qt::UTC);
    const QByteArray body = SyncProtocol::encodePush(QStringLiteral("device-1"), {activity, observation}, sentAt);
    floorwalk::v1::PushRequest request;
    REQUIRE(request.ParseFromArray(body.constData(), int(body.size())));
    CHECK(request.device_id() == "device-1");
    CHECK(request.sent_at().seconds() == 1700000100);
    CHECK(request.sent_at().nanos() == 789000000);
    REQUIRE(request.observations_size() == 1);
    const auto &o = request.observations(0);
    CHECK(o.id() == "obs");
    CHECK(o.revision() == 2);
    CHECK(o.base_revision() == 1);
    CHECK(o.model_version() == 3);
    CHECK(o.comment() == "très bien");
    CHECK(o.observed_at().seconds() == 1700000000);
    CHECK(o.observed_at().nanos() == 456000000);
    REQUIRE(o.ratings_size() == 1);
    CHECK(o.ratings(0).level() == 4);
    REQUIRE(request.activities_size() == 1);
    CHECK(request.activities(0).kind() == floorwalk::v1::CHALLENGE);
    CHECK(request.activities(0).participant_ids_size() == 2);
}

TEST_CASE("answers decode, and garbage is refused rather than half-read")
{
    floorwalk::v1::PushResponse response;
    auto *r = response.add_results();
    r->set_id("obs");
    r->set_status(floorwalk::v1::CONFLICT);
    r->mutable_error()->set_message("revision 2 already exists");
    r->set_stored_revision(2);
    const std::string bytes = response.SerializeAsString();
    const auto results = SyncProtocol::decodePush(QByteArray(bytes.data(), qsizetype(bytes.size())));
    REQUIRE(results);
    REQUIRE(results->size() == 1);
    CHECK(results->at(0).status == PushStatus::Conflict);
    CHECK(results->at(0).storedRevision == 2);
    CHECK(results->at(0).errorMessage == QStringLiteral("revision 2 already exists"));

    CHECK_FALSE(SyncProtocol::decodePush(QByteArray("\xff\xff\xff garbage", 12)));
    CHECK_FALSE(SyncProtocol::decodePull(QByteArray("\x0a\xff", 2)));
    CHECK_FALSE(SyncProtocol::decodeLogin(QByteArray()));  // no token: not a login answer

    const auto jsonError = SyncProtocol::decodeError(
        R"({"error":{"code":"too_many_records","message":"At most 500 records a push."}})", "application/json");
    REQUIRE(jsonError);
    CHECK(jsonError->code == QStringLiteral("too_many_records"));
    CHECK_FALSE(SyncProtocol::decodeError("<html>proxy error</html>", "text/html"));
}
