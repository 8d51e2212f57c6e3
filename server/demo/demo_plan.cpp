// The demo's story: each store follows its own logistic learning curve (demo_catalogue.cpp). Every week, each store
// manager observes 2 to 5 of his employees (more as the store gets into the habit) and rates 3 to 6 dimensions; a
// rating is mastered (3 or 4) with the store's current progress, adjusted for the dimension's difficulty and the
// employee's talent. Managers also hold one-to-ones, team briefings and the odd challenge. Monthly KPIs follow
// each store's progress one month earlier, with noise, so the KPI perspective finds a lagged correlation.
#include "demo/demo_plan.h"

#include "demo/demo_catalogue.h"
#include "demo/demo_random.h"
#include "floorwalk/time.h"
#include "floorwalk/uuid.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <set>

namespace floorwalk::server::demo {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

struct StaffMember {
    std::size_t employee = 0;  // index in DemoPlan::employees
    double talent = 0;         // added to the store's progress
    int leaves_week = -1;      // weeks from this one on, the employee has left (inactive); -1 = stays
};

// Two employees leave during the period: they stay in the history and become inactive.
struct Departure {
    std::size_t store;
    std::size_t member;
    int week;
};
constexpr std::array<Departure, 2> departures = {{{2, 4, 13}, {9, 2, 17}}};

std::string uuid_from(DemoRandom& random, Timestamp t) {
    std::array<std::uint8_t, 10> bytes{};
    for (auto& b : bytes) b = static_cast<std::uint8_t>(random.next() & 0xFF);
    return make_uuid_v7(t, bytes);
}

double clamp_probability(double p) { return std::clamp(p, 0.03, 0.97); }

int draw_level(DemoRandom& random, double mastery) {
    if (random.chance(mastery)) return random.chance(0.15 + 0.35 * mastery) ? 4 : 3;
    return random.chance(0.35 + 0.5 * mastery) ? 2 : 1;
}

std::string month_label(std::chrono::year_month month) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(month.year()), static_cast<unsigned>(month.month()));
    return text;
}

std::chrono::year_month month_of(Timestamp t) {
    const std::chrono::year_month_day date(std::chrono::floor<days>(t));
    return date.year() / date.month();
}

Timestamp start_of(std::chrono::year_month month) {
    return Timestamp(std::chrono::sys_days(month / std::chrono::day(1)).time_since_epoch());
}

double round_to(double value, double step) { return std::round(value / step) * step; }

class Planner {
public:
    Planner(Timestamp now, std::uint32_t seed, int model_version)
        : now_(now), random_(seed), model_(model()), model_version_(model_version) {
        first_week_ = iso_week_start(now) - days(7 * (weeks_of_history - 1));
    }

    DemoPlan plan() {
        add_units();
        add_employees();
        for (std::size_t s = 0; s < stores().size(); ++s) add_records(s);
        add_kpis();
        return std::move(plan_);
    }

private:
    void add_units() {
        plan_.units.push_back({std::string(root_unit_id), "", "Demo Retail France", UnitKind::organization});
        for (const auto& region : regions()) {
            plan_.units.push_back({region.id, std::string(root_unit_id), region.name, UnitKind::region});
        }
        for (const auto& store : stores()) {
            plan_.units.push_back({store.id, store.region_id, store.name, UnitKind::store});
        }
    }

    void add_employees() {
        std::set<std::string> names;
        int number = 10001;
        staff_.resize(stores().size());
        for (std::size_t s = 0; s < stores().size(); ++s) {
            for (int k = 0; k < stores()[s].employees; ++k) {
                std::string name;
                for (int attempt = 0; attempt < 100; ++attempt) {
                    name = random_.pick(first_names()) + " " + random_.pick(last_names());
                    if (names.insert(name).second) break;
                }
                // Most are sales advisors; a store's first employee is its senior advisor.
                const auto& titles = job_titles();
                const std::string& title = k == 0 ? titles[1] : random_.chance(0.6) ? titles[0] : random_.pick(titles);
                plan_.employees.push_back({"FR" + std::to_string(number++), stores()[s].id, name, title, true});
                staff_[s].push_back({plan_.employees.size() - 1, random_.noise(0.1), -1});
            }
        }
        for (const auto& departure : departures) {
            auto& member = staff_[departure.store][departure.member];
            member.leaves_week = departure.week;
            plan_.employees[member.employee].active = false;
        }
    }

    // Mon-Sat at a time within [from, to) minutes of the day, in week `week`.
    Timestamp time_in_week(int week, int from_minute, int to_minute) {
        const int day = random_.between(0, 5);
        const int minute = random_.between(from_minute, to_minute - 1);
        return first_week_ + days(7 * week + day) + minutes(minute);
    }

    void add_records(std::size_t s) {
        const DemoStore& store = stores()[s];
        ManagerRecords records;
        records.username = store.manager_username;
        for (int week = 0; week < weeks_of_history; ++week) {
            std::vector<StaffMember> present;
            for (const auto& member : staff_[s]) {
                if (member.leaves_week < 0 || week < member.leaves_week) present.push_back(member);
            }
            random_.shuffle(present);
            const double progress = store_progress(s, week);
            const int observed = std::min<int>(random_.between(2, 3 + static_cast<int>(std::lround(2 * progress))),
                                               static_cast<int>(present.size()));
            std::vector<std::string> observed_ids;
            for (int i = 0; i < observed; ++i) {
                const auto& member = present[static_cast<std::size_t>(i)];
                const Timestamp when = time_in_week(week, 9 * 60 + 30, 19 * 60);
                auto observation = make_observation(s, member, week, when);
                if (when > now_) continue;  // the rest of the current week has not happened yet
                observed_ids.push_back(observation.employee_id);
                records.observations.push_back(std::move(observation));
            }
            add_activities(s, week, present, observed_ids, records);
        }
        add_revisions(records);
        plan_.managers.push_back(std::move(records));
    }

