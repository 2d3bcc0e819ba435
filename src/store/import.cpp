#include "store/import.hpp"

#include <fmt/format.h>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "render/case_view.hpp"
#include "render/json.hpp"
#include "store/codec.hpp"

namespace owner {

std::vector<ImportEntry> parse_import(std::string_view bytes, const std::string& what) {
    const Json doc = parse_json(bytes, what);
    const Json* schema = doc.find("schema");
    const Json* list = doc.find("cases");
    if (!schema || schema->number() != kJsonSchema || !list || !list->array_items()) {
        throw Error(fmt::format(
            "{}: not an owner export (expected {{\"schema\": 1, \"cases\": [...]}})", what));
    }
    std::vector<ImportEntry> entries;
    for (std::size_t i = 0; i < list->array_items()->size(); ++i) {
        const Json& entry = (*list->array_items())[i];
        const Json* toml = entry.find("toml");
        if (!toml || !toml->string()) {
            throw Error(fmt::format("{}: cases[{}]: expected a \"toml\" string", what, i));
        }
        Case c = parse_case(*toml->string(), fmt::format("{}: cases[{}]", what, i));
        if (auto problem = case_text_problem(c)) {
            throw UsageError(fmt::format(
                "{}: cases[{}] ({}): {}; text must be valid UTF-8 without control characters", what,
                i, c.id, *problem));
        }
        entries.push_back(ImportEntry{std::move(c), *toml->string()});
    }
    return entries;
}

}  // namespace owner
