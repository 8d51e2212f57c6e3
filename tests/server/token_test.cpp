#include "auth/token.h"

#include <catch2/catch.hpp>

#include <set>

using namespace floorwalk::server;

TEST_CASE("tokens are 43 base64url characters, all different") {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const auto token = generate_token();
        REQUIRE(token.size() == token_text_length);
        REQUIRE(is_token_shaped(token));
        seen.insert(token);
    }
    CHECK(seen.size() == 200);
}

TEST_CASE("only the shape of an issued token passes the shape check") {
    CHECK_FALSE(is_token_shaped(""));
    CHECK_FALSE(is_token_shaped(std::string(42, 'a')));
    CHECK_FALSE(is_token_shaped(std::string(44, 'a')));
    CHECK_FALSE(is_token_shaped(std::string(42, 'a') + "="));
    CHECK_FALSE(is_token_shaped(std::string(42, 'a') + "+"));
    CHECK(is_token_shaped(std::string(41, 'a') + "-_"));
}

TEST_CASE("a token is stored as the hex SHA-256 of its text") {
    // SHA-256("abc"), FIPS 180-2 test vector.
    CHECK(hash_token("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const auto token = generate_token();
    CHECK(hash_token(token) == hash_token(token));
    CHECK(hash_token(token).size() == 64);
    CHECK(hash_token(token) != hash_token(generate_token()));
}