    Observation make_observation(std::size_t s, const StaffMember& member, int week, Timestamp when) {
        Observation o;
        o.id = uuid_from(random_, when);
        o.employee_id = plan_.employees[member.employee].id;
        o.observed_at = when;
        o.model_version = model_version_;
        std::vector<std::size_t> dimensions(model_.dimensions.size());
        for (std::size_t d = 0; d < dimensions.size(); ++d) dimensions[d] = d;
        random_.shuffle(dimensions);
        dimensions.resize(static_cast<std::size_t>(random_.between(3, 6)));
        std::sort(dimensions.begin(), dimensions.end());
        const double day_in_week = static_cast<double>((when - first_week_) / hours(24) % 7) / 7.0;
        const double progress = store_progress(s, week + day_in_week);
        int level_sum = 0;
        for (const auto d : dimensions) {
            const int level = draw_level(random_, clamp_probability(progress + dimension_ease()[d] + member.talent));
            o.ratings.push_back({model_.dimensions[d].id, level});
            level_sum += level;
        }
        const bool good = level_sum >= 3 * static_cast<int>(dimensions.size());
        if (random_.chance(0.8)) o.comment = random_.pick(good ? praise_comments() : improvement_comments());
        if (random_.chance(good ? 0.3 : 0.85)) o.coaching_action = random_.pick(coaching_actions());
        return o;
    }

    void add_activities(std::size_t s, int week, const std::vector<StaffMember>& present,
                        const std::vector<std::string>& observed_ids, ManagerRecords& records) {
        const double progress = store_progress(s, week);
        auto add = [&](ActivityKind kind, std::vector<std::string> participants) {
            const Timestamp when = time_in_week(week, 9 * 60, 9 * 60 + 45);  // before opening
            CoachingActivity a;
            a.id = uuid_from(random_, when);
            a.kind = kind;
            a.occurred_at = when;
            a.participant_ids = std::move(participants);
            a.note = random_.pick(activity_notes(kind));
            if (when <= now_ && !a.participant_ids.empty()) records.activities.push_back(std::move(a));
        };
        if (!observed_ids.empty() && random_.chance(0.5 + 0.3 * progress)) {
            add(ActivityKind::one_to_one, {observed_ids.front()});
        }
        std::vector<std::string> everyone;
        for (const auto& member : present) everyone.push_back(plan_.employees[member.employee].id);
        if (random_.chance(0.3)) {
            auto group = everyone;
            random_.shuffle(group);
            group.resize(std::min<std::size_t>(group.size(), static_cast<std::size_t>(random_.between(3, 6))));
            add(ActivityKind::team_briefing, std::move(group));
        }
        if (random_.chance(0.08)) add(ActivityKind::challenge, everyone);
    }

    // A few observations are corrected later (a comment completed, a level revised); fewer are deleted.
    void add_revisions(ManagerRecords& records) {
        for (const auto& original : records.observations) {
            const double draw = random_.real();
            if (draw >= 0.05) continue;
            Observation revision = original;
            revision.revision = 2;
            revision.base_revision = 1;
            if (draw < 0.01) {
                revision.deleted = true;
            } else {
                auto& rating = revision.ratings.front();
                rating.level = rating.level >= 4 ? 3 : rating.level + 1;
                revision.comment = revision.comment.empty() ? std::string("Corrigé après échange avec le vendeur.")
                                                            : revision.comment + " (revu le lendemain)";
            }
            records.revisions.push_back(std::move(revision));
        }
    }

    void add_kpis() {
        const auto first_month = month_of(first_week_);
        const auto current_month = month_of(now_);
        for (std::size_t s = 0; s < stores().size(); ++s) {
            const DemoStore& store = stores()[s];
            for (auto month = first_month; month < current_month; month += std::chrono::months(1)) {
                // Mastery at the end of the previous month drives this month's results.
                const double week = static_cast<double>((start_of(month) - first_week_) / hours(24)) / 7.0;
                const double m = store_progress(s, week);
                const std::string period = month_label(month);
                plan_.kpis.push_back({store.id, period, "nps", std::round(8 + 55 * m + random_.noise(7))});
                plan_.kpis.push_back({store.id, period, "csat", round_to(71 + 21 * m + random_.noise(2.5), 0.1)});
                plan_.kpis.push_back(
                    {store.id, period, "sales",
                     std::round(16500.0 * store.employees * (0.9 + 0.22 * m) * (1 + random_.noise(0.05)))});
                plan_.kpis.push_back(
                    {store.id, period, "averageBasket", round_to(46 + 17 * m + random_.noise(2.5), 0.01)});
            }
        }
    }

    Timestamp now_;
    DemoRandom random_;
    ExperienceModel model_;
    int model_version_;
    Timestamp first_week_{};
    DemoPlan plan_;
    std::vector<std::vector<StaffMember>> staff_;  // per store
};

}  // namespace

double store_progress(std::size_t store_index, double week) {
    const DemoStore& store = stores().at(store_index);
    return curve_floor + (store.ceiling - curve_floor) / (1 + std::exp(-store.slope * (week - store.midpoint_week)));
}

DemoPlan plan_demo(Timestamp now, std::uint32_t seed, int model_version) {
    return Planner(now, seed, model_version).plan();
}

}  // namespace floorwalk::server::demo
