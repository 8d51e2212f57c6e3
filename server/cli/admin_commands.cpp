// `floorwalk-server demo` and `floorwalk-server admin ...`: the same code paths as the admin HTTP endpoints.
#include "cli/commands.h"

#include "api/imports.h"
#include "auth/authenticator.h"
#include "auth/password.h"
#include "demo/demo_data.h"
#include "sync/sql_store.h"

#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <istream>
#include <ostream>
#include <sstream>

namespace floorwalk::server::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view demo_help = R"(Usage: floorwalk-server demo --data DIR | --database URL

Creates (or refreshes) the demo organisation "demo" in the data folder DIR (created when missing), or in the
PostgreSQL database at URL (postgresql://user@host:port/database): regions,
stores, employees, managers, directors, an HQ analyst, an admin, an experience model and six months of
observations and coaching. Prints the accounts to sign in with. Deterministic.
)";

constexpr std::string_view admin_help = R"(Usage: floorwalk-server admin COMMAND (--data DIR | --database URL) --organization ORG ...

Commands:
  init --admin USER --password-file FILE|-
        Creates the organisation ORG (when missing) and its first administrator.
  import {units|employees|users|model|kpis} FILE
        Imports a .csv or .json file (model: .json only) exactly as the admin HTTP endpoints do:
        every row is checked first, and nothing is written unless all rows are valid.
  reset-password --user USER --password-file FILE|-
        Sets a user's password.
  revoke-device --device ID [--sign-out-user]
        Revokes a device: its tokens stop working at once and it can no longer sign in. With --sign-out-user,
        the device's last user is also signed out on every other device.
  deactivate-user --user USER
        Switches a user off: their tokens stop working at once and they can no longer sign in.
  activate-user --user USER
        Switches a deactivated user back on (they sign in again with their password).

Passwords are read from the first line of FILE, or of standard input with "-"; never from the command line.
--database takes a postgresql:// URL; without --data or --database, the FLOORWALK_DATABASE environment variable
names it (a password in the URL then stays out of the process list; libpq's PGPASSWORD and ~/.pgpass work too).
Changes reach running servers at once: they follow the database.
)";

// The first line of the file (or of standard input for "-"), without its line end.
std::string read_password(const std::string& source, Console& console) {
    std::string password;
    if (source == "-") {
        if (!std::getline(console.in, password)) throw std::runtime_error("no password on standard input");
    } else {
        std::ifstream in(source);
        if (!in) throw std::runtime_error("cannot read the password file " + source);
        std::getline(in, password);
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.size() < min_password_length)
        throw std::runtime_error("the password must have at least " + std::to_string(min_password_length) +
                                 " characters");
    return password;
}

Organization find_organization(Store& store, const std::string& name) {
    auto organization = store.find_organization_by_name(name);
    if (!organization)
        throw std::runtime_error("no organisation named '" + name + "' in this database (see `admin init`)");
    return *organization;
}

int init(std::span<const std::string_view> args, Console& console) {
    const auto arguments = parse_or_throw(args, {{"data"}, {"database"}, {"organization"}, {"admin"}, {"password-file"}});
    if (arguments.has("help")) {
        console.out << admin_help;
        return exit_ok;
    }
    const auto location = store_location(arguments);
    const auto name = required(arguments, "organization");
    const auto username = required(arguments, "admin");
    const auto password = read_password(required(arguments, "password-file"), console);

    const auto store = open_store(location);
    const auto organization = store->create_organization(name);
    if (store->find_user_by_username(organization.id, username)) {
        console.err << "floorwalk-server: error: user '" << username << "' already exists in '" << name
                    << "'; use `admin reset-password` to change the password\n";
        return exit_failure;
    }
    UserImportRow row;
    row.user.username = username;
    row.user.display_name = username;
    row.user.role = Role::admin;
    row.password_hash = hash_password(password);
    const auto result = store->import_users(organization.id, {row});
    if (!result.errors.empty()) {
        for (const auto& error : result.errors)
            console.err << "floorwalk-server: error: " << error.field << ": " << error.message << '\n';
        return exit_failure;
    }
    console.out << "Organisation '" << organization.name << "' is ready; its administrator is '" << username
                << "'.\n";
    return exit_ok;
}

