// IndicatorService's memory estimate (what the memory budget compares): it walks every employee's and manager's
// records, which costs more than a store's whole query at 10,000 employees, so it is taken when an organisation is
// loaded or changes, never for a query that finds nothing new.
#include "indicator_fixture.h"

#include <catch2/catch.hpp>

using namespace floorwalk;
using namespace floorwalk::test;

TEST_CASE("the memory estimate is taken after a load or a change, never on a query that changed nothing",
          "[indicators]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    const Query march{{"at", "2026-04-01T00:00:00Z"}, {"windowDays", "90"}, {"from", "2026-03-01"}, {"to", "2026-04-01"}};

    REQUIRE(fixture.get("/indicators", march, "hq").status == 200);  // loads the organisation
    const auto loaded = fixture.service().status();
    CHECK(loaded.memory_estimates == 1);
    CHECK(loaded.memory > 0);

    for (int i = 0; i < 20; ++i) REQUIRE(fixture.get("/indicators", march, "hq").status == 200);
    REQUIRE(fixture.get("/indicators/series", {}, "hq").status == 200);
    CHECK(fixture.service().status().memory_estimates == 1);
    CHECK(fixture.service().status().memory == loaded.memory);

    // A push moves the organisation on: the next query applies it and estimates again.
    fixture.push("m1", {observation(uuid(90), "e1", "2026-03-30T10:00:00Z", {{"d1", 1}, {"d2", 1}})});
    REQUIRE(fixture.get("/indicators", march, "hq").status == 200);
    CHECK(fixture.service().status().memory_estimates == 2);
    REQUIRE(fixture.get("/indicators", march, "hq").status == 200);
    CHECK(fixture.service().status().memory_estimates == 2);

    // So does a change of the organisation's data (an employee moved).
    fixture.move_employee("e5", "S1");
    REQUIRE(fixture.get("/indicators", march, "hq").status == 200);
    CHECK(fixture.service().status().memory_estimates == 3);
}
