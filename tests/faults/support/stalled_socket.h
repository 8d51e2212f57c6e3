// A client that sends requests and never reads the answers, with a receive buffer made as small as the kernel
// allows, so that the server's writes to it stall at once. Plain POSIX sockets: nothing to hide.
#pragma once

#include <chrono>
#include <string_view>

namespace floorwalk::faults {

class StalledSocket {
public:
    // Connects to 127.0.0.1:port; throws std::runtime_error when it cannot.
    explicit StalledSocket(unsigned short port, int receive_buffer_bytes = 4096);
    ~StalledSocket();
    StalledSocket(const StalledSocket&) = delete;
    StalledSocket& operator=(const StalledSocket&) = delete;

    // Writes every byte within `limit`; false when the peer closed or the time ran out.
    bool send_all(std::string_view bytes, std::chrono::milliseconds limit = std::chrono::seconds(5));

private:
    int fd_ = -1;
};

}  // namespace floorwalk::faults
