// The byte format of an organisation's indicator snapshot: plain values, vectors of plain values and strings,
// written in the machine's own byte order (a snapshot is read back by the same build on the same kind of machine:
// its header names the format and the byte order, and anything else is rebuilt from the database).
//
// A Reader never reads past its bytes: a truncated or corrupt snapshot throws SnapshotError, and the caller
// rebuilds the state from the database instead.
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace floorwalk::server::indicators {

class SnapshotError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class SnapshotWriter {
public:
    template <typename T>
    void value(const T& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        const auto* bytes = reinterpret_cast<const char*>(&v);
        out_.append(bytes, sizeof v);
    }
    template <typename T>
    void values(const std::vector<T>& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        value<std::uint64_t>(v.size());
        out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    }
    void text(std::string_view s) {
        value<std::uint64_t>(s.size());
        out_.append(s.data(), s.size());
    }
    [[nodiscard]] std::string take() { return std::move(out_); }

private:
    std::string out_;
};

class SnapshotReader {
public:
    explicit SnapshotReader(std::string_view bytes) : bytes_(bytes) {}

    template <typename T>
    [[nodiscard]] T value() {
        static_assert(std::is_trivially_copyable_v<T>);
        T v;
        std::memcpy(&v, take(sizeof v), sizeof v);
        return v;
    }
    template <typename T>
    void values(std::vector<T>& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        const auto count = value<std::uint64_t>();
        if (count > (bytes_.size() - position_) / sizeof(T)) throw SnapshotError("the snapshot is truncated");
        v.resize(count);
        if (count > 0) std::memcpy(v.data(), take(count * sizeof(T)), count * sizeof(T));
    }
    [[nodiscard]] std::string text() {
        const auto size = value<std::uint64_t>();
        if (size > bytes_.size() - position_) throw SnapshotError("the snapshot is truncated");
        return std::string(take(size), size);
    }
    [[nodiscard]] bool done() const { return position_ == bytes_.size(); }

private:
    const char* take(std::size_t size) {
        if (size > bytes_.size() - position_) throw SnapshotError("the snapshot is truncated");
        const char* at = bytes_.data() + position_;
        position_ += size;
        return at;
    }

    std::string_view bytes_;
    std::size_t position_ = 0;
};

}  // namespace floorwalk::server::indicators
