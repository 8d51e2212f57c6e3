// The PostgreSQL engine's text work that needs no server: the shared SQL's "?N" parameters become "$N" only where
// they are parameters, and connection strings lose their password before they reach a message.
#include "database/postgres/postgres_connection.h"

#include <catch2/catch.hpp>

using floorwalk::server::db::Error;
using floorwalk::server::db::redact_postgres_url;
using floorwalk::server::db::to_postgres_sql;

TEST_CASE("numbered parameters become PostgreSQL's, in any order and repeated") {
    const auto sql = to_postgres_sql("SELECT a FROM t WHERE b = ?2 AND c > ?1 OR d = ?2 LIMIT ?10");
    CHECK(sql.text == "SELECT a FROM t WHERE b = $2 AND c > $1 OR d = $2 LIMIT $10");
    CHECK(sql.parameter_count == 10);
    CHECK(to_postgres_sql("SELECT 1").parameter_count == 0);
}

TEST_CASE("question marks in literals, quoted identifiers and comments are left alone") {
    const auto sql = to_postgres_sql(
        "SELECT 'it''s ?1', \"col ?2\" -- a comment ?3\n"
        ", ?1 /* block ?4 /* nested ?5 */ still ?6 */ FROM \"t\"\"?7\" WHERE x = ?2");
    CHECK(sql.text ==
          "SELECT 'it''s ?1', \"col ?2\" -- a comment ?3\n"
          ", $1 /* block ?4 /* nested ?5 */ still ?6 */ FROM \"t\"\"?7\" WHERE x = $2");
    CHECK(sql.parameter_count == 2);
    // A comment at the very end, without a newline.
    CHECK(to_postgres_sql("SELECT ?1 -- ?2").text == "SELECT $1 -- ?2");
}

TEST_CASE("a question mark without a number is refused with the place it is at") {
    CHECK_THROWS_WITH(to_postgres_sql("SELECT * FROM t WHERE a = ?"), Catch::Contains("unnumbered parameter") &&
                                                                          Catch::Contains("offset 26"));
    CHECK_THROWS_AS(to_postgres_sql("SELECT ?0"), Error);
}

TEST_CASE("URLs lose their password, wherever it is written") {
    CHECK(redact_postgres_url("postgresql://floorwalk:s3cret@db1:5432/floorwalk") ==
          "postgresql://floorwalk@db1:5432/floorwalk");
    CHECK(redact_postgres_url("postgres://u:p%40ss@h/db?sslmode=require&password=other&connect_timeout=5") ==
          "postgres://u@h/db?sslmode=require&connect_timeout=5");
    CHECK(redact_postgres_url("postgresql://db1/floorwalk?password=x") == "postgresql://db1/floorwalk");
    CHECK(redact_postgres_url("postgresql://u@h:1,h2:2/db") == "postgresql://u@h:1,h2:2/db");
    CHECK(redact_postgres_url("host=db1 port=5433 password='a b' dbname=floorwalk user=fw") ==
          "user=fw dbname=floorwalk host=db1 port=5433");
}
