// A phone of the fault suites: its account, the records it made and what the server acknowledged, and the batches
// it sends after a day offline (new records, edits and deletions of acknowledged ones).
#pragma once

#include "support/ledger.h"
#include "support/record_factory.h"
#include "support/sync_client.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace floorwalk::faults {

struct Phone {
    Account account;
    Ledger ledger;
    RecordFactory factory;
    std::string tag;  // starts the text of every record it made

    [[nodiscard]] bool ours(const std::string& text) const { return text.starts_with(tag); }
};

// Signs in on the device "fault-phone-<tag>", pulls the user's scope and makes records for its active employees
// from `seed`. Throws std::runtime_error when the sign-in or the pull fails, or no employee is in scope.
[[nodiscard]] Phone sign_in_phone(HttpClient& client, const std::string& organization, const std::string& username,
                                  const std::string& password, const std::string& tag, std::uint32_t seed);

// A batch of `size` records: mostly new observations, some coaching activities, and edits and deletions of
// records the ledger holds (each at most once per batch).
[[nodiscard]] pb::PushRequest make_batch(Phone& phone, std::size_t size);

}  // namespace floorwalk::faults
