// Command-line options of floorwalk-bench-load; defaults are the full scale of the load item of issue 12.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>

namespace floorwalk::bench {

struct LoadOptions {
    int phones = 200;          // simulated phones pushing and pulling
    int slow = 500;            // idle or slowloris connections held open (half each)
    int readers = 4;           // HQ readers of /indicators and the series
    std::chrono::seconds seconds{60};           // the loaded phase
    std::chrono::seconds baseline_seconds{15};  // the normal client alone, before it
    long long preload = 20'000;  // observations pushed before the phases, so that indicators have data
    int phone_batch = 5;         // new observations per push
    std::chrono::milliseconds phone_think{500};   // mean pause of a phone between two syncs
    std::chrono::milliseconds reader_think{500};  // mean pause of an HQ reader between two reads
    std::chrono::milliseconds normal_think{200};  // pause of the normal client between two rounds
    std::chrono::milliseconds slow_interval{3'000};  // a slowloris connection sends one header byte this often
    std::chrono::milliseconds request_timeout{10'000};  // one request (connect, write, read) gives up after this
    int client_threads = 2;  // threads running the load's io_context (the normal client has its own)
    int server_threads = 0;  // --threads of the server; 0: its default
    bool postgres = false;   // a throw-away PostgreSQL cluster instead of SQLite
    std::uint64_t seed = 20261208;
    std::filesystem::path data;  // empty: a temporary folder, removed at the end
    bool keep = false;
    std::filesystem::path server_binary;
    std::filesystem::path cluster_script;
};

// Parses argv; throws std::invalid_argument naming the option. `help` is set for --help.
[[nodiscard]] LoadOptions parse_load_options(int argc, char** argv, bool* help);
[[nodiscard]] const char* load_usage();

}  // namespace floorwalk::bench
