#include "floorwalk/json_screen.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace floorwalk::json {
namespace {

constexpr std::size_t shown_name_bytes = 64;  // longer member names are cut in messages

// One open array or object.
struct Frame {
    bool object = false;
    std::size_t count = 0;  // members or elements begun so far
    std::string member;     // an object's current member name, unescaped
    // An object's member names as compared (folded when asked) -> the name as sent first, for the message.
    std::unordered_map<std::string, std::string> names;
};

bool is_identifier(std::string_view name) {
    if (name.empty()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
    }
    return true;
}

// A member name as a message shows it: quoted, control bytes escaped, cut at a UTF-8 boundary when long.
std::string quoted(std::string_view name) {
    std::string out = "\"";
    std::size_t shown = 0;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (shown >= shown_name_bytes && (c & 0xC0) != 0x80) {
            out += "...";
            break;
        }
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7F) {
            static constexpr char hex[] = "0123456789abcdef";
            out += std::string("\\u00") + hex[c >> 4] + hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
        ++shown;
    }
    return out + "\"";
}

void append_utf8(std::uint32_t code_point, std::string* out) {
    if (code_point < 0x80) {
        *out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        *out += static_cast<char>(0xC0 | (code_point >> 6));
        *out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        *out += static_cast<char>(0xE0 | (code_point >> 12));
        *out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        *out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        *out += static_cast<char>(0xF0 | (code_point >> 18));
        *out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        *out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        *out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

class Screen {
public:
    Screen(std::string_view text, const ScreenLimits& limits) : text_(text), limits_(limits) {}

    std::optional<ScreenRefusal> run() {
        skip_whitespace();
        if (at_end()) return syntax(text_.empty() ? "the JSON text is empty" : "the JSON text holds no value");
        enum class Next { value, member, after_value };
        Next next = Next::value;
        for (;;) {
            if (refusal_) return refusal_;
            switch (next) {
                case Next::value: {
                    const char c = peek();
                    if (c == '{' || c == '[') {
                        if (stack_.size() >= limits_.max_depth)
                            return refuse(ScreenFailure::too_deep,
                                          "arrays and objects are nested more than " +
                                              std::to_string(limits_.max_depth) + " levels deep, at " +
                                              (stack_.empty() ? std::string("the top level") : path(true)) + ": the limit is " +
                                              std::to_string(limits_.max_depth) + " levels");
                        ++pos_;
                        stack_.push_back(Frame{.object = c == '{'});
                        skip_whitespace();
                        if (peek() == (c == '{' ? '}' : ']')) {
                            ++pos_;
                            stack_.pop_back();
                            next = Next::after_value;
                        } else if (c == '{') {
                            next = Next::member;
                        } else {
                            begin_element();
                            next = Next::value;
                        }
                        break;
                    }
                    scalar();
                    next = Next::after_value;
                    break;
                }
                case Next::member: {
                    if (peek() != '"') return syntax("expected a member name in double quotes");
                    std::string name;
                    if (!string(&name)) break;
                    if (!begin_member(std::move(name))) break;
                    skip_whitespace();
                    if (peek() != ':') return syntax("expected ':' after the member name");
                    ++pos_;
                    skip_whitespace();
                    next = Next::value;
                    break;
                }
                case Next::after_value: {
                    skip_whitespace();
                    if (stack_.empty()) {
                        if (!at_end()) return syntax("unexpected text after the JSON value");
                        return std::nullopt;
                    }
                    const bool object = stack_.back().object;
                    const char c = peek();
                    if (c == ',') {
                        ++pos_;
                        skip_whitespace();
                        if (object) {
                            next = Next::member;
                        } else {
                            begin_element();
                            next = Next::value;
                        }
                    } else if (c == (object ? '}' : ']')) {
                        ++pos_;
                        stack_.pop_back();
                    } else {
                        return syntax(object ? "expected ',' or '}' after a member" : "expected ',' or ']' after an element");
                    }
                    break;
                }
            }
        }
    }

private:
    [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
    [[nodiscard]] char peek() const { return at_end() ? '\0' : text_[pos_]; }

    void skip_whitespace() {
        while (!at_end() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
            ++pos_;
    }

    std::optional<ScreenRefusal> refuse(ScreenFailure failure, std::string message) {
        if (!refusal_) refusal_ = ScreenRefusal{failure, std::move(message)};
        return refusal_;
    }

    // Syntax errors name the line and column (1-based, in bytes) where reading stopped.
    std::optional<ScreenRefusal> syntax(std::string_view what) {
        std::size_t line = 1;
        std::size_t column = 1;
        for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
            if (text_[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        return refuse(ScreenFailure::syntax, "invalid JSON at line " + std::to_string(line) + ", column " +
                                                 std::to_string(column) + ": " + std::string(what));
    }

    // The path of the innermost open container ("observations[0].ratings"), with its current member or element
    // too when `current` ("observations[0].ratings[2]"); empty at the top level.
    [[nodiscard]] std::string path(bool current) const {
        std::string out;
        const auto frames = stack_.size() - (current || stack_.empty() ? 0 : 1);
        for (std::size_t i = 0; i < frames; ++i) {
            const auto& frame = stack_[i];
            if (!frame.object)
                out += "[" + std::to_string(frame.count - 1) + "]";
            else if (is_identifier(frame.member))
                out += (out.empty() ? "" : ".") + frame.member;
            else
                out += "[" + quoted(frame.member) + "]";
        }
        return out;
    }

    // "in observations[0]", or "in the top-level object", for the innermost open container.
    [[nodiscard]] std::string in_container() const {
        const auto where = path(false);
        if (!where.empty()) return "in " + where;
        return std::string("in the top-level ") + (stack_.back().object ? "object" : "array");
    }

    void begin_element() {
        auto& frame = stack_.back();
        if (++frame.count > limits_.max_elements)
            refuse(ScreenFailure::too_many_elements, "an array has more than " +
                                                         std::to_string(limits_.max_elements) + " elements " +
                                                         in_container() + ": the limit is " +
                                                         std::to_string(limits_.max_elements));
    }

    bool begin_member(std::string name) {
        auto& frame = stack_.back();
        if (++frame.count > limits_.max_members) {
            refuse(ScreenFailure::too_many_members, "an object has more than " + std::to_string(limits_.max_members) +
                                                        " members " + in_container() + ": the limit is " +
                                                        std::to_string(limits_.max_members));
            return false;
        }
        auto key = limits_.fold_protobuf_names ? protobuf_json_name(name) : name;
        const auto [it, inserted] = frame.names.try_emplace(std::move(key), name);
        if (!inserted) {
            const auto& first = it->second;
            refuse(ScreenFailure::duplicate_member,
                   first == name ? "the member " + quoted(name) + " appears twice " + in_container()
                                 : "the members " + quoted(first) + " and " + quoted(name) + " " + in_container() +
                                       " name the same field (protobuf reads either name as that field)");
            return false;
        }
        frame.member = std::move(name);
        return true;
    }

    void scalar() {
        const char c = peek();
        if (c == '"') {
            static_cast<void>(string(nullptr));
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            number();
        } else if (!literal("true") && !literal("false") && !literal("null")) {
            syntax("expected a value (an object, array, string, number, true, false or null)");
        }
    }

    bool literal(std::string_view word) {
        if (text_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }

    bool digits() {
        const auto start = pos_;
        while (!at_end() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
        return pos_ > start;
    }

    // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    void number() {
        if (peek() == '-') ++pos_;
        if (peek() == '0') {
            ++pos_;
            if (peek() >= '0' && peek() <= '9') {
                syntax("a number cannot start with 0");
                return;
            }
        } else if (!digits()) {
            syntax("expected a digit");
            return;
        }
        if (peek() == '.') {
            ++pos_;
            if (!digits()) {
                syntax("expected a digit after the decimal point");
                return;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            ++pos_;
            if (peek() == '+' || peek() == '-') ++pos_;
            if (!digits()) syntax("expected a digit in the exponent");
        }
    }

    // Four hex digits after "\u"; nullopt (with the refusal set) otherwise.
    std::optional<std::uint32_t> hex4() {
        if (text_.size() - pos_ < 4) {
            syntax("a \\u escape needs four hex digits");
            return std::nullopt;
        }
        std::uint32_t value = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = text_[pos_++];
            value <<= 4;
            if (c >= '0' && c <= '9') value |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') value |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') value |= static_cast<std::uint32_t>(c - 'A' + 10);
            else {
                --pos_;
                syntax("a \\u escape needs four hex digits");
                return std::nullopt;
            }
        }
        return value;
    }

    // One escape after the backslash, appended to `out` when given; false on an error.
    bool escape(std::string* out) {
        const char c = peek();
        ++pos_;
        char plain = 0;
        switch (c) {
            case '"': plain = '"'; break;
            case '\\': plain = '\\'; break;
            case '/': plain = '/'; break;
            case 'b': plain = '\b'; break;
            case 'f': plain = '\f'; break;
            case 'n': plain = '\n'; break;
            case 'r': plain = '\r'; break;
            case 't': plain = '\t'; break;
            case 'u': {
                auto code_point = hex4();
                if (!code_point) return false;
                if (*code_point >= 0xDC00 && *code_point <= 0xDFFF) {
                    syntax("a \\u escape is a low surrogate without a high one before it");
                    return false;
                }
                if (*code_point >= 0xD800 && *code_point <= 0xDBFF) {
                    if (text_.substr(pos_, 2) != "\\u") {
                        syntax("a \\u escape is a high surrogate without a low one after it");
                        return false;
                    }
                    pos_ += 2;
                    const auto low = hex4();
                    if (!low) return false;
                    if (*low < 0xDC00 || *low > 0xDFFF) {
                        syntax("a \\u escape is a high surrogate without a low one after it");
                        return false;
                    }
                    *code_point = 0x10000 + ((*code_point - 0xD800) << 10) + (*low - 0xDC00);
                }
                if (out) append_utf8(*code_point, out);
                return true;
            }
            default:
                --pos_;
                syntax("unknown escape in a string");
                return false;
        }
        if (out) *out += plain;
        return true;
    }

    // Bytes of one well-formed UTF-8 sequence starting at pos_ (0 when it is not one): no overlong forms, no
    // surrogates, nothing past U+10FFFF.
    [[nodiscard]] std::size_t utf8_sequence() const {
        const auto byte = [this](std::size_t i) -> unsigned {
            return pos_ + i < text_.size() ? static_cast<unsigned char>(text_[pos_ + i]) : 0U;
        };
        const auto lead = byte(0);
        const auto continuation = [&](std::size_t i, unsigned low = 0x80, unsigned high = 0xBF) {
            return byte(i) >= low && byte(i) <= high;
        };
        if (lead < 0x80) return 1;
        if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
        if (lead == 0xE0) return continuation(1, 0xA0) && continuation(2) ? 3 : 0;
        if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF)
            return continuation(1) && continuation(2) ? 3 : 0;
        if (lead == 0xED) return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0;
        if (lead == 0xF0) return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0;
        if (lead >= 0xF1 && lead <= 0xF3) return continuation(1) && continuation(2) && continuation(3) ? 4 : 0;
        if (lead == 0xF4) return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0;
        return 0;
    }

    // A string from its opening quote; its unescaped text goes to `out` when given. False on an error.
    bool string(std::string* out) {
        ++pos_;  // the opening quote
        for (;;) {
            if (at_end()) {
                syntax("a string is not closed");
                return false;
            }
            const auto c = static_cast<unsigned char>(text_[pos_]);
            if (c == '"') {
                ++pos_;
                return true;
            }
            if (c == '\\') {
                ++pos_;
                if (at_end()) {
                    syntax("a string is not closed");
                    return false;
                }
                if (!escape(out)) return false;
                continue;
            }
            if (c < 0x20) {
                syntax("a control character must be escaped in a string");
                return false;
            }
            const auto length = utf8_sequence();
            if (length == 0) {
                syntax("a string is not valid UTF-8");
                return false;
            }
            if (out) out->append(text_.substr(pos_, length));
            pos_ += length;
        }
    }

    std::string_view text_;
    const ScreenLimits& limits_;
    std::size_t pos_ = 0;
    std::vector<Frame> stack_;
    std::optional<ScreenRefusal> refusal_;
};

}  // namespace

std::optional<ScreenRefusal> screen(std::string_view text, const ScreenLimits& limits) {
    return Screen(text, limits).run();
}

std::string protobuf_json_name(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    bool capitalize_next = false;
    for (const char c : name) {
        if (c == '_') {
            capitalize_next = true;
        } else if (capitalize_next) {
            out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
            capitalize_next = false;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace floorwalk::json