void print_row_errors(const std::vector<RowError>& errors, std::ostream& err) {
    for (const auto& error : errors) {
        err << "  " << (error.row > 0 ? "row " + std::to_string(error.row) : std::string("file"));
        if (!error.field.empty()) err << ", " << error.field;
        err << ": " << error.message << '\n';
    }
}

int import(std::span<const std::string_view> args, Console& console) {
    const auto arguments = parse_or_throw(args, {{"data"}, {"database"}, {"organization"}});
    if (arguments.has("help")) {
        console.out << admin_help;
        return exit_ok;
    }
    const auto& words = arguments.positionals();
    if (words.size() != 2) throw UsageError("admin import needs a kind (units, employees, users, model, kpis) and a FILE");
    const auto& kind_word = words[0];
    const fs::path file = words[1];
    const auto kind = parse_import_kind(kind_word);
    if (!kind)
        throw UsageError("unknown import kind '" + kind_word + "': use units, employees, users, model or kpis");
    const auto media_type = media_type_for_file(file);
    if (media_type.empty()) throw UsageError("the file must end in .csv, .json or .pb: " + file.string());
    const auto location = store_location(arguments);
    const auto name = required(arguments, "organization");

    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::ostringstream body;
    body << in.rdbuf();

    const auto store = open_existing_store(location);
    const auto organization = find_organization(*store, name);
    const auto outcome = run_import(*store, organization.id, *kind, media_type, body.str());
    switch (outcome.status) {
        case ImportOutcome::Status::applied:
            if (*kind == ImportKind::model)
                console.out << "Stored the model as version " << outcome.applied << " of '" << organization.name
                            << "'.\n";
            else
                console.out << "Imported " << outcome.applied << ' ' << kind_word << " into '" << organization.name
                            << "'.\n";
            return exit_ok;
        case ImportOutcome::Status::invalid_rows:
            console.err << "floorwalk-server: error: nothing was imported from " << file.string() << ":\n";
            print_row_errors(outcome.errors, console.err);
            return exit_failure;
        case ImportOutcome::Status::malformed:
        case ImportOutcome::Status::unsupported_media_type:
            console.err << "floorwalk-server: error: " << file.string() << ": " << outcome.message << '\n';
            return exit_failure;
    }
    return exit_failure;
}

int reset_password(std::span<const std::string_view> args, Console& console) {
    const auto arguments = parse_or_throw(args, {{"data"}, {"database"}, {"organization"}, {"user"}, {"password-file"}});
    if (arguments.has("help")) {
        console.out << admin_help;
        return exit_ok;
    }
    const auto location = store_location(arguments);
    const auto name = required(arguments, "organization");
    const auto username = required(arguments, "user");
    const auto password = read_password(required(arguments, "password-file"), console);
    const auto store = open_existing_store(location);
    const auto organization = find_organization(*store, name);
    const auto user = store->find_user_by_username(organization.id, username);
    if (!user || !store->set_password_hash(organization.id, user->user.id, hash_password(password))) {
        console.err << "floorwalk-server: error: no user '" << username << "' in '" << name << "'\n";
        return exit_failure;
    }
    console.out << "The password of '" << username << "' is changed; the user is signed out on every device.\n";
    return exit_ok;
}

int revoke_device(std::span<const std::string_view> args, Console& console) {
    const auto arguments = parse_or_throw(args, {{"data"}, {"database"}, {"organization"}, {"device"}, {"sign-out-user", false}});
    if (arguments.has("help")) {
        console.out << admin_help;
        return exit_ok;
    }
    const auto location = store_location(arguments);
    const auto name = required(arguments, "organization");
    const auto device = required(arguments, "device");
    const auto store = open_existing_store(location);
    const auto organization = find_organization(*store, name);
    if (!store->revoke_device(organization.id, device)) {
        console.err << "floorwalk-server: error: no device '" << device << "' has signed in to '" << name << "'\n";
        return exit_failure;
    }
    console.out << "Device '" << device << "' is revoked: its tokens no longer work.\n";
    if (arguments.has("sign-out-user")) {
        if (const auto record = store->find_device(organization.id, device)) {
            static_cast<void>(store->sign_out_user(organization.id, record->user_id));
            console.out << "Its user '" << record->username << "' is signed out on every device.\n";
        }
    }
    return exit_ok;
}

