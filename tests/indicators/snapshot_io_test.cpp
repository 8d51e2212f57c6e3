// The snapshot byte format: values read back across part boundaries, and no damaged snapshot read to the end
// without an error.
#include "indicators/snapshot_io.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <deque>

using floorwalk::server::indicators::SnapshotChecksum;
using floorwalk::server::indicators::SnapshotError;
using floorwalk::server::indicators::SnapshotReader;
using floorwalk::server::indicators::SnapshotWriter;

namespace {

// A small snapshot of every kind of field, in parts of `part_size` bytes.
std::deque<std::string> write_parts(std::size_t part_size) {
    std::deque<std::string> parts;
    SnapshotWriter writer([&](std::string_view part) { parts.emplace_back(part); }, part_size);
    writer.value<std::uint32_t>(0x58495746);
    writer.values(std::vector<std::int64_t>{1, -2, 3'000'000'000'000LL});
    writer.text("Lille");
    writer.values(std::vector<std::int16_t>{4, 3, 2, 1, 0});
    writer.text("");
    writer.value<double>(0.5);
    writer.finish();
    return parts;
}

struct Fields {
    std::uint32_t magic = 0;
    std::vector<std::int64_t> times;
    std::string name;
    std::vector<std::int16_t> levels;
    std::string empty;
    double share = 0;
};

// Reads what write_parts wrote; throws SnapshotError on damage.
Fields read_back(std::deque<std::string> parts) {
    SnapshotReader reader([&]() -> std::optional<std::string> {
        if (parts.empty()) return std::nullopt;
        auto part = std::move(parts.front());
        parts.pop_front();
        return part;
    });
    Fields fields;
    fields.magic = reader.value<std::uint32_t>();
    reader.values(fields.times);
    fields.name = reader.text();
    reader.values(fields.levels);
    fields.empty = reader.text();
    fields.share = reader.value<double>();
    reader.finish();
    return fields;
}

std::string joined(const std::deque<std::string>& parts) {
    std::string bytes;
    for (const auto& part : parts) bytes += part;
    return bytes;
}

}  // namespace

TEST_CASE("a snapshot reads back whatever the size of its parts", "[indicators][snapshot]") {
    const auto whole = joined(write_parts(1u << 20));
    for (const std::size_t part_size : {1, 3, 7, 8, 64}) {
        INFO("parts of " << part_size << " bytes");
        const auto parts = write_parts(part_size);
        CHECK(parts.size() > 1);
        CHECK(joined(parts) == whole);  // the checksum does not depend on how the bytes were split
        const auto fields = read_back(parts);
        CHECK(fields.magic == 0x58495746);
        CHECK(fields.times == std::vector<std::int64_t>{1, -2, 3'000'000'000'000LL});
        CHECK(fields.name == "Lille");
        CHECK(fields.levels == std::vector<std::int16_t>{4, 3, 2, 1, 0});
        CHECK(fields.empty.empty());
        CHECK(fields.share == 0.5);
    }
    SnapshotWriter in_memory;
    in_memory.value<std::uint32_t>(0x58495746);
    in_memory.finish();
    SnapshotReader reader(in_memory.take());
    CHECK(reader.value<std::uint32_t>() == 0x58495746);
    reader.finish();
}

TEST_CASE("every flipped bit, cut or extra byte of a snapshot is an error, never a value", "[indicators][snapshot]") {
    const auto bytes = joined(write_parts(1u << 20));
    for (std::size_t bit = 0; bit < bytes.size() * 8; ++bit) {
        INFO("bit " << bit << " of " << bytes.size() * 8);
        auto damaged = bytes;
        damaged[bit / 8] = static_cast<char>(damaged[bit / 8] ^ (1 << (bit % 8)));
        // Parts of 5 bytes: the damage is found across part boundaries too.
        std::deque<std::string> parts;
        for (std::size_t i = 0; i < damaged.size(); i += 5) parts.push_back(damaged.substr(i, 5));
        CHECK_THROWS_AS(read_back(parts), SnapshotError);
    }
    for (std::size_t size = 0; size < bytes.size(); ++size) {
        INFO("cut to " << size << " bytes");
        CHECK_THROWS_AS(read_back({bytes.substr(0, size)}), SnapshotError);
    }
    CHECK_THROWS_AS(read_back({bytes, std::string(1, '\0')}), SnapshotError);
}

TEST_CASE("a count larger than the bytes that follow fails before anything is sized by it", "[indicators][snapshot]") {
    SnapshotWriter writer;
    writer.value<std::uint64_t>(std::uint64_t{1} << 26);  // 512 MiB of 8-byte values, below the field limit
    writer.value<std::int64_t>(7);
    writer.finish();
    SnapshotReader reader(writer.take());
    std::vector<std::int64_t> values;
    CHECK_THROWS_WITH(reader.values(values), "the snapshot is truncated");
    CHECK(values.capacity() == 0);
}

TEST_CASE("the checksum is the same however the bytes are split", "[indicators][snapshot]") {
    const std::string bytes = "floorwalk indicator snapshot checksum, 47 bytes";
    SnapshotChecksum whole;
    whole.update(bytes.data(), bytes.size());
    for (std::size_t step = 1; step < bytes.size(); ++step) {
        SnapshotChecksum split;
        for (std::size_t i = 0; i < bytes.size(); i += step) split.update(bytes.data() + i, std::min(step, bytes.size() - i));
        CHECK(split.value() == whole.value());
    }
    SnapshotChecksum longer = whole;
    longer.update("", 0);
    CHECK(longer.value() == whole.value());
    const char zero = 0;
    longer.update(&zero, 1);  // a zero byte more is another stream
    CHECK(longer.value() != whole.value());
}

// An organisation with no observation yet saves empty vectors, whose data() may be null: no byte is read from it
// (memcpy from a null pointer is undefined even for zero bytes; the asan preset's UBSan stops on it).
TEST_CASE("empty vectors and texts with no storage at all write and read back", "[indicators][snapshot]") {
    SnapshotWriter writer;
    writer.values(std::vector<std::int64_t>{});
    writer.text(std::string_view{});
    writer.values(std::vector<std::int16_t>{7});
    writer.finish();
    const auto bytes = writer.take();

    SnapshotReader reader(bytes);
    std::vector<std::int64_t> empty{1, 2};
    reader.values(empty);
    CHECK(empty.empty());
    CHECK(reader.text().empty());
    std::vector<std::int16_t> one;
    reader.values(one);
    CHECK(one == std::vector<std::int16_t>{7});
    CHECK_NOTHROW(reader.finish());

    SnapshotChecksum with_nothing;
    SnapshotChecksum with_null;
    with_null.update(nullptr, 0);
    CHECK(with_null.value() == with_nothing.value());
}
