// Correcting the times a phone stamps with a wrong clock (docs/indicators.md, "Record times and phone clocks").
// Pure functions: the server applies them to each pushed record before validating it.
#pragma once

#include "floorwalk/domain.h"

#include <chrono>
#include <optional>

namespace floorwalk {

// A push whose phone clock differs from the server's by no more than this is taken as it is: the gap is the
// request's transit time or an ordinary clock drift, and correcting it would only make resends differ.
inline constexpr auto clock_skew_tolerance = std::chrono::minutes(1);

// How much to add to the times a phone stamped to put them on the server's clock: received_at - sent_at, where
// sent_at is the phone's clock reading when it sent the push. nullopt (no correction) when the push carried no
// sent_at or the gap is within clock_skew_tolerance.
[[nodiscard]] std::optional<std::chrono::milliseconds> clock_offset(std::optional<Timestamp> sent_at,
                                                                    Timestamp received_at);

// What the server stored for a revision: the record's time on the server's clock, and the time the phone sent.
struct StoredRecordTime {
    Timestamp time{};
    Timestamp device_time{};
    friend bool operator==(const StoredRecordTime&, const StoredRecordTime&) = default;
};

// The time a pushed record is stored and counted at, from the time the phone sent (`device_time`). `earlier` is
// the stored revision the record repeats (a resend) or replaces (an edit), if any:
//   1. a time that is the earlier revision's (as stored, or as its phone sent it) keeps the stored time: the phone
//      copied it, it did not read its clock again, so it is never corrected twice, and a resend after the clock
//      was fixed lands where the first send did;
//   2. with no offset, the phone's time as it is;
//   3. else device_time + offset, unless that lands before earliest_record_time or after `now` (the phone's clock
//      was changed between recording and sending, so the offset does not describe the clock that stamped the
//      record): then the phone's time as it is, for validation to judge.
[[nodiscard]] Timestamp corrected_record_time(Timestamp device_time, std::optional<std::chrono::milliseconds> offset,
                                              const std::optional<StoredRecordTime>& earlier, Timestamp now);

}  // namespace floorwalk
