// Reading HTTP/1.1 responses out of the raw bytes a socket received (the server frames every answer with
// Content-Length), for tests that write requests byte by byte.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace floorwalk::faults {

struct RawResponse {
    int status = 0;
    std::string header;  // the status line and the fields, as received
    std::string body;
    bool complete = false;  // the whole body announced by Content-Length arrived
    // A header field's value (case-insensitive name), or empty.
    [[nodiscard]] std::string field(std::string_view name) const;
};

// Every response in `raw`, in order; the last one may be incomplete. Bytes that do not start a response end it.
// `methods` names the request each response answers, in order, when known: the answer to a HEAD has no body,
// whatever its Content-Length says.
[[nodiscard]] std::vector<RawResponse> parse_responses(std::string_view raw,
                                                       const std::vector<std::string>& methods = {});

}  // namespace floorwalk::faults
