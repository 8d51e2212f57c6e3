#include "cli/cli.h"

#include "cli/commands.h"

#include <exception>
#include <ostream>

namespace floorwalk::server::cli {
namespace {

constexpr std::string_view usage = R"(floorwalk-server: the Floorwalk sync server.

Usage:
  floorwalk-server serve (--data DIR | --database URL) [--listen 127.0.0.1:8080] [--threads N] [--tls-cert F --tls-key F]
                         [--web DIR] [--token-ttl-days N] [--read-replica URL [--replica-wait MS]]
  floorwalk-server demo (--data DIR | --database URL)
  floorwalk-server admin init (--data DIR | --database URL) --organization ORG --admin USER --password-file FILE|-
  floorwalk-server admin import {units|employees|users|model|kpis} (--data DIR | --database URL) --organization ORG FILE
  floorwalk-server admin reset-password (--data DIR | --database URL) --organization ORG --user USER --password-file FILE|-
  floorwalk-server admin revoke-device (--data DIR | --database URL) --organization ORG --device ID [--sign-out-user]
  floorwalk-server admin deactivate-user|activate-user (--data DIR | --database URL) --organization ORG --user USER

Run "floorwalk-server COMMAND --help" for the details of a command.
)";

}  // namespace

Arguments parse_or_throw(std::span<const std::string_view> args, std::initializer_list<OptionSpec> specs) {
    std::string error;
    auto arguments = Arguments::parse(args, specs, &error);
    if (!arguments) throw UsageError(error);
    return std::move(*arguments);
}

std::string required(const Arguments& arguments, std::string_view name) {
    auto value = arguments.value(name);
    if (!value || value->empty()) throw UsageError("option --" + std::string(name) + " is required");
    return *value;
}

int run_cli(std::span<const std::string_view> args, Console console) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        console.out << usage;
        return args.empty() ? exit_usage : exit_ok;
    }
    const auto command = args[0];
    const auto rest = args.subspan(1);
    try {
        if (command == "serve") return serve_command(rest, console);
        if (command == "demo") return demo_command(rest, console);
        if (command == "admin") return admin_command(rest, console);
        throw UsageError("unknown command '" + std::string(command) + "'");
    } catch (const UsageError& error) {
        console.err << "floorwalk-server: " << error.what() << "\nRun \"floorwalk-server "
                    << (command == "serve" || command == "demo" || command == "admin" ? std::string(command) + " "
                                                                                         : std::string())
                    << "--help\" for usage.\n";
        return exit_usage;
    } catch (const std::exception& error) {
        console.err << "floorwalk-server: error: " << error.what() << '\n';
        return exit_failure;
    }
}

}  // namespace floorwalk::server::cli
