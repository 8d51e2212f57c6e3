// Ingest: push batches through the real HTTP endpoint of one or more server processes, or write them raw.
#pragma once

#include "bench_organization.h"
#include "raw_database.h"

#include <string>
#include <vector>

namespace floorwalk::bench {

// Signs `username` in (JSON login) through the server on `port`; returns the bearer token. Tokens live in the
// database, so a token from one server is good on every server sharing it.
[[nodiscard]] std::string login(unsigned short port, const std::string& username);

// Pushes batches [first, end) (generated for `total` observations) with `clients` concurrent keep-alive
// connections, client c talking to ports[c % ports.size()]; each batch as the manager of its store (tokens[store]).
// Every observation must come back ACCEPTED or DUPLICATE. Returns the wall time in seconds.
double ingest_http(const BenchOrganization& organization, long long first, long long end, long long total,
                   const std::vector<unsigned short>& ports, const std::vector<std::string>& tokens, int clients);

// Writes batches [first, end) with `raw`; returns the seconds it took.
double ingest_raw(RawWriter& raw, const BenchOrganization& organization, long long first, long long end,
                  long long total, Timestamp now);

}  // namespace floorwalk::bench
