#include "database/database.h"

#include <cstdio>

namespace floorwalk::server::db {

std::string Connection::id_list(int parameter) const {
    const auto n = std::to_string(parameter);
    // Both engines read JSON arrays natively; one text parameter carries any number of ids.
    if (backend() == Backend::postgresql) return "SELECT value FROM json_array_elements_text(?" + n + "::json) AS t(value)";
    return "SELECT value FROM json_each(?" + n + ")";
}

std::string_view Connection::insertion_order() const {
    return backend() == Backend::postgresql ? "ordinal" : "rowid";
}

std::string_view Connection::for_update() const { return backend() == Backend::postgresql ? " FOR UPDATE" : ""; }

std::string json_string_array(const std::vector<std::string>& values) {
    std::string json = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) json += ',';
        json += '"';
        for (const char c : values[i]) {
            switch (c) {
                case '"': json += "\\\""; break;
                case '\\': json += "\\\\"; break;
                default:
                    if (static_cast<unsigned char>(c) < 0x20) {
                        char escaped[8];
                        std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
                        json += escaped;
                    } else {
                        json += c;
                    }
            }
        }
        json += '"';
    }
    return json + "]";
}

bool is_unique_violation(const Error& error) {
    // SQLite: SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555); PostgreSQL: 23505.
    return error.code() == "2067" || error.code() == "1555" || error.code() == "23505";
}

}  // namespace floorwalk::server::db
