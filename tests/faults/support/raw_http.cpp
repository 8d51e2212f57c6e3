#include "support/raw_http.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace floorwalk::faults {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

std::string RawResponse::field(std::string_view name) const {
    const auto wanted = "\r\n" + lower(name) + ":";
    const auto text = lower(header);
    const auto at = text.find(wanted);
    if (at == std::string::npos) return {};
    auto start = at + wanted.size();
    const auto end = header.find("\r\n", start);
    while (start < header.size() && header[start] == ' ') ++start;
    return header.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::vector<RawResponse> parse_responses(std::string_view raw, const std::vector<std::string>& methods) {
    std::vector<RawResponse> responses;
    // Bounded by the input: each round consumes at least a status line.
    while (raw.starts_with("HTTP/1.") && raw.size() >= 12) {
        RawResponse response;
        std::from_chars(raw.data() + 9, raw.data() + 12, response.status);
        const auto end_of_header = raw.find("\r\n\r\n");
        if (end_of_header == std::string_view::npos) {
            response.header = std::string(raw);
            responses.push_back(std::move(response));
            break;
        }
        response.header = std::string(raw.substr(0, end_of_header + 2));
        raw.remove_prefix(end_of_header + 4);
        std::size_t length = 0;
        const auto declared = response.field("Content-Length");
        std::from_chars(declared.data(), declared.data() + declared.size(), length);
        // 1xx answers carry no body, nor does the answer to a HEAD. (A 1xx precedes the final answer to the same
        // request, so it does not count as one.)
        const auto answered = static_cast<std::size_t>(
            std::count_if(responses.begin(), responses.end(), [](const RawResponse& r) { return r.status >= 200; }));
        if (response.status < 200 || (answered < methods.size() && methods[answered] == "HEAD")) length = 0;
        response.body = std::string(raw.substr(0, length));
        response.complete = raw.size() >= length;
        raw.remove_prefix(std::min(length, raw.size()));
        responses.push_back(std::move(response));
    }
    return responses;
}

}  // namespace floorwalk::faults
