// The byte format of an organisation's indicator snapshot: plain values, vectors of plain values and strings,
// written in the machine's own byte order (a snapshot is read back by the same build on the same kind of machine:
// its header names the format and the byte order, and anything else is rebuilt from the database).
//
// Both ends stream: a writer hands its bytes to a sink in parts of a few MiB as it goes, and a reader asks for the
// next part when it needs more, so a snapshot of hundreds of MiB is never held whole beside the state it is of.
// A reader never reads past its bytes: a truncated or corrupt snapshot throws SnapshotError, and the caller
// rebuilds the state from the database instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
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
    using Sink = std::function<void(std::string_view part)>;

    // Without a sink the bytes stay in the writer (take()); with one, they go out in parts of `part_size` bytes.
    SnapshotWriter() = default;
    explicit SnapshotWriter(Sink sink, std::size_t part_size = 4u << 20)
        : sink_(std::move(sink)), part_size_(part_size) {}

    template <typename T>
    void value(const T& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    template <typename T>
    void values(const std::vector<T>& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        value<std::uint64_t>(v.size());
        append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    }
    void text(std::string_view s) {
        value<std::uint64_t>(s.size());
        append(s.data(), s.size());
    }
    // Hands what is left to the sink.
    void finish() {
        if (sink_ && !out_.empty()) sink_(out_);
        out_.clear();
    }
    [[nodiscard]] std::string take() { return std::move(out_); }

private:
    void append(const char* bytes, std::size_t size) {
        out_.append(bytes, size);
        if (sink_ && out_.size() >= part_size_) {
            sink_(out_);
            out_.clear();
        }
    }

    Sink sink_;
    std::size_t part_size_ = 0;
    std::string out_;
};

class SnapshotReader {
public:
    using Source = std::function<std::optional<std::string>()>;

    explicit SnapshotReader(std::string_view bytes) : buffer_(bytes) {}
    // Reads the parts `source` gives, one after the other, until it answers nullopt.
    explicit SnapshotReader(Source source) : source_(std::move(source)) {}

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
        if (count > max_field_bytes / sizeof(T)) throw SnapshotError("the snapshot holds an impossible size");
        v.resize(count);
        if (count > 0) std::memcpy(v.data(), take(count * sizeof(T)), count * sizeof(T));
    }
    [[nodiscard]] std::string text() {
        const auto size = value<std::uint64_t>();
        if (size > max_field_bytes) throw SnapshotError("the snapshot holds an impossible size");
        return std::string(take(size), size);
    }
    // True when every byte has been read and the source has no more.
    [[nodiscard]] bool done() {
        if (position_ < buffer_.size()) return false;
        return !fill(1);
    }

private:
    // No field of a snapshot comes near this: a larger count is corruption, not data.
    static constexpr std::size_t max_field_bytes = std::size_t{1} << 30;

    // Makes `size` more bytes available from position_ on; false when the source runs out first.
    bool fill(std::size_t size) {
        while (buffer_.size() - position_ < size) {
            if (!source_) return false;
            auto part = source_();
            if (!part) {
                source_ = nullptr;
                return false;
            }
            buffer_.erase(0, position_);
            position_ = 0;
            buffer_.append(*part);
        }
        return true;
    }
    const char* take(std::size_t size) {
        if (!fill(size)) throw SnapshotError("the snapshot is truncated");
        const char* at = buffer_.data() + position_;
        position_ += size;
        return at;
    }

    Source source_;
    std::string buffer_;
    std::size_t position_ = 0;
};

}  // namespace floorwalk::server::indicators
