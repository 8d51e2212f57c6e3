// The phone's side of the sync API for the fault suites: sign in, push a batch (JSON or protobuf), and pull
// everything in scope page by page. Built on the server tests' HttpClient (Beast stays in its one file).
#pragma once

#include "floorwalk/v1/floorwalk.pb.h"
#include "support/http_client.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace floorwalk::faults {

namespace pb = ::floorwalk::v1;
using server::test::HttpClient;
using server::test::HttpReply;

struct Account {
    std::string token;
    std::string user_id;
    std::string device_id;
    std::vector<std::string> unit_ids;
};

// POST /api/v1/auth/login; throws std::runtime_error with the server's answer when it is not a 200.
[[nodiscard]] Account login(HttpClient& client, const std::string& organization, const std::string& username,
                            const std::string& password, const std::string& device_id);

enum class Encoding { json, protobuf };

// The push body in the given encoding (protobuf's JSON mapping or binary).
[[nodiscard]] std::string encode(const pb::PushRequest& request, Encoding encoding);
[[nodiscard]] std::string media_type(Encoding encoding);

// POST /api/v1/sync/push with `body` of the given media type; the answer is asked for in JSON.
[[nodiscard]] HttpReply push(HttpClient& client, const Account& account, const std::string& body,
                             Encoding encoding);
// The whole request as bytes, for a client that writes it to a socket itself (Connection: close).
[[nodiscard]] std::string raw_push_request(const Account& account, const std::string& body, Encoding encoding);

// A 200 push answer read as JSON; nullopt when the reply is anything else.
[[nodiscard]] std::optional<pb::PushResponse> decode_push(const HttpReply& reply);
// The same for a raw HTTP/1.1 response read off a socket (status line, header, a Content-Length body).
[[nodiscard]] std::optional<pb::PushResponse> decode_raw_push(const std::string& raw);

// Everything the caller can see, as a phone keeps it: pages merged in order, deletedIds applied to both kinds
// (the API does not say which kind an id was).
struct Snapshot {
    pb::ExperienceModel model;
    pb::User user;
    std::vector<pb::Unit> units;
    std::vector<pb::Employee> employees;
    std::map<std::string, pb::Observation> observations;
    std::map<std::string, pb::CoachingActivity> activities;
    std::string cursor;  // where the next pull starts
    int pages = 0;
};

// One page from `cursor`; throws std::runtime_error on any answer other than a readable 200, or on a reset.
[[nodiscard]] pb::PullResponse pull_page(HttpClient& client, const Account& account, const std::string& cursor,
                                         int limit);
// Applies a page to `snapshot` as a phone does: deletedIds first (both kinds), then the records, then the cursor.
void merge_page(Snapshot& snapshot, const pb::PullResponse& response);

// Pulls from `snapshot.cursor` until hasMore is false, at most `max_pages` pages of `limit`, merging into
// `snapshot`; throws std::runtime_error on any answer other than a readable 200, on a reset, or when the pages do
// not end.
void pull_since(HttpClient& client, const Account& account, Snapshot& snapshot, int limit = 1000,
                int max_pages = 200);
// The same from the empty cursor.
[[nodiscard]] Snapshot pull_all(HttpClient& client, const Account& account, int limit = 1000, int max_pages = 200);

// The active employees of the caller's units and their subtrees, as the snapshot shows them.
[[nodiscard]] std::vector<std::string> employees_in_scope(const Snapshot& snapshot);

}  // namespace floorwalk::faults
