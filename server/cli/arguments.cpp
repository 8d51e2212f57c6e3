#include "cli/arguments.h"

#include <algorithm>

namespace floorwalk::server::cli {

std::optional<Arguments> Arguments::parse(std::span<const std::string_view> args,
                                          std::initializer_list<OptionSpec> specs, std::string* error) {
    Arguments parsed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto arg = args[i];
        if (arg == "-h" || arg == "--help") {
            parsed.options_["help"] = "";
            continue;
        }
        if (!arg.starts_with("--") || arg == "--") {
            parsed.positionals_.emplace_back(arg);
            continue;
        }
        auto name = arg.substr(2);
        std::optional<std::string_view> inline_value;
        if (const auto equals = name.find('='); equals != std::string_view::npos) {
            inline_value = name.substr(equals + 1);
            name = name.substr(0, equals);
        }
        const auto spec = std::ranges::find(specs, name, &OptionSpec::name);
        if (spec == specs.end()) {
            *error = "unknown option --" + std::string(name);
            return std::nullopt;
        }
        if (parsed.options_.contains(std::string(name))) {
            *error = "option --" + std::string(name) + " is given twice";
            return std::nullopt;
        }
        std::string value;
        if (spec->takes_value) {
            if (inline_value) {
                value = *inline_value;
            } else if (i + 1 < args.size() && (!args[i + 1].starts_with("--") || args[i + 1] == "-")) {
                value = args[++i];
            } else {
                *error = "option --" + std::string(name) + " needs a value";
                return std::nullopt;
            }
        } else if (inline_value) {
            *error = "option --" + std::string(name) + " takes no value";
            return std::nullopt;
        }
        parsed.options_.emplace(std::string(name), std::move(value));
    }
    return parsed;
}

std::optional<std::string> Arguments::value(std::string_view name) const {
    const auto it = options_.find(std::string(name));
    if (it == options_.end()) return std::nullopt;
    return it->second;
}

}  // namespace floorwalk::server::cli
