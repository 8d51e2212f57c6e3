#include "support/sync_client.h"

#include "floorwalk/wire.h"
#include "support/raw_http.h"

#include <cctype>
#include <set>
#include <stdexcept>

namespace floorwalk::faults {
namespace {

constexpr const char* json_type = "application/json";
constexpr const char* protobuf_type = "application/x-protobuf";

std::string bearer(const Account& account) { return "Bearer " + account.token; }

template <class Message>
Message read_json(const std::string& body, const char* what) {
    Message message;
    std::string error;
    if (!wire::from_json(body, &message, &error))
        throw std::runtime_error(std::string("unreadable ") + what + ": " + error + " in " + body.substr(0, 500));
    return message;
}

}  // namespace

Account login(HttpClient& client, const std::string& organization, const std::string& username,
              const std::string& password, const std::string& device_id) {
    pb::LoginRequest request;
    request.set_organization(organization);
    request.set_username(username);
    request.set_password(password);
    request.set_device_id(device_id);
    request.set_device_name("fault suite " + device_id);
    const auto reply = client.request("POST", "/api/v1/auth/login", wire::to_json(request),
                                      {{"Content-Type", json_type}, {"Accept", json_type}});
    if (reply.status != 200)
        throw std::runtime_error("login of " + username + " answered " + std::to_string(reply.status) + ": " +
                                 reply.body);
    const auto response = read_json<pb::LoginResponse>(reply.body, "login answer");
    Account account;
    account.token = response.token();
    account.user_id = response.user().id();
    account.device_id = device_id;
    account.unit_ids.assign(response.user().unit_ids().begin(), response.user().unit_ids().end());
    return account;
}

std::string encode(const pb::PushRequest& request, Encoding encoding) {
    return encoding == Encoding::json ? wire::to_json(request) : request.SerializeAsString();
}

std::string media_type(Encoding encoding) { return encoding == Encoding::json ? json_type : protobuf_type; }

HttpReply push(HttpClient& client, const Account& account, const std::string& body, Encoding encoding) {
    return client.request("POST", "/api/v1/sync/push", body,
                          {{"Authorization", bearer(account)},
                           {"Content-Type", media_type(encoding)},
                           {"Accept", json_type}});
}

std::string raw_push_request(const Account& account, const std::string& body, Encoding encoding) {
    return "POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + bearer(account) +
           "\r\nContent-Type: " + media_type(encoding) + "\r\nAccept: " + json_type +
           "\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::optional<pb::PushResponse> decode_push(const HttpReply& reply) {
    if (reply.status != 200) return std::nullopt;
    pb::PushResponse response;
    std::string error;
    if (!wire::from_json(reply.body, &response, &error)) return std::nullopt;
    return response;
}

std::optional<pb::PushResponse> decode_raw_push(const std::string& raw) {
    const auto responses = parse_responses(raw);
    if (responses.empty() || responses.front().status != 200 || !responses.front().complete) return std::nullopt;
    pb::PushResponse response;
    std::string error;
    if (!wire::from_json(responses.front().body, &response, &error)) return std::nullopt;
    return response;
}

namespace {

std::string percent_encode(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            static constexpr char hex[] = "0123456789ABCDEF";
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace

pb::PullResponse pull_page(HttpClient& client, const Account& account, const std::string& cursor, int limit) {
    // The cursor is opaque: it goes back percent-encoded.
    const auto reply =
        client.request("GET", "/api/v1/sync/pull?limit=" + std::to_string(limit) + "&cursor=" + percent_encode(cursor),
                       {}, {{"Authorization", bearer(account)}, {"Accept", json_type}});
    if (reply.status != 200)
        throw std::runtime_error("pull answered " + std::to_string(reply.status) + ": " + reply.body.substr(0, 500));
    auto response = read_json<pb::PullResponse>(reply.body, "pull answer");
    if (response.reset()) throw std::runtime_error("pull answered reset to the cursor '" + cursor + "'");
    return response;
}

void merge_page(Snapshot& snapshot, const pb::PullResponse& response) {
    ++snapshot.pages;
    if (response.has_model()) snapshot.model = response.model();
    if (response.has_user()) snapshot.user = response.user();
    for (const auto& unit : response.units()) snapshot.units.push_back(unit);
    for (const auto& employee : response.employees()) snapshot.employees.push_back(employee);
    for (const auto& id : response.deleted_ids()) {
        snapshot.observations.erase(id);
        snapshot.activities.erase(id);
    }
    for (const auto& observation : response.observations()) snapshot.observations[observation.id()] = observation;
    for (const auto& activity : response.activities()) snapshot.activities[activity.id()] = activity;
    snapshot.cursor = response.cursor();
}

void pull_since(HttpClient& client, const Account& account, Snapshot& snapshot, int limit, int max_pages) {
    for (int page = 0; page < max_pages; ++page) {
        const auto response = pull_page(client, account, snapshot.cursor, limit);
        merge_page(snapshot, response);
        if (!response.has_more()) return;
    }
    throw std::runtime_error("pull still had more after " + std::to_string(max_pages) + " pages");
}

Snapshot pull_all(HttpClient& client, const Account& account, int limit, int max_pages) {
    Snapshot snapshot;
    pull_since(client, account, snapshot, limit, max_pages);
    return snapshot;
}

std::vector<std::string> employees_in_scope(const Snapshot& snapshot) {
    std::set<std::string> scope(snapshot.user.unit_ids().begin(), snapshot.user.unit_ids().end());
    // Units arrive parents before or after children: grow the subtree until it stops changing (bounded by the
    // number of units).
    for (std::size_t round = 0; round <= snapshot.units.size(); ++round) {
        const auto before = scope.size();
        for (const auto& unit : snapshot.units)
            if (scope.contains(unit.parent_id())) scope.insert(unit.id());
        if (scope.size() == before) break;
    }
    std::vector<std::string> ids;
    for (const auto& employee : snapshot.employees)
        if (employee.active() && scope.contains(employee.unit_id())) ids.push_back(employee.id());
    return ids;
}

}  // namespace floorwalk::faults
