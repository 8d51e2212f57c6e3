// The byte format of an organisation's indicator snapshot: plain values, vectors of plain values and strings,
// written in the machine's own byte order (a snapshot is read back by the same build on the same kind of machine:
// its header names the format and the byte order, and anything else is rebuilt from the database), and closed by
// a checksum of every byte before it.
//
// Both ends stream: a writer hands its bytes to a sink in parts of a few MiB as it goes, and a reader asks for the
// next part when it needs more, so a snapshot of hundreds of MiB is never held whole beside the state it is of.
// A reader never reads past its bytes, and never sizes a vector beyond the bytes it has read: a truncated or
// corrupt snapshot throws SnapshotError (at the latest at finish(), which checks the checksum), and the caller
// rebuilds the state from the database instead. Damage that happens to parse (a flipped bit in a level or a time)
// is caught by the checksum alone.
#pragma once

#include <algorithm>
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

// A checksum of a stream of bytes, the same however the stream is split into calls: 64-bit words through an
// invertible mix, so that a change within one word always changes it, and wider damage goes unseen with a chance of
// one in 2^64. It guards against damaged or mixed-up bytes, not against forgery (whoever can write the snapshot
// tables can write the records too).
class SnapshotChecksum {
public:
    void update(const char* bytes, std::size_t size) {
        // An empty vector's data() may be null, and memcpy from null is undefined even for zero bytes.
        if (size == 0) return;
        length_ += size;
        if (pending_size_ > 0) {
            const auto n = std::min(size, sizeof pending_ - pending_size_);
            std::memcpy(pending_ + pending_size_, bytes, n);
            pending_size_ += n;
            bytes += n;
            size -= n;
            if (pending_size_ < sizeof pending_) return;
            mix(word(pending_));
            pending_size_ = 0;
        }
        for (; size >= sizeof pending_; bytes += sizeof pending_, size -= sizeof pending_) mix(word(bytes));
        std::memcpy(pending_, bytes, size);
        pending_size_ = size;
    }
    [[nodiscard]] std::uint64_t value() const {
        SnapshotChecksum last = *this;
        char tail[sizeof pending_] = {};
        std::memcpy(tail, pending_, pending_size_);
        last.mix(word(tail));
        last.mix(length_);  // bytes added or removed at the end change it too
        return last.state_;
    }

private:
    static std::uint64_t word(const char* bytes) {
        std::uint64_t w;
        std::memcpy(&w, bytes, sizeof w);
        return w;
    }
    void mix(std::uint64_t w) {
        state_ = (state_ ^ w) * 0x9e3779b97f4a7c15ULL;
        state_ ^= state_ >> 29;
    }

    std::uint64_t state_ = 0x46574958534e4150ULL;
    std::uint64_t length_ = 0;
    char pending_[8] = {};
    std::size_t pending_size_ = 0;
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
    // Closes the snapshot with the checksum of its bytes and hands what is left to the sink (without one, take()
    // answers the whole snapshot).
    void finish() {
        const auto checksum = checksum_.value();
        out_.append(reinterpret_cast<const char*>(&checksum), sizeof checksum);
        if (sink_) {
            sink_(out_);
            out_.clear();
        }
    }
    [[nodiscard]] std::string take() { return std::move(out_); }

private:
    void append(const char* bytes, std::size_t size) {
        checksum_.update(bytes, size);
        out_.append(bytes, size);
        if (sink_ && out_.size() >= part_size_) {
            sink_(out_);
            out_.clear();
        }
    }

    Sink sink_;
    std::size_t part_size_ = 0;
    std::string out_;
    SnapshotChecksum checksum_;
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
        // The bytes first: a damaged count fails here rather than size the vector beyond what the snapshot holds.
        const char* bytes = take(count * sizeof(T));
        v.resize(count);
        if (count > 0) std::memcpy(v.data(), bytes, count * sizeof(T));
    }
    [[nodiscard]] std::string text() {
        const auto size = value<std::uint64_t>();
        if (size > max_field_bytes) throw SnapshotError("the snapshot holds an impossible size");
        return std::string(take(size), size);
    }
    // Reads the checksum that closes the snapshot and checks it against every byte read, and that nothing
    // follows it; throws SnapshotError otherwise. Until this returns, nothing read may be trusted.
    void finish() {
        const auto expected = checksum_.value();
        std::uint64_t stored = 0;
        if (!fill(sizeof stored)) throw SnapshotError("the snapshot is truncated");
        std::memcpy(&stored, buffer_.data() + position_, sizeof stored);
        position_ += sizeof stored;
        if (stored != expected) throw SnapshotError("the snapshot's checksum does not match its bytes");
        if (position_ < buffer_.size() || fill(1)) throw SnapshotError("the snapshot has bytes past its end");
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
        checksum_.update(at, size);
        return at;
    }

    Source source_;
    std::string buffer_;
    std::size_t position_ = 0;
    SnapshotChecksum checksum_;
};

}  // namespace floorwalk::server::indicators