int set_user_active(std::span<const std::string_view> args, Console& console, bool active) {
    const auto arguments = parse_or_throw(args, {{"data"}, {"database"}, {"organization"}, {"user"}});
    if (arguments.has("help")) {
        console.out << admin_help;
        return exit_ok;
    }
    const auto location = store_location(arguments);
    const auto name = required(arguments, "organization");
    const auto username = required(arguments, "user");
    const auto store = open_existing_store(location);
    const auto organization = find_organization(*store, name);
    const auto user = store->find_user_by_username(organization.id, username);
    if (!user || !store->set_user_active(organization.id, user->user.id, active)) {
        console.err << "floorwalk-server: error: no user '" << username << "' in '" << name << "'\n";
        return exit_failure;
    }
    console.out << (active ? "'" + username + "' is active again and can sign in.\n"
                           : "'" + username + "' is deactivated: signed out on every device, and cannot sign in.\n");
    return exit_ok;
}

}  // namespace

StoreLocation store_location(const Arguments& arguments) {
    StoreLocation location;
    if (auto url = arguments.value("database")) location.database_url = *url;
    if (auto data = arguments.value("data")) location.data_dir = *data;
    if (!location.database_url.empty() && !location.data_dir.empty())
        throw UsageError("--data and --database name two places: give one (--data DIR for SQLite, --database "
                         "postgresql://... for PostgreSQL)");
    if (location.database_url.empty() && location.data_dir.empty()) {
        if (const char* url = std::getenv("FLOORWALK_DATABASE"); url != nullptr && *url != '\0')
            location.database_url = url;
        else
            throw UsageError("--data DIR (SQLite) or --database postgresql://... (PostgreSQL) is required");
    }
    if (location.is_postgresql() && !location.database_url.starts_with("postgresql://") &&
        !location.database_url.starts_with("postgres://"))
        throw UsageError("--database takes a postgresql:// URL (e.g. postgresql://floorwalk@db1:5432/floorwalk)");
    return location;
}

std::unique_ptr<Store> open_existing_store(const StoreLocation& location) {
    if (!location.is_postgresql()) {
        std::error_code ec;
        if (!fs::exists(database_path(location.data_dir), ec))
            throw std::runtime_error("no Floorwalk database in " + location.data_dir.string() +
                                     " (create one with `admin init` or `demo`)");
    }
    return open_store(location);
}

int demo_command(std::span<const std::string_view> args, Console& console) {
    const auto arguments = parse_or_throw(args, {{"data"}, {"database"}});
    if (arguments.has("help")) {
        console.out << demo_help;
        return exit_ok;
    }
    if (!arguments.positionals().empty())
        throw UsageError("unexpected argument '" + arguments.positionals().front() + "'");
    const auto store = open_store(store_location(arguments));
    const auto summary = create_demo(*store, system_now());
    console.out << "Demo organisation '" << summary.organization << "': " << summary.units << " units, "
                << summary.employees << " employees, " << summary.observations << " observations, "
                << summary.activities << " coaching activities.\n"
                << "Sign in with organisation '" << summary.organization << "' and one of these accounts:\n";
    std::size_t width = 8;
    for (const auto& account : summary.accounts) width = std::max(width, account.username.size());
    for (const auto& account : summary.accounts) {
        std::string role(to_string(account.role));
        for (auto& c : role) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        console.out << "  " << std::left << std::setw(static_cast<int>(width)) << account.username << "  "
                    << std::setw(14) << account.password << "  " << std::setw(8) << role << "  "
                    << account.description << '\n';
    }
    return exit_ok;
}

int admin_command(std::span<const std::string_view> args, Console& console) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        console.out << admin_help;
        return args.empty() ? exit_usage : exit_ok;
    }
    const auto command = args[0];
    const auto rest = args.subspan(1);
    if (command == "init") return init(rest, console);
    if (command == "import") return import(rest, console);
    if (command == "reset-password") return reset_password(rest, console);
    if (command == "revoke-device") return revoke_device(rest, console);
    if (command == "deactivate-user") return set_user_active(rest, console, false);
    if (command == "activate-user") return set_user_active(rest, console, true);
    throw UsageError("unknown admin command '" + std::string(command) + "'");
}

}  // namespace floorwalk::server::cli
