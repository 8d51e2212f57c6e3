// A small command-line parser: "--name value", "--name=value", flags, and positional words.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace floorwalk::server::cli {

struct OptionSpec {
    std::string_view name;  // without the leading "--"
    bool takes_value = true;
};

class Arguments {
public:
    // Parses `args` against `specs` ("help" is always known). nullopt with `error` set on an unknown option, a
    // missing value or an option given twice.
    [[nodiscard]] static std::optional<Arguments> parse(std::span<const std::string_view> args,
                                                        std::initializer_list<OptionSpec> specs, std::string* error);

    [[nodiscard]] bool has(std::string_view name) const { return options_.contains(std::string(name)); }
    [[nodiscard]] std::optional<std::string> value(std::string_view name) const;
    [[nodiscard]] const std::vector<std::string>& positionals() const { return positionals_; }

private:
    std::map<std::string, std::string> options_;
    std::vector<std::string> positionals_;
};

}  // namespace floorwalk::server::cli
